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
