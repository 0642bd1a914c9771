// Mocha config of `npm run test:mutation` (stryker.config.mjs). Only in-process tests can see a
// mutant (tests that spawn the built `dist/` run unmutated code), so this lists the in-process
// suites covering the mutated folders. MUTATION_FOLDER (set by scripts/mutation/run.ts when a run
// names one folder) narrows the list to that folder's suites, so a per-folder run does not pay
// for the other folders' tests; unset, every suite runs.
const callbacks = [
  "test/callbacks/adapters.test.ts",
  "test/callbacks/dedupeStores.test.ts",
  "test/callbacks/decoded.test.ts",
  "test/callbacks/eventKey.test.ts",
  "test/callbacks/events.test.ts",
  "test/callbacks/handler.test.ts",
  "test/callbacks/keys.test.ts",
  "test/callbacks/limits.test.ts",
  "test/callbacks/receiverFailures.test.ts",
  "test/callbacks/receiverCore.test.ts",
  "test/callbacks/redisDedupe.test.ts",
  "test/callbacks/scf.test.ts",
  "test/callbacks/signature.test.ts",
  "test/callbacks/fuzz.test.ts",
  "test/integration/callbacks.test.ts",
];
const provider = [
  "test/provider/*.test.ts",
  "test/integration/lookups.test.ts",
  "test/integration/ownership.test.ts",
  "test/integration/provider.test.ts",
  "test/credentials/*.test.ts",
  "test/faults/client.test.ts",
  "test/faults/survivors.test.ts",
  "test/faults/secrets.test.ts",
  "test/faults/badInput.test.ts",
  "test/faults/budget.test.ts",
  "test/faults/convergence.test.ts",
  "test/faults/failures.test.ts",
];
// The suites that exercise src/api in-process: the provider's suites (which drive the client
// against the emulator) and the client's own pieces. A first run with only the pieces' suites
// scored 71.6 %: most of the client is proven through the provider's integration tests. The
// credential sources' end-to-end proofs (test/proof) spawn the built dist/ and so cannot see a
// mutant.
const api = [
  ...provider,
  "test/performance/rateLimit.test.ts",
  "test/performance/rateLimiter.test.ts",
  "test/performance/readCache.test.ts",
  "test/api/loopback.test.ts",
  "test/api/names.test.ts",
  "test/api/rules.test.ts",
  "test/api/templateMatch.test.ts",
];
// A per-folder run's suites: those that test the folder itself. A mutant runs only the tests
// that cover it, but code as central as the signature check is covered by nearly every receiver
// test, and running those for each of its mutants would take an hour. src/api and src/provider
// also run in parts (api-core, api-credentials, provider-core, provider-template,
// provider-binding), each a sitting on a loaded 2-core machine; `npm run test:mutation --
// --scores` adds the parts' reports up per folder.
const groups = {
  signature: ["test/callbacks/signature.test.ts", "test/callbacks/keys.test.ts"],
  dedupe: [
    "test/callbacks/dedupeStores.test.ts",
    "test/callbacks/keys.test.ts",
    "test/callbacks/redisDedupe.test.ts",
  ],
  receive: callbacks,
  api: provider,
  provider,
  "api-core": api,
  "api-credentials": [
    "test/credentials/*.test.ts",
    "test/provider/settings.test.ts",
    "test/faults/secrets.test.ts",
  ],
  "provider-core": provider,
  "provider-template": provider,
  "provider-binding": provider,
};
const selected = process.env.MUTATION_FOLDER;
if (selected !== undefined && !Object.hasOwn(groups, selected)) {
  throw new Error(
    `MUTATION_FOLDER must be one of ${Object.keys(groups).join(", ")}; got "${selected}"`,
  );
}

module.exports = {
  require: ["tsx/cjs"],
  extension: ["ts"],
  timeout: 60000,
  spec: selected === undefined ? [...callbacks, ...provider] : groups[selected],
};
