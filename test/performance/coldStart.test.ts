// Cold start: the first API call of a fresh provider process loads the SDK's live service alone,
// never the whole SDK (262 services). Checked in child processes running the TypeScript sources
// with tsx, from the modules they report as loaded; nothing is timed here.
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import {
  firstCallInFreshProcess,
  sdkServicesLoaded,
  wholeSdkEntryLoaded,
} from "../../scripts/bench/coldStart";

describe("performance: cold start loads only the live service", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator?.stop());
  beforeEach(() => emulator.reset());

  it("first call through the client: only tencentcloud/services/live is loaded", async () => {
    const { modules } = await firstCallInFreshProcess(emulator, { source: "src", via: "client" });
    assert.equal(emulator.state().calls.DescribeLiveCallbackTemplates, 1, "the call was answered");
    assert.deepEqual(sdkServicesLoaded(modules), ["live"]);
    assert.equal(wholeSdkEntryLoaded(modules), false);
    assert.ok(!modules.some((m) => /tencentcloud[\\/]services[\\/]index\.js$/.test(m)));
  });

  it("first diff through the provider module: only tencentcloud/services/live is loaded", async () => {
    const { modules } = await firstCallInFreshProcess(emulator, { source: "src", via: "provider" });
    assert.equal(emulator.state().calls.DescribeLiveCallbackTemplates, 1, "the call was answered");
    assert.deepEqual(sdkServicesLoaded(modules), ["live"]);
    assert.equal(wholeSdkEntryLoaded(modules), false);
  });

  it("the check itself can tell: with the whole SDK required first, it sees every service", async () => {
    const { modules } = await firstCallInFreshProcess(emulator, {
      source: "src",
      via: "client",
      wholeSdk: true,
    });
    assert.equal(wholeSdkEntryLoaded(modules), true);
    assert.ok(sdkServicesLoaded(modules).length > 100);
  });
});
