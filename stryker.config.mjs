// Mutation testing (`npm run test:mutation`): StrykerJS over the code whose mistakes cost users
// events or objects. Only in-process tests can see a mutant (tests that spawn the built `dist/`
// run unmutated code), so .mocharc.mutation.cjs lists the in-process suites covering these folders.
// A per-folder run (`npm run test:mutation -- <folder>`, scripts/mutation/run.ts) sets
// MUTATION_FOLDER: its reports and incremental file go to reports/mutation/<folder>/, so each
// folder's rerun reuses its own results and a run of one folder never discards another's.
// Its sandboxes go to .stryker-tmp/<folder>/, so runs of different folders can run side by side.
const folder = process.env.MUTATION_FOLDER;
const reportDir = folder ? `reports/mutation/${folder}` : "reports/mutation";
const tempDir = folder ? `.stryker-tmp/${folder}` : ".stryker-tmp";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "mocha",
  checkers: ["typescript"],
  // The checker compiles src/ only (tsconfig.mutation.json): a mutant of src/ that breaks the
  // types breaks them in src/, and compiling the tests and scripts as well made the checker,
  // not the tests, take most of a run's time.
  tsconfigFile: "tsconfig.mutation.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  mutate: [
    "src/provider/**/*.ts",
    "src/api/**/*.ts",
    "src/callbacks/receive/**/*.ts",
    "src/callbacks/signature.ts",
    "src/callbacks/dedupe/**/*.ts",
  ],
  // The in-process suites covering these folders (see .mocharc.mutation.cjs).
  mochaOptions: { config: ".mocharc.mutation.cjs", "no-package": true },
  ignorePatterns: ["dist", "reports", ".stryker-tmp", ".emulator-state*.json", "/tools", "/bench"],
  incremental: true,
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  tempDirName: tempDir,
  cleanTempDir: "always",
};
