/**
 * The survivors still owed a test: mutants of a report that survived or were never covered and
 * that `test/mutation/equivalent.md` does not list. The habit the issue asks for is "every
 * survivor is killed or listed with why"; this is the list that says which are neither.
 */
import type { Report } from "./scores";

/** One mutant owed a test. */
export interface Unlisted {
  file: string;
  line: number;
  column: number;
  status: "Survived" | "NoCoverage";
  mutator: string;
  replacement: string;
}

/**
 * The `file:line` places the equivalent-mutant list names: each entry starts with
 * `` `src/…/file.ts:<line>` ``; a later mention on the same line (`` and `:127` ``) names
 * another line of the same file.
 */
export function listedPlaces(equivalentMarkdown: string): Set<string> {
  const places = new Set<string>();
  let file = "";
  for (const match of equivalentMarkdown.matchAll(/`(src\/[^`:\s]+)?:(\d+)`/g)) {
    if (match[1] !== undefined) file = match[1];
    if (file) places.add(`${file}:${match[2]}`);
  }
  return places;
}

/**
 * Survivors of `report` not at a listed place, in file and line order. A mutant without
 * coverage is always owed a test (no test runs its code, so nothing shows it equivalent), so
 * those are returned even where the list names the line.
 */
export function unlistedSurvivors(report: Report, listed: ReadonlySet<string>): Unlisted[] {
  const out: Unlisted[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
      const line = m.location?.start.line ?? 0;
      if (m.status === "Survived" && listed.has(`${file}:${line}`)) continue;
      out.push({
        file,
        line,
        column: m.location?.start.column ?? 0,
        status: m.status,
        mutator: m.mutatorName ?? "",
        replacement: m.replacement ?? "",
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** One line per mutant: `file:line:column status mutator => replacement`. */
export function formatUnlisted(list: readonly Unlisted[]): string {
  return list
    .map(
      (u) =>
        `${u.file}:${u.line}:${u.column} ${u.status} ${u.mutator} => ${JSON.stringify(u.replacement)}`,
    )
    .join("\n");
}
