/**
 * Checks a documentation code block by its language tag, with the tool of that language where
 * one exists: Python is compiled (`python3 -m py_compile`), Go parsed (`gofmt -e`), JavaScript
 * parsed (`node --check`), shell parsed (`bash -n`) and its npm scripts and CLI command lines
 * checked; YAML and JSON are parsed, and a Pulumi YAML program is checked against the plugin's
 * schema. TypeScript blocks are returned to the caller, which type-checks them against the
 * packed library. Output blocks (`text`, `console`, `output`) are not checked.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { CodeBlock } from "./parse";
import { checkPulumiYamlProgram, isPulumiYamlProgram, type PluginSchema } from "./pulumiYaml";
import { checkShellCommands } from "./shell";

/** What the checks need from the repository. */
export interface BlockCheckContext {
  /** package.json's scripts. */
  scripts: Readonly<Record<string, string>>;
  /** plugin/schema.json. */
  schema: PluginSchema;
}

/** The outcome of checking a set of blocks. */
export interface BlockCheckResult {
  /** One line per problem: `file:line (lang): message`. */
  problems: string[];
  /** Blocks opted out with `<!-- docs-test: skip (reason) -->`. */
  skipped: CodeBlock[];
  /** Output blocks, shown to the reader and not checked. */
  output: CodeBlock[];
  /** TypeScript blocks, for the caller's type check. */
  typescript: CodeBlock[];
  /** Blocks checked here, by language. */
  checked: Record<string, number>;
  /** Languages left unchecked because their tool is not installed, with the tool's name. */
  missingTools: string[];
}

const OUTPUT = new Set(["text", "console", "output"]);
const TYPESCRIPT = new Set(["ts", "typescript"]);
const LANGUAGE = {
  python: "python",
  py: "python",
  yaml: "yaml",
  yml: "yaml",
  json: "json",
  go: "go",
  bash: "shell",
  sh: "shell",
  shell: "shell",
  js: "javascript",
  javascript: "javascript",
  diff: "diff",
} as const satisfies Record<string, string>;
type Language = (typeof LANGUAGE)[keyof typeof LANGUAGE];

/** The languages a block may be tagged with. */
export const KNOWN_TAGS: readonly string[] = [...OUTPUT, ...TYPESCRIPT, ...Object.keys(LANGUAGE)];

const where = (b: CodeBlock) => `${b.file}:${b.line} (${b.lang || "no language"})`;

