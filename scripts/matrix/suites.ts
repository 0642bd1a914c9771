/**
 * The suites every matrix cell runs: the host-level proofs, each driving Pulumi's own
 * dynamic-provider host from a consumer project that installed the packed library. The one list
 * to extend when a new host-level suite should be proven across versions.
 */
export const MATRIX_SUITES: readonly string[] = [
  "test/proof/host.test.ts",
  "test/proof/ownership.test.ts",
  "test/proof/secrets.test.ts",
  "test/proof/upgrade.test.ts",
  "test/proof/import.test.ts",
  "test/proof/examples.test.ts",
  "test/proof/runbooks.test.ts",
  "test/policy/pack.test.ts",
];

/**
 * The real-CLI suites the cells marked `cli` run besides (`pulumi` of `npm run pulumi:bin`):
 * the lifecycle from a user's typing, drift and refresh, and secrets with `__provider` as the
 * real state file stores it. The heavy ones (scale, interruption) run once, in `npm run test:cli`.
 */
export const MATRIX_CLI_SUITES: readonly string[] = [
  "test/pulumi/quickstart.test.ts",
  "test/pulumi/drift.test.ts",
  "test/pulumi/secrets.test.ts",
];

/** The suites of a cell. */
export function cellSuites(cell: { cli?: boolean }): readonly string[] {
  return cell.cli ? [...MATRIX_SUITES, ...MATRIX_CLI_SUITES] : MATRIX_SUITES;
}
