// The retry budget (retryTimeoutSeconds) bounds a call and the looks that reconcile it together.
import assert from "node:assert/strict";
import sinon from "sinon";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import { newRun } from "../support/providerRun";

describe("faults: one retry budget per call", () => {
  let emulator: EmulatorHandle;
  let clock: sinon.SinonFakeTimers;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.stop());
  beforeEach(async () => {
    await emulator.reset();
    // Only Date is faked: the client's waits advance it, HTTP and timers stay real.
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
  });
  afterEach(() => clock.restore());

  it("a create whose reconciling look keeps failing gives up within the create's budget", async () => {
    emulator.injectFaults([
      { action: "CreateLiveCallbackTemplate", times: 1, mode: "drop-after-commit" },
      {
        action: "DescribeLiveCallbackTemplates",
        times: 1000,
        error: { code: "RequestLimitExceeded" },
      },
    ]);
    const run = newRun(
      emulator,
      { "tencentcloud-live:maxRetries": "100", "tencentcloud-live:retryTimeoutSeconds": "10" },
      { sleep: async (ms) => void clock.tick(ms), random: () => 0.999 },
    );
    const start = Date.now();
    await assert.rejects(
      run.client.createLiveCallbackTemplate({
        TemplateName: "budget",
        StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      }),
      (e: Error) =>
        /while checking with DescribeLiveCallbackTemplates/.test(e.message) &&
        /may have been created/.test(e.message),
    );
    // Waits (on the faked clock) stayed within the one 10 s budget, the look's included.
    assert.ok(Date.now() - start <= 10_000, `waited ${Date.now() - start} ms`);
    // The create was never sent again without a successful look.
    assert.equal(emulator.state().calls.CreateLiveCallbackTemplate, 1);
  });
});
