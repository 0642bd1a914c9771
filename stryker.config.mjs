// Mutation testing (`npm run test:mutation`): StrykerJS over the code whose mistakes cost users
// events or objects. Only in-process tests can see a mutant (tests that spawn the built `dist/`
// run unmutated code), so .mocharc.mutation.json lists the in-process suites covering these folders.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "mocha",
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  mutate: [
    "src/provider/**/*.ts",
    "src/api/**/*.ts",
    "src/callbacks/receive/**/*.ts",
    "src/callbacks/signature.ts",
    "src/callbacks/dedupe/**/*.ts",
  ],
  // The in-process suites covering these folders (see .mocharc.mutation.json).
  mochaOptions: { config: ".mocharc.mutation.json", "no-package": true },
  ignorePatterns: ["dist", "reports", ".emulator-state*.json", "tools", "bench"],
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
