/**
 * Just enough Markdown for the documentation tests: the user-facing Markdown files, their fenced
 * code blocks (with the opt-out comment), headings as GitHub anchors, and links.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** A Markdown file: its path relative to the root it was found under, and its text. */
export interface MarkdownFile {
  path: string;
  text: string;
}

/** A fenced code block. `line` is the 1-based line of its opening fence. */
export interface CodeBlock {
  file: string;
  line: number;
  /** The 1-based line of its closing fence (the file's last line when unclosed). */
  endLine: number;
  /** The info string's first word, lower-cased; `""` for an untagged block. */
  lang: string;
  /** The content, with the fence's indentation removed. */
  code: string;
  /** The reason given by `<!-- docs-test: skip (reason) -->` on the line before, if any. */
  skip?: string;
  /** True when the line before says `<!-- docs-test: skip -->` without a reason. */
  skipWithoutReason?: true;
}

/** The Markdown files the tests cover: README.md and docs/**\/*.md, except the generated docs/api/. */
export function documentationFiles(root: string): MarkdownFile[] {
  const files: string[] = [];
  if (existsSync(path.join(root, "README.md"))) files.push("README.md");
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (rel !== "docs/api") walk(rel);
      } else if (entry.name.endsWith(".md")) files.push(rel);
    }
  };
  if (existsSync(path.join(root, "docs"))) walk("docs");
  return files.sort().map((p) => ({ path: p, text: readFileSync(path.join(root, p), "utf8") }));
}

const FENCE = /^( *)(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const SKIP = /^\s*<!--\s*docs-test:\s*skip\s*(?:\((.*)\))?\s*-->\s*$/;

/**
 * The fenced blocks of `text`, indented ones (in list items) included. An unclosed fence runs
 * to the end of the file, as CommonMark says.
 */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const close = new RegExp(`^ *${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
      .join("\n");
    const block: CodeBlock = {
      file,
      line: i + 1,
      endLine: Math.min(end + 1, lines.length),
      lang: lang.toLowerCase(),
      code: `${code}\n`,
    };
    // Prettier puts a blank line between an HTML comment and a fence: look past blank lines.
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    const marker = before >= 0 ? SKIP.exec(lines[before]) : null;
    if (marker?.[1]?.trim()) block.skip = marker[1].trim();
    else if (marker) block.skipWithoutReason = true;
    blocks.push(block);
    i = end;
  }
  return blocks;
}

/** `text` with every fenced block's lines blanked, so that line numbers stay right. */
function withoutCodeBlocks(text: string): string {
  const lines = text.split("\n");
  for (const block of codeBlocks("", text)) {
    for (let i = block.line - 1; i < block.endLine; i++) lines[i] = "";
  }
  return lines.join("\n");
}

/** GitHub's anchor for a heading's text: inline markup dropped, lower case, punctuation removed. */
export function githubSlug(heading: string): string {
  const plain = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/`/g, "");
  return plain
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor of a Markdown file: its ATX headings (duplicates get -1, -2…) and HTML ids. */
export function anchors(text: string): Set<string> {
  const found = new Set<string>();
  const counts = new Map<string, number>();
  for (const line of withoutCodeBlocks(text).split("\n")) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]);
      const n = counts.get(slug) ?? 0;
      counts.set(slug, n + 1);
      found.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

/** A link of a Markdown file: its target as written and the line it is on. */
export interface Link {
  file: string;
  line: number;
  target: string;
}

/**
 * The links of `text` outside code: inline `[text](target)`, images, and reference definitions
 * `[label]: target`. Inline code spans are ignored.
 */
export function links(file: string, text: string): Link[] {
  const found: Link[] = [];
  const lines = withoutCodeBlocks(text).split("\n");
  lines.forEach((raw, i) => {
    const line = raw.replace(/(`+)[^`]*?\1/g, "");
    for (const m of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ file, line: i + 1, target: m[1].replace(/^<|>$/g, "") });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (definition) found.push({ file, line: i + 1, target: definition[1].replace(/^<|>$/g, "") });
  });
  return found;
}
