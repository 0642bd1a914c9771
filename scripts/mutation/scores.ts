/**
 * Mutation scores per folder from Stryker's JSON report (the mutation-testing-report schema):
 * the target is 90 % on each folder, not on the whole, so a strong folder cannot hide
 * a weak one.
 */
import { readFileSync } from "node:fs";

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

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Scores of each tracked folder in `report`, in TRACKED order. */
export function folderScores(report: Report): FolderScore[] {
  return TRACKED.map((folder) => {
    const counts = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, invalid: 0 };
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const rel = file.replace(/^.*?(?=src\/)/, "");
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
  const scores = folderScores(JSON.parse(readFileSync(file, "utf8")) as Report);
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
