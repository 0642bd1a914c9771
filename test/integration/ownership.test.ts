// Who owns a template or a rule within one deployment: renamed resources, two resources
// declaring the same object, renames onto taken names, and re-points whose answer was lost.
import assert from "node:assert/strict";
import type { EmulatorHandle } from "../../src/emulator";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { useTestEmulator, type LiveClient as SdkClient } from "../emulator/helpers";
import { RULE_LOOK_MAX_AGE_MS } from "../../src/provider/binding/create";
import { newRun } from "../support/providerRun";

const TEMPLATE: CallbackTemplateInputs = {
  templateName: "owned_hooks",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  callbackKey: "OwnershipKey123",
};
const BINDING = { domainName: "push.example.com", appName: "live" };

describe("ownership within a deployment", function () {
  this.timeout(20_000);
  const t = useTestEmulator();
  let emulator: EmulatorHandle;
  let sdk: SdkClient;
  before(() => ({ emulator, client: sdk } = t));
  beforeEach(() => void emulator.configure({ duplicateRules: "reject" }));

  const calls = (action: string) =>
    (emulator.state().calls as Record<string, number | undefined>)[action] ?? 0;

  it("a renamed binding without aliases or adopt is refused, and nothing is written", async () => {
    const templateId = Number((await newRun(emulator).template.create(TEMPLATE)).id);
    await newRun(emulator).binding.create({ ...BINDING, templateId });
    const writesBefore = calls("CreateLiveCallbackRule") + calls("DeleteLiveCallbackRule");
    await assert.rejects(
      newRun(emulator).binding.create({ ...BINDING, templateId }),
      /already exists in the account \(template \d+\).*aliases/,
    );
    assert.equal(calls("CreateLiveCallbackRule") + calls("DeleteLiveCallbackRule"), writesBefore);
  });

  it("a renamed binding with adopt keeps its rule: the old name's delete leaves it alone", async () => {
    const templateId = Number((await newRun(emulator).template.create(TEMPLATE)).id);
    const a = await newRun(emulator).binding.create({ ...BINDING, templateId });
    // The next `up`: the new name is created, then the old name is deleted.
    const run = newRun(emulator);
    const b = await run.binding.create({ ...BINDING, templateId, adopt: true });
    await run.binding.delete(a.id, a.outs);
    assert.deepEqual(
      emulator.state().rules.map((r) => `${r.DomainName}/${r.AppName}`),
      ["push.example.com/live"],
    );
    assert.ok(run.logs.some((l) => /not deleted/.test(l)));
    assert.equal(
      (await newRun(emulator).binding.diff(b.id, b.outs, { ...BINDING, templateId })).changes,
      false,
    );
  });

  it("refuses a second binding of the same domain and app in one deployment", async () => {
    const templateId = Number((await newRun(emulator).template.create(TEMPLATE)).id);
    const run = newRun(emulator);
    await run.binding.create({ ...BINDING, templateId });
    await assert.rejects(
      run.binding.create({ ...BINDING, templateId, adopt: true }),
      /another DomainCallbackBinding of this stack also declares the callback rule of push\.example\.com\/live/,
    );
    assert.equal(emulator.state().rules.length, 1);
  });

  it("a renamed template with adopt keeps its template: the old name's delete leaves it alone", async () => {
    const a = await newRun(emulator).template.create(TEMPLATE);
    const run = newRun(emulator);
    const b = await run.template.create({ ...TEMPLATE, adopt: true });
    assert.equal(b.id, a.id);
    await run.template.delete(a.id, a.outs as never);
    assert.equal(emulator.state().templates.length, 1);
    assert.equal(calls("DeleteLiveCallbackTemplate"), 0);
    // Adopting a template that already matches wrote nothing.
    assert.equal(calls("ModifyLiveCallbackTemplate"), 0);
  });

  it("refuses a second template of the same name in one deployment", async () => {
    const run = newRun(emulator);
    await run.template.create(TEMPLATE);
    await assert.rejects(
      run.template.create({ ...TEMPLATE, adopt: true }),
      /another CallbackTemplate of this stack also declares the template named "owned_hooks"/,
    );
    assert.equal(emulator.state().templates.length, 1);
  });

  it("template create looks in a fresh listing: a template made after the cached one is found", async () => {
    const run = newRun(emulator);
    // A diff earlier in the deployment leaves a listing in the shared cache.
    await run.client.describeLiveCallbackTemplates();
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: TEMPLATE.templateName,
      StreamBeginNotifyUrl: "https://console.example.com/begin",
    });
    await assert.rejects(run.template.create(TEMPLATE), /already exists in the account/);
    assert.equal(emulator.state().templates.length, 1);
  });

  it("binding create looks in a young listing: a rule made after an older cached one is found", async () => {
    emulator.configure({ duplicateRules: "overwrite" });
    const templateId = Number((await newRun(emulator).template.create(TEMPLATE)).id);
    const run = newRun(emulator);
    // A diff early in the deployment leaves a listing in the shared cache (30 s by default).
    await run.client.describeLiveCallbackRules();
    await sdk.CreateLiveCallbackRule({
      DomainName: BINDING.domainName,
      AppName: BINDING.appName,
      TemplateId: templateId,
    });
    // Later than the create's limit on the listing's age: a cached listing would miss the
    // console's rule, and the overwriting API would hand it over silently.
    await new Promise((r) => setTimeout(r, RULE_LOOK_MAX_AGE_MS + 100));
    await assert.rejects(
      run.binding.create({ ...BINDING, templateId }),
      /already exists in the account/,
    );
    assert.equal(calls("CreateLiveCallbackRule"), 1, "only the console's create");
  });

  it("refuses to rename a template onto a name another template has", async () => {
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: "taken",
      StreamBeginNotifyUrl: "https://x.example.com",
    });
    const { id, outs } = await newRun(emulator).template.create(TEMPLATE);
    const modifiesBefore = calls("ModifyLiveCallbackTemplate");
    await assert.rejects(
      newRun(emulator).template.update(id, outs as never, { ...TEMPLATE, templateName: "taken" }),
      /template \d+ already has that name/,
    );
    assert.equal(calls("ModifyLiveCallbackTemplate"), modifiesBefore);
  });

  it("a program change the console already made still updates the stored outputs", async () => {
    const { id, outs } = await newRun(emulator).template.create(TEMPLATE);
    const next = { ...TEMPLATE, streamBeginNotifyUrl: "https://hooks.example.com/begin-v2" };
    await sdk.ModifyLiveCallbackTemplate({
      TemplateId: Number(id),
      StreamBeginNotifyUrl: next.streamBeginNotifyUrl,
    });
    const run = newRun(emulator);
    const diff = await run.template.diff(id, outs as never, next);
    assert.equal(diff.changes, true);
    assert.deepEqual(run.logs, [], "no drift: the cloud already matches the program");
    const updated = await run.template.update(id, outs as never, next);
    assert.equal(
      (updated.outs as CallbackTemplateInputs).streamBeginNotifyUrl,
      next.streamBeginNotifyUrl,
    );

    const a = Number(
      (await newRun(emulator).template.create({ ...TEMPLATE, templateName: "a" })).id,
    );
    const bound = await newRun(emulator).binding.create({ ...BINDING, templateId: Number(id) });
    // The console re-points the rule to template a; the program makes the same change.
    const rule = { DomainName: BINDING.domainName, AppName: BINDING.appName };
    await sdk.DeleteLiveCallbackRule(rule);
    await sdk.CreateLiveCallbackRule({ ...rule, TemplateId: a });
    const bindingDiff = await newRun(emulator).binding.diff(bound.id, bound.outs, {
      ...BINDING,
      templateId: a,
    });
    assert.equal(bindingDiff.changes, true);
  });

  it("a re-point whose create answer was lost looks before restoring, and succeeds", async () => {
    const a = Number(
      (await newRun(emulator).template.create({ ...TEMPLATE, templateName: "a" })).id,
    );
    const b = Number(
      (await newRun(emulator).template.create({ ...TEMPLATE, templateName: "b" })).id,
    );
    const bound = await newRun(emulator).binding.create({ ...BINDING, templateId: a });
    const createsBefore = calls("CreateLiveCallbackRule");
    // First create: refused as a duplicate. After the delete, the second create lands but its
    // connection drops, and no retry is allowed: only a look can tell it landed.
    emulator.injectFaults({
      action: "CreateLiveCallbackRule",
      times: 1,
      every: 2,
      mode: "drop-after-commit",
    });
    const run = newRun(emulator, { "tencentcloud-live:maxRetries": "0" });
    await run.binding.update(bound.id, bound.outs, { ...BINDING, templateId: b });
    assert.deepEqual(
      emulator.state().rules.map((r) => r.TemplateId),
      [b],
    );
    // Two creates (refused, landed); no restore of template a.
    assert.equal(calls("CreateLiveCallbackRule") - createsBefore, 2);
  });
});
