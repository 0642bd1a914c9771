// Behaviours a mutation review of src/ found no test for. Each test fails on the mutant named
// after it (each was applied by hand, the test run, the code restored):
//   (a) an old key an update's error echoes is redacted like any key
//       [update.ts: keyAwareClient without `olds`; scope.ts: previousCallbackKey not protected];
//   (b) the "still bound" error lists the rules from a fresh listing, not a cached one
//       [template/delete.ts: describeLiveCallbackRules without `fresh`];
//   (c) the adopted-rule check on delete matches the domain in any letter case, as findRule does
//       [binding/delete.ts and binding/create.ts: the key spelled as declared, not ruleKey];
//   (d) a lost create's reconcile never takes a template that existed before the create
//       [client.ts: the `existingIds` filter dropped];
//   (e) the rotation outputs after a key update whose answer was lost after the write landed
//       [rotation.ts planKey: the last applied key ignored, or always the platform's as previous].
import assert from "node:assert/strict";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import type { CallbackTemplateOutputs } from "../../src/provider";
import { makeLiveClient, type LiveClient as SdkClient } from "../emulator/helpers";
import { freshRun, injectFaults, startFaultEnv, stopFaultEnv, type FaultEnv } from "./env";
import { modeFault } from "./faultSpecs";

const OLD_KEY = "SurvivorOldKey0001";
const PREVIOUS_KEY = "SurvivorPrevKey0002";
const NEW_KEY = "SurvivorNewKey0003";

const TEMPLATE: CallbackTemplateInputs = {
  templateName: "survivor_hooks",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  callbackKey: OLD_KEY,
};