/** Checks `blocks`; never throws for a bad block (each problem is reported). */
export function checkBlocks(
  blocks: readonly CodeBlock[],
  context: BlockCheckContext,
): BlockCheckResult {
  const result: BlockCheckResult = {
    problems: [],
    skipped: [],
    output: [],
    typescript: [],
    checked: {},
    missingTools: [],
  };
  const byLanguage = new Map<Language, CodeBlock[]>();
  for (const block of blocks) {
    if (block.skipWithoutReason) {
      result.problems.push(
        `${where(block)}: docs-test skip needs a reason: <!-- docs-test: skip (why) -->`,
      );
    } else if (block.skip !== undefined) {
      result.skipped.push(block);
    } else if (block.lang === "") {
      result.problems.push(
        `${where(block)}: a code block needs a language tag (one of ${KNOWN_TAGS.join(", ")})`,
      );
    } else if (OUTPUT.has(block.lang)) {
      result.output.push(block);
    } else if (TYPESCRIPT.has(block.lang)) {
      result.typescript.push(block);
    } else if (block.lang in LANGUAGE) {
      const language = LANGUAGE[block.lang as keyof typeof LANGUAGE];
      byLanguage.set(language, [...(byLanguage.get(language) ?? []), block]);
    } else {
      result.problems.push(
        `${where(block)}: no check for language "${block.lang}" (known: ${KNOWN_TAGS.join(", ")})`,
      );
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "live-callbacks-docs-blocks-"));
  try {
    for (const [language, group] of byLanguage) {
      try {
        result.problems.push(...CHECKS[language](group, dir, context));
        result.checked[language] = group.length;
      } catch (err) {
        if (!(err instanceof MissingTool)) throw err;
        result.missingTools.push(`${group.length} ${language} block(s) unchecked: ${err.message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  result.problems.sort(byPlace);
  return result;
}

/** Orders `file:line …` messages by file, then line. */
function byPlace(a: string, b: string): number {
  const place = (m: string) => /^(.*?):(\d+)/.exec(m) ?? ["", m, "0"];
  const [, fileA, lineA] = place(a);
  const [, fileB, lineB] = place(b);
  return fileA === fileB ? Number(lineA) - Number(lineB) : fileA < fileB ? -1 : 1;
}

type Check = (blocks: CodeBlock[], dir: string, context: BlockCheckContext) => string[];

/** Writes each block to its own file in `dir`; returns the paths, in the blocks' order. */
function writeBlocks(
  blocks: CodeBlock[],
  dir: string,
  extension: (b: CodeBlock) => string,
): string[] {
  return blocks.map((block, i) => {
    const file = path.join(dir, `block-${i}-line-${block.line}${extension(block)}`);
    writeFileSync(file, block.code);
    return file;
  });
}

/** A language's tool is not installed: its blocks cannot be checked on this machine. */
export class MissingTool extends Error {}

/** Runs `command`; throws {@link MissingTool} when it is not installed. */
function run(command: string, args: string[]): { status: number; output: string } {
  const child = spawnSync(command, args, { encoding: "utf8" });
  if (child.error) throw new MissingTool(`${command}: ${child.error.message}`);
  return { status: child.status ?? 1, output: `${child.stdout}${child.stderr}` };
}

/** Runs `command <file>` once per block; a non-zero exit is that block's problem. */
function perFile(command: string, args: string[], extension: (b: CodeBlock) => string): Check {
  return (blocks, dir) => {
    const files = writeBlocks(blocks, dir, extension);
    const problems: string[] = [];
    blocks.forEach((block, i) => {
      const outcome = run(command, [...args, files[i]]);
      if (outcome.status !== 0) {
        problems.push(`${where(block)}: ${outcome.output.split(files[i]).join("block").trim()}`);
      }
    });
    return problems;
  };
}

const PY_COMPILE = `
import py_compile, sys
for f in sys.argv[1:]:
    try:
        py_compile.compile(f, cfile=f + "c", doraise=True)
    except py_compile.PyCompileError as e:
        print(f + "\\t" + " ".join(str(e.msg).split()))
`;

const CHECKS: Record<Language, Check> = {
  python: (blocks, dir) => {
    const files = writeBlocks(blocks, dir, () => ".py");
    const outcome = run("python3", ["-c", PY_COMPILE, ...files]);
    if (outcome.status !== 0) return [`python3 failed: ${outcome.output}`];
    return outcome.output
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [file, message] = l.split("\t");
        return `${where(blocks[files.indexOf(file)])}: ${message.split(file).join("block")}`;
      });
  },
  go: perFile("gofmt", ["-e", "-l"], () => ".go"),
  javascript: perFile(process.execPath, ["--check"], (b) =>
    /^\s*(import|export)\s/m.test(b.code) ? ".mjs" : ".cjs",
  ),
  shell: (blocks, dir, context) => [
    ...perFile("bash", ["-n"], () => ".sh")(blocks, dir, context),
    ...blocks.flatMap((block) =>
      checkShellCommands(block.code, context.scripts).map(
        (p) => `${block.file}:${block.line + p.line} (${block.lang}): ${p.message}`,
      ),
    ),
  ],
  json: (blocks) =>
    blocks.flatMap((block) => {
      try {
        JSON.parse(block.code);
        return [];
      } catch (err) {
        return [`${where(block)}: ${(err as Error).message}`];
      }
    }),
  yaml: (blocks, _dir, context) =>
    blocks.flatMap((block) =>
      parseAllDocuments(block.code).flatMap((doc) => {
        if (doc.errors.length > 0) return doc.errors.map((e) => `${where(block)}: ${e.message}`);
        const value: unknown = doc.toJS();
        if (!isPulumiYamlProgram(value)) return [];
        return checkPulumiYamlProgram(value, context.schema).map((m) => `${where(block)}: ${m}`);
      }),
    ),
  diff: (blocks) =>
    blocks.flatMap((block) => {
      const lines = block.code.replace(/\n$/, "").split("\n");
      const bad = lines.findIndex((l) => !/^([-+ @]|$)/.test(l));
      if (bad >= 0)
        return [`${where(block)}: line ${bad + 1} of a diff starts with none of "+", "-", " "`];
      if (!lines.some((l) => /^[-+]/.test(l))) return [`${where(block)}: a diff without a change`];
      return [];
    }),
};
