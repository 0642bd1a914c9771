// Issue "two API reads per preview however large the stack": a preview (diff of every resource)
// and a refresh (read of every resource) of 50 templates + 2000 bindings, driven with the
// engine's concurrency through the provider functions of one provider process, make at most one
// listing of each kind and nothing else. Counts come from the emulator; no timing is asserted.
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import { callCounts, callsSince, type CallDelta } from "../../scripts/bench/calls";
import { engineConcurrency } from "../../scripts/bench/pool";
import { seedStack, type SeededStack } from "../../scripts/bench/seed";
import { preview, refresh } from "../../scripts/bench/workload";
import { newRun } from "../support/providerRun";

const TEMPLATES = 50;
const BINDINGS = 2000;

/** The bound of the issue: one listing of each kind, no per-template Describe, no write. */
function assertTwoReadsAtMost(calls: CallDelta): void {
  assert.ok(
    calls.byAction.DescribeLiveCallbackTemplates <= 1,
    `DescribeLiveCallbackTemplates: ${calls.byAction.DescribeLiveCallbackTemplates}`,
  );
  assert.ok(
    calls.byAction.DescribeLiveCallbackRules <= 1,
    `DescribeLiveCallbackRules: ${calls.byAction.DescribeLiveCallbackRules}`,
  );
  assert.equal(calls.byAction.DescribeLiveCallbackTemplate, 0);
  assert.equal(calls.writes, 0);
}

describe("performance: reads of a large stack", function () {
  // Seeding 2000 bindings takes seconds on an idle machine and much longer on a loaded one.
  this.timeout(180_000);
  let emulator: EmulatorHandle;
  let stack: SeededStack;

  before(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    stack = await seedStack(emulator, TEMPLATES, BINDINGS);
    assert.equal(emulator.state().rules.length, BINDINGS);
  });
  after(() => emulator?.stop());

  it(`preview of ${TEMPLATES} templates + ${BINDINGS} bindings, concurrent diffs: ≤ 1 listing of each kind`, async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    const outcome = await preview(run, stack, engineConcurrency());
    const calls = callsSince(emulator, before);
    assert.deepEqual(outcome, { diffs: TEMPLATES + BINDINGS, changed: 0 });
    assertTwoReadsAtMost(calls);
    // The client saw the same: nothing was retried, no other action was sent.
    assert.deepEqual(run.client.stats(), {
      calls: { DescribeLiveCallbackTemplates: 1, DescribeLiveCallbackRules: 1 },
      retries: 0,
      tokenRenewals: 0,
    });
    assert.deepEqual(run.logs, []);
  });

  it("successive (not concurrent) diffs within the freshness window share the listing", async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    const outcome = await preview(run, stack, 1);
    assert.deepEqual(outcome, { diffs: TEMPLATES + BINDINGS, changed: 0 });
    assertTwoReadsAtMost(callsSince(emulator, before));
  });

  it(`refresh of ${TEMPLATES} templates + ${BINDINGS} bindings, concurrent reads: ≤ 1 listing of each kind`, async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    const outcome = await refresh(run, stack, engineConcurrency());
    assert.deepEqual(outcome, { reads: TEMPLATES + BINDINGS, found: TEMPLATES + BINDINGS });
    assertTwoReadsAtMost(callsSince(emulator, before));
  });

  it("a preview followed by a refresh in the same process still lists each kind once", async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    await preview(run, stack, engineConcurrency());
    await refresh(run, stack, engineConcurrency());
    assertTwoReadsAtMost(callsSince(emulator, before));
  });

  it("each run (provider process) lists afresh: two runs make two listings of each kind", async () => {
    const before = callCounts(emulator);
    await preview(newRun(emulator), stack, engineConcurrency());
    await preview(newRun(emulator), stack, engineConcurrency());
    const calls = callsSince(emulator, before);
    assert.equal(calls.byAction.DescribeLiveCallbackTemplates, 2);
    assert.equal(calls.byAction.DescribeLiveCallbackRules, 2);
  });
});
