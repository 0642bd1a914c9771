/**
 * Mutation scores per folder from Stryker's JSON report (the mutation-testing-report schema):
 * the target is 90 % on each folder, not on the whole, so a strong folder cannot hide
 * a weak one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/** The folders (or single files) whose scores are tracked, as in stryker.config.mjs. */
export const TRACKED = [
  "src/provider/",
  "src/api/",
  "src/callbacks/receive/",
  "src/callbacks/signature.ts",
  "src/callbacks/dedupe/",
] as const;

/** Mutant counts of one folder. */
export interface FolderScore {
  folder: string;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  /** Mutants the checker or runtime rejected, or ignored ones: not part of the score. */
  invalid: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent. */
  score: number;
}

/** A mutant as Stryker's JSON report gives it: its status, and where and what it changed. */
export interface ReportMutant {
  status: string;
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number } };
}

/** The part of Stryker's JSON report the scores and the survivor list read. */
export interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/** A file's path from `src/` on: reports written from sandboxes or other roots then agree. */
function sourcePath(file: string): string {
  return file.replace(/^.*?(?=src\/)/, "");
}

/**
 * One report of several, oldest first: a file in more than one takes its mutants from the
 * newest, since a later run of a part (or of its whole folder) supersedes an earlier one.
 */
export function mergeReports(reportsOldestFirst: readonly Report[]): Report {
  const files: Report["files"] = {};
  for (const report of reportsOldestFirst) {
    for (const [file, entry] of Object.entries(report.files)) files[sourcePath(file)] = entry;
  }
  return { files };
}

/** Scores of each tracked folder in `report`, in TRACKED order. */
export function folderScores(report: Report): FolderScore[] {
  return TRACKED.map((folder) => {
    const counts = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, invalid: 0 };
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const rel = sourcePath(file);
      if (!(folder.endsWith("/") ? rel.startsWith(folder) : rel === folder)) continue;
      for (const { status } of mutants) {
        if (status === "Killed") counts.killed++;
        else if (status === "Survived") counts.survived++;
        else if (status === "NoCoverage") counts.noCoverage++;
        else if (status === "Timeout") counts.timeout++;
        else counts.invalid++;
      }
    }
    const detected = counts.killed + counts.timeout;
    const valid = detected + counts.survived + counts.noCoverage;
    return { folder, ...counts, score: valid === 0 ? 100 : (100 * detected) / valid };
  });
}

/** Prints the per-folder table for the report at `file`. */
export function printFolderScores(file: string): FolderScore[] {
  return printScores(folderScores(JSON.parse(readFileSync(file, "utf8")) as Report));
}

/**
 * Every `mutation.json` under `dir` (one folder down: each per-folder run writes its own) as
 * one report, a file's newest report counting; logs which reports it read.
 */
export function readMergedReports(dir: string): Report {
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dir, d.name, "mutation.json"))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile() === true)
    .map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }))
    .sort((a, b) => a.mtimeMs - b.mtimeMs);
  console.log(`reports: ${found.map((f) => path.relative(dir, f.file)).join(", ") || "none"}`);
  return mergeReports(found.map((f) => JSON.parse(readFileSync(f.file, "utf8")) as Report));
}

/** Prints the per-folder table of `scores`, marking a folder below 90 % with `!`. */
export function printScores(scores: FolderScore[]): FolderScore[] {
  console.log("\nfolder                        score  killed timeout survived no-cov");
  for (const s of scores) {
    // A per-folder run's report holds that folder only: the others were not measured, not 100 %.
    if (s.killed + s.timeout + s.survived + s.noCoverage + s.invalid === 0) {
      console.log(` ${s.folder.padEnd(29)}  (not in this run)`);
      continue;
    }
    const mark = s.score >= 90 ? " " : "!";
    console.log(
      `${mark}${s.folder.padEnd(29)}${s.score.toFixed(1).padStart(6)} ${String(s.killed).padStart(7)}` +
        `${String(s.timeout).padStart(8)}${String(s.survived).padStart(9)}${String(s.noCoverage).padStart(7)}`,
    );
  }
  return scores;
}