/** Awaits a promise that must reject; returns the rejection as an Error. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  return assert.fail("expected a rejection");
}

describe("faults: the last mutation survivors", function () {
  this.timeout(20_000);
  let env: FaultEnv;
  let sdk: SdkClient;

  beforeEach(async () => {
    env = await startFaultEnv();
    sdk = makeLiveClient(env.emulator);
  });
  afterEach(() => stopFaultEnv(env));

  async function created(inputs: CallbackTemplateInputs = TEMPLATE) {
    const r = await freshRun(env).template.create(inputs);
    return { id: r.id, outs: r.outs as CallbackTemplateOutputs };
  }

  it("(a) an update's error that echoes the old or the previous key shows neither", async () => {
    const { id, outs } = await created();
    const olds = { ...outs, previousCallbackKey: PREVIOUS_KEY };
    // The API may quote the key it holds when refusing the new one: neither is in the request.
    injectFaults(env, [
      {
        action: "ModifyLiveCallbackTemplate",
        times: 1,
        error: {
          code: "InvalidParameter.KeyConflict",
          message: `key ${OLD_KEY.toLowerCase()} in use; previous ${PREVIOUS_KEY} kept`,
        },
      },
    ]);
    // A fresh run that did not diff: only the stored outputs tell the client the old keys.
    const err = await rejection(
      freshRun(env).template.update(id, olds, { ...TEMPLATE, callbackKey: NEW_KEY }),
    );
    assert.match(err.message, /InvalidParameter\.KeyConflict/);
    for (const key of [OLD_KEY, PREVIOUS_KEY]) {
      assert.ok(!err.message.toLowerCase().includes(key.toLowerCase()), err.message);
    }
    assert.match(err.message, /key \[secret\] in use; previous \[secret\] kept/);
  });

  it("(b) the still-bound error lists a rule made after this run's last listing", async () => {
    const { id, outs } = await created();
    const run = freshRun(env);
    // This run listed the rules before the rule existed (a binding's diff would).
    assert.deepEqual(await run.client.describeLiveCallbackRules(), []);
    await sdk.CreateLiveCallbackRule({
      DomainName: "late.example.com",
      AppName: "live",
      TemplateId: Number(id),
    });
    const err = await rejection(run.template.delete(id, outs));
    assert.match(err.message, /still bound by 1 callback rule\(s\): late\.example\.com\/live/);
  });

  for (const [was, now] of [
    ["Push.Example.com", "push.example.com"],
    ["push.example.com", "PUSH.example.com"],
  ]) {
    it(`(c) a binding renamed from ${was} to ${now} adopts the rule; the old one's delete leaves it`, async () => {
      const { id } = await created();
      const templateId = Number(id);
      const old = await freshRun(env).binding.create({
        domainName: was,
        appName: "live",
        templateId,
      });
      // The next `up`: the renamed resource, spelled otherwise, adopts; then the old name goes.
      const run = freshRun(env);
      await run.binding.create({ domainName: now, appName: "live", templateId, adopt: true });
      await run.binding.delete(old.id, old.outs as never);
      assert.deepEqual(
        env.emulator.state().rules.map((r) => `${r.DomainName}/${r.AppName}:${r.TemplateId}`),
        [`${was}/live:${templateId}`],
      );
      assert.equal(env.emulator.state().calls.DeleteLiveCallbackRule ?? 0, 0);
    });
  }

  it("(d) a lost create's reconcile does not take a same-named template that existed before", async () => {
    const before = await sdk.CreateLiveCallbackTemplate({
      TemplateName: "twin",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
    });
    const existing = before.TemplateId as number;
    // Not applied, but ambiguous: the client looks for what its first attempt made.
    injectFaults(env, [modeFault("CreateLiveCallbackTemplate", "http-500", 1)]);
    const made = await freshRun(env).client.createLiveCallbackTemplate(
      { TemplateName: "twin", StreamBeginNotifyUrl: "https://hooks.example.com/begin" },
      { existingIds: [existing] },
    );
    assert.notEqual(made, existing);
    const twins = env.emulator.state().templates.filter((t) => t.TemplateName === "twin");
    assert.deepEqual(
      twins.map((t) => t.TemplateId),
      [existing, made],
    );
  });

  describe("(e) a key update whose answer was lost after the write landed", () => {
    it("retried within the run: the old key is the previous one", async () => {
      const { id, outs } = await created();
      injectFaults(env, [modeFault("ModifyLiveCallbackTemplate", "drop-after-commit", 1)]);
      const run = freshRun(env);
      const declared = { ...TEMPLATE, callbackKey: NEW_KEY };
      assert.equal((await run.template.diff(id, outs, declared)).changes, true);
      const updated = (await run.template.update(id, outs, declared))
        .outs as CallbackTemplateOutputs;
      assert.equal(updated.callbackKey, NEW_KEY);
      assert.equal(updated.previousCallbackKey, OLD_KEY);
      assert.equal(typeof updated.callbackKeyChangedAt, "string");
      assert.ok((env.emulator.state().calls.ModifyLiveCallbackTemplate ?? 0) >= 2);
    });

    it("failed for good, then the next up: the key the state held is still the previous one", async () => {
      const { id, outs } = await created();
      const declared = { ...TEMPLATE, callbackKey: NEW_KEY };
      // Every attempt lands and loses its answer; with no retries left the update fails.
      injectFaults(env, [modeFault("ModifyLiveCallbackTemplate", "drop-after-commit", 1)]);
      const first = freshRun(env, { "tencentcloud-live:maxRetries": "0" });
      assert.equal((await first.template.diff(id, outs, declared)).changes, true);
      await rejection(first.template.update(id, outs, declared));
      assert.equal(env.emulator.state().templates[0].CallbackKey, NEW_KEY);
      // The engine kept the old outputs; the next up finds the key already set.
      const next = freshRun(env);
      assert.equal((await next.template.diff(id, outs, declared)).changes, true);
      const updated = (await next.template.update(id, outs, declared))
        .outs as CallbackTemplateOutputs;
      // Receivers were given OLD_KEY; the platform may still sign with it for the window.
      assert.equal(updated.previousCallbackKey, OLD_KEY);
      assert.equal(typeof updated.callbackKeyChangedAt, "string");
      assert.ok(
        next.logs.some((l) => /callbackKey changed at/.test(l)),
        next.logs.join("\n"),
      );
    });
  });
});
