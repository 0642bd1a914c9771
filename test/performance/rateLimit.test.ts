// Writes go at the pace of the process-wide rate limiter, so a burst of creates driven with the
// engine's concurrency never runs into the account's per-action limit (RequestLimitExceeded).
// Only counts are asserted: the emulator counts every call it refuses too, so any throttled
// create would show as a create call beyond one per binding, and as a retry in the client.
import assert from "node:assert/strict";
import type { LiveApiError } from "../../src/api/errors";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import type { DomainCallbackBindingInputs } from "../../src/schemas/binding";
import { callCounts, callsSince } from "../../scripts/bench/calls";
import { engineConcurrency, runPool } from "../../scripts/bench/pool";
import { bindingDomain, sdkClient } from "../../scripts/bench/seed";
import { newRun } from "../support/providerRun";

const BINDINGS = 200;
const ACCOUNT_LIMIT = 100;

describe("performance: writes under the account's rate limit", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator({ rateLimitPerSecond: ACCOUNT_LIMIT });
  });
  after(() => emulator?.stop());

  it(`creates ${BINDINGS} bindings against a ${ACCOUNT_LIMIT}/s limit with no RequestLimitExceeded`, async () => {
    const { TemplateId } = await sdkClient(emulator).CreateLiveCallbackTemplate({
      TemplateName: "rate",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
    });
    const throttled: LiveApiError[] = [];
    // The limit applies to every action, the listings included, so the client is set below it
    // for both kinds. Half the limit: the emulator shares this process, and an event-loop stall
    // can push calls sent in one second into the next one's count.
    const run = newRun(
      emulator,
      { "tencentcloud-live:writeRateLimit": "50", "tencentcloud-live:readRateLimit": "50" },
      { onRetry: ({ error }) => void (error.kind === "throttled" && throttled.push(error)) },
    );
    const before = callCounts(emulator);

    const indexes = Array.from({ length: BINDINGS }, (_, i) => i);
    const created = await runPool(indexes, engineConcurrency(), (i) => {
      const inputs: DomainCallbackBindingInputs = {
        domainName: bindingDomain(i),
        appName: "live",
        templateId: Number(TemplateId),
      };
      return run.binding.create(inputs);
    });

    const calls = callsSince(emulator, before);
    assert.equal(created.length, BINDINGS);
    assert.equal(emulator.state().rules.length, BINDINGS);
    assert.equal(calls.byAction.CreateLiveCallbackRule, BINDINGS, "one create call per binding");
    assert.deepEqual(throttled, [], "no call was answered RequestLimitExceeded");
    assert.equal(run.client.stats().retries, 0);
    // Reads follow writes: at most one listing per create (shared when creates overlap).
    assert.ok(calls.byAction.DescribeLiveCallbackRules <= BINDINGS + 1);
  });
});
