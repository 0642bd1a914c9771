// "Nothing lost under faults": each scenario applies the stack under injected faults, retrying
// the whole `up` like a pipeline, then the account must hold exactly the declared stack and a
// further `up` must not write anything.
import assert from "node:assert/strict";
import { MAX_UPS, runScenario } from "./runScenario";
import { CONVERGING_SCENARIOS } from "./scenarios";

describe("faults: the stack converges", function () {
  this.timeout(30_000);

  for (const scenario of CONVERGING_SCENARIOS.filter((s) => !s.chaosOnly)) {
    it(scenario.name, async () => {
      const r = await runScenario(scenario);
      const report = JSON.stringify(r, null, 2);
      assert.ok(r.ok, `no up succeeded within ${MAX_UPS}: ${report}`);
      assert.deepEqual(r.duplicates, [], report);
      assert.deepEqual(r.orphans, [], report);
      assert.deepEqual(r.drift, [], report);
      assert.equal(r.rerunWrites, 0, `the run after convergence wrote: ${report}`);
      assert.equal(r.rerunChanges, 0, `the run after convergence saw changes: ${report}`);
      // The faults really hit calls, and the client really retried around them.
      assert.ok(r.faultsInjected > 0, `no fault fired: ${report}`);
      assert.ok(r.retries > 0, `no retry was made: ${report}`);
    });
  }
});
