// The shared listings never hide a change they should show: a read after a write made by this
// provider process sees the write, a change made before a run is seen by that run (each run is a
// fresh process, so a fresh cache), and a listing is reused only within its freshness window.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import type { DomainCallbackBindingInputs } from "../../src/schemas/binding";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { callCounts, callsSince } from "../../scripts/bench/calls";
import { engineConcurrency } from "../../scripts/bench/pool";
import { sdkClient, seedStack, type SeededStack } from "../../scripts/bench/seed";
import { preview } from "../../scripts/bench/workload";
import { newRun } from "../support/providerRun";

const NEW_URL = "https://hooks.example.com/begin/changed";

describe("performance: shared reads stay correct", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let stack: SeededStack;

  before(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
  });
  after(() => emulator?.stop());
  beforeEach(async () => {
    await emulator.reset();
    emulator.configure({ latencyMs: 0 });
    stack = await seedStack(emulator, 5, 20);
  });

  const listings = (since: ReturnType<typeof callCounts>) => {
    const { byAction } = callsSince(emulator, since);
    return {
      templates: byAction.DescribeLiveCallbackTemplates,
      rules: byAction.DescribeLiveCallbackRules,
    };
  };

  it("diff → update of one template → diff again sees the new value, not the cached listing", async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    assert.equal((await preview(run, stack, engineConcurrency())).changed, 0);
    const { id, olds, news } = stack.templates[0];
    const changed: CallbackTemplateInputs = { ...news, streamBeginNotifyUrl: NEW_URL };

    const { outs } = await run.template.update(id, olds, changed);
    assert.equal((await run.template.diff(id, outs, { ...changed })).changes, false);
    assert.equal((await run.template.diff(id, outs, { ...news })).changes, true);
    // The rest of the stack is answered from the one listing made after the write.
    assert.equal(
      (await preview(run, { ...stack, templates: stack.templates.slice(1) }, 4)).changed,
      0,
    );
    // A template write invalidates the template listing only: the rules are listed once.
    assert.deepEqual(listings(before), { templates: 2, rules: 1 });
  });

  it("a listing in flight when a write is made does not answer a diff that starts after the write", async () => {
    // Slow answers keep the first listing in flight while the update is sent and answered.
    emulator.configure({ latencyMs: 150 });
    const run = newRun(emulator);
    const { id, olds, news } = stack.templates[0];
    const changed: CallbackTemplateInputs = { ...news, streamBeginNotifyUrl: NEW_URL };
    const before = callCounts(emulator);

    const early = run.template.diff(id, olds, { ...news });
    const { outs } = await run.template.update(id, olds, changed);
    const late = await run.template.diff(id, outs, { ...changed });
    await early;
    assert.equal(late.changes, false);
    assert.equal(listings(before).templates, 2);
  });

  it("a template created then read is found; deleted then read is gone", async () => {
    const run = newRun(emulator);
    await preview(run, stack, engineConcurrency());
    const inputs = {
      templateName: "perf-new",
      streamEndNotifyUrl: "https://hooks.example.com/end",
    };
    const checked = await run.template.check({}, inputs);
    const created = await run.template.create(checked.inputs as CallbackTemplateInputs);
    const read = await run.template.read(created.id, created.outs);
    assert.equal(read.id, created.id);
    assert.equal(read.props?.streamEndNotifyUrl, inputs.streamEndNotifyUrl);

    await run.template.delete(created.id, created.outs);
    assert.deepEqual(await run.template.read(created.id, created.outs), { id: "" });
  });

  it("a binding created then read is found, with its times; deleted then read is gone", async () => {
    const run = newRun(emulator);
    const before = callCounts(emulator);
    assert.equal((await preview(run, stack, engineConcurrency())).changed, 0);
    const checked = await run.binding.check(
      {},
      { domainName: "fresh.push.example.com", templateId: stack.templates[1].olds.templateId },
    );
    const created = await run.binding.create(checked.inputs as DomainCallbackBindingInputs);
    assert.equal(created.id, "fresh.push.example.com/live");
    assert.match(String(created.outs.createTime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const read = await run.binding.read(created.id, created.outs);
    assert.equal(read.id, created.id);
    assert.equal(read.props?.templateId, stack.templates[1].olds.templateId);
    assert.equal((await run.binding.diff(created.id, created.outs, checked.inputs)).changes, false);
    // One listing for the preview, which also answers the create's "is the rule free?" while
    // it is under RULE_LOOK_MAX_AGE_MS old (else the create makes one more), and one after the
    // create (shared by the read and the diff).
    const counted = listings(before);
    assert.equal(counted.templates, 1);
    assert.ok([2, 3].includes(counted.rules), JSON.stringify(counted));

    await run.binding.delete(created.id, created.outs);
    assert.deepEqual(await run.binding.read(created.id, created.outs), { id: "" });
    assert.equal((await run.binding.diff(created.id, created.outs, checked.inputs)).changes, true);
  });

  it("console changes made before a new run are seen by that run", async () => {
    assert.equal((await preview(newRun(emulator), stack, engineConcurrency())).changed, 0);
    const sdk = sdkClient(emulator);
    await sdk.ModifyLiveCallbackTemplate({
      TemplateId: stack.templates[2].olds.templateId,
      StreamBeginNotifyUrl: NEW_URL,
    });
    const gone = stack.bindings[3].news;
    await sdk.DeleteLiveCallbackRule({ DomainName: gone.domainName, AppName: gone.appName });

    const run = newRun(emulator);
    assert.equal((await preview(run, stack, engineConcurrency())).changed, 2);
    assert.ok(
      run.logs.some((l) => l.includes("perf-2") && l.includes(NEW_URL)),
      run.logs.join("\n"),
    );
    assert.ok(
      run.logs.some((l) => l.includes(`${gone.domainName}/live`)),
      run.logs.join("\n"),
    );
  });

  it("a listing older than readCacheSeconds is not reused", async () => {
    const run = newRun(emulator, { "tencentcloud-live:readCacheSeconds": "0.05" });
    const { id, olds, news } = stack.templates[0];
    await run.template.diff(id, olds, { ...news });
    // Waiting longer than the window only bounds time from below: never flaky on a busy machine.
    await sleep(150);
    const before = callCounts(emulator);
    await run.template.diff(id, olds, { ...news });
    assert.deepEqual(listings(before), { templates: 1, rules: 0 });
  });
});
