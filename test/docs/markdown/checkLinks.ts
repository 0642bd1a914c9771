/**
 * Relative links of the documentation: each must name a file or folder that exists, and an
 * anchor must name a heading (GitHub's slug) of the Markdown file it points into. External links
 * are listed, not fetched.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { anchors, links, type MarkdownFile } from "./parse";

/** The outcome of checking the links of some files. */
export interface LinkCheckResult {
  /** One line per broken link: `file:line: message`. */
  problems: string[];
  /** External targets (`https:`, `mailto:`…), in order of appearance, unchecked. */
  external: string[];
  /** How many relative links were checked. */
  checked: number;
}

/** Checks the links of `files`, whose paths are relative to `root`. */
export function checkLinks(files: readonly MarkdownFile[], root: string): LinkCheckResult {
  const result: LinkCheckResult = { problems: [], external: [], checked: 0 };
  const anchorsOf = new Map<string, Set<string>>();
  const anchorsIn = (file: string) => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(readFileSync(file, "utf8")));
    return anchorsOf.get(file)!;
  };
  for (const file of files) {
    for (const link of links(file.path, file.text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link.target) || link.target.startsWith("//")) {
        result.external.push(link.target);
        continue;
      }
      result.checked++;
      const at = `${link.file}:${link.line}`;
      const hash = link.target.indexOf("#");
      const target = decodeURIComponent(hash < 0 ? link.target : link.target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
      const resolved = target
        ? path.resolve(root, path.dirname(file.path), target.split("?")[0])
        : path.join(root, file.path);
      if (
        !path
          .relative(root, resolved)
          .split(path.sep)
          .every((part) => part !== "..")
      ) {
        result.problems.push(`${at}: ${link.target} points outside the repository`);
        continue;
      }
      if (!existsSync(resolved)) {
        result.problems.push(
          `${at}: ${link.target}: no such file ${path.relative(root, resolved)}`,
        );
        continue;
      }
      if (anchor === undefined || anchor === "") continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith(".md")) {
        // GitHub's line anchors (#L10) on source files; other anchors need a Markdown target.
        if (!/^L\d+(-L\d+)?$/.test(anchor)) {
          result.problems.push(
            `${at}: ${link.target}: anchor #${anchor} on a file that is not Markdown`,
          );
        }
        continue;
      }
      if (!anchorsIn(resolved).has(anchor)) {
        result.problems.push(
          `${at}: ${link.target}: ${path.relative(root, resolved)} has no heading with anchor #${anchor}`,
        );
      }
    }
  }
  return result;
}
