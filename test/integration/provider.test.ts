// The provider functions with the real client against the emulator: one test per behaviour of
// the resources issue. "Console edits" are made with the Tencent SDK directly.
import assert from "node:assert/strict";
import type { EmulatorHandle } from "../../src/emulator";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { useTestEmulator, type LiveClient as SdkClient } from "../emulator/helpers";
import { newRun } from "../support/providerRun";

const KEY = "IntegrationKey42";

const ALL_FIELDS: CallbackTemplateInputs = {
  templateName: "全部_fields-1",
  description: "every_field",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  streamEndNotifyUrl: "https://hooks.example.com/end",
  recordNotifyUrl: "https://hooks.example.com/record",
  recordStatusNotifyUrl: "https://hooks.example.com/record-status",
  snapshotNotifyUrl: "https://hooks.example.com/snapshot",
  pornCensorshipNotifyUrl: "https://hooks.example.com/porn",
  pushExceptionNotifyUrl: "https://hooks.example.com/push-exception",
  audioAuditNotifyUrl: "https://hooks.example.com/audio",
  recordExceptionNotifyUrl: "https://hooks.example.com/record-exception",
  recordExceptionLevels: ["error", "warning"],
  callbackKey: KEY,
};

describe("provider against the emulator", function () {
  this.timeout(30_000);
  const t = useTestEmulator();
  let emulator: EmulatorHandle;
  let sdk: SdkClient;
  before(() => ({ emulator, client: sdk } = t));
  beforeEach(() => void emulator.configure({ duplicateRules: "reject" }));

  const storedTemplate = (id: number) =>
    emulator.state().templates.find((t) => t.TemplateId === id);
  const storedRules = () => emulator.state().rules;
  const writes = () => {
    const c = emulator.state().calls;
    return (
      (c.CreateLiveCallbackTemplate ?? 0) +
      (c.ModifyLiveCallbackTemplate ?? 0) +
      (c.DeleteLiveCallbackTemplate ?? 0) +
      (c.CreateLiveCallbackRule ?? 0) +
      (c.DeleteLiveCallbackRule ?? 0)
    );
  };

  async function createTemplate(inputs: CallbackTemplateInputs) {
    const run = newRun(emulator);
    const checked = await run.template.check({}, inputs);
    assert.deepEqual(checked.failures ?? [], []);
    const created = await run.template.create(checked.inputs as CallbackTemplateInputs);
    return { id: created.id, outs: created.outs, templateId: Number(created.id) };
  }

  async function bind(domainName: string, templateId: number, appName = "live", adopt?: boolean) {
    const run = newRun(emulator);
    const checked = await run.binding.check({}, { domainName, appName, templateId, adopt });
    assert.deepEqual(checked.failures ?? [], []);
    return run.binding.create(checked.inputs as never);
  }

  it("creates a template with all 13 fields", async () => {
    const { templateId, outs } = await createTemplate(ALL_FIELDS);
    const t = storedTemplate(templateId)!;
    assert.equal(t.TemplateName, ALL_FIELDS.templateName);
    assert.equal(t.Description, ALL_FIELDS.description);
    assert.equal(t.StreamBeginNotifyUrl, ALL_FIELDS.streamBeginNotifyUrl);
    assert.equal(t.StreamEndNotifyUrl, ALL_FIELDS.streamEndNotifyUrl);
    assert.equal(t.RecordNotifyUrl, ALL_FIELDS.recordNotifyUrl);
    assert.equal(t.RecordStatusNotifyUrl, ALL_FIELDS.recordStatusNotifyUrl);
    assert.equal(t.SnapshotNotifyUrl, ALL_FIELDS.snapshotNotifyUrl);
    assert.equal(t.PornCensorshipNotifyUrl, ALL_FIELDS.pornCensorshipNotifyUrl);
    assert.equal(t.PushExceptionNotifyUrl, ALL_FIELDS.pushExceptionNotifyUrl);
    assert.equal(t.AudioAuditNotifyUrl, ALL_FIELDS.audioAuditNotifyUrl);
    assert.equal(t.RecordExceptionNotifyUrl, ALL_FIELDS.recordExceptionNotifyUrl);
    assert.deepEqual([...t.RecordExceptionLevels].sort(), ["error", "warning"]);
    assert.equal(t.CallbackKey, KEY);
    assert.equal((outs as { templateId: number }).templateId, templateId);
  });

  it("updates a template, and removing a URL stores an empty string", async () => {
    const { id, outs } = await createTemplate(ALL_FIELDS);
    const { recordNotifyUrl: _dropped, ...rest } = ALL_FIELDS;
    const news = { ...rest, streamEndNotifyUrl: "https://hooks.example.com/end-v2" };
    const run = newRun(emulator);
    const diff = await run.template.diff(id, outs as never, news);
    assert.equal(diff.changes, true);
    assert.equal(diff.replaces, undefined);
    await run.template.update(id, outs as never, news);
    const t = storedTemplate(Number(id))!;
    assert.equal(t.RecordNotifyUrl, "");
    assert.equal(t.StreamEndNotifyUrl, "https://hooks.example.com/end-v2");
    // And the next preview sees no difference.
    assert.equal(
      (await newRun(emulator).template.diff(id, { ...news, templateId: Number(id) } as never, news))
        .changes,
      false,
    );
  });

  it("shows a console edit as drift and repairs it", async () => {
    const { id, outs } = await createTemplate(ALL_FIELDS);
    await sdk.ModifyLiveCallbackTemplate({
      TemplateId: Number(id),
      StreamEndNotifyUrl: "https://evil.example.com/end",
      CallbackKey: "ConsoleKey1",
    });
    const run = newRun(emulator);
    const diff = await run.template.diff(id, outs as never, ALL_FIELDS);
    assert.equal(diff.changes, true);
    assert.ok(
      run.logs.some((l) =>
        l.includes(
          'streamEndNotifyUrl: live "https://evil.example.com/end" ≠ declared "https://hooks.example.com/end"',
        ),
      ),
      run.logs.join("\n"),
    );
    assert.ok(run.logs.some((l) => l.includes("callbackKey: live [secret] ≠ declared [secret]")));
    assert.ok(!run.logs.join("\n").includes("ConsoleKey1") && !run.logs.join("\n").includes(KEY));
    await run.template.update(id, outs as never, ALL_FIELDS);
    const t = storedTemplate(Number(id))!;
    assert.equal(t.StreamEndNotifyUrl, ALL_FIELDS.streamEndNotifyUrl);
    assert.equal(t.CallbackKey, KEY);
  });

  it("asks for a replacement when the template was deleted out of band", async () => {
    const { id, outs } = await createTemplate(ALL_FIELDS);
    await sdk.DeleteLiveCallbackTemplate({ TemplateId: Number(id) });
    const diff = await newRun(emulator).template.diff(id, outs as never, ALL_FIELDS);
    assert.equal(diff.changes, true);
    assert.ok(diff.replaces && diff.replaces.length > 0);
  });

  it("recreates a rule deleted out of band", async () => {
    const { templateId } = await createTemplate(ALL_FIELDS);
    const created = await bind("push.example.com", templateId);
    await sdk.DeleteLiveCallbackRule({ DomainName: "push.example.com", AppName: "live" });
    const run = newRun(emulator);
    const news = { domainName: "push.example.com", appName: "live", templateId };
    const diff = await run.binding.diff(created.id, created.outs, news);
    assert.equal(diff.changes, true);
    await run.binding.update(created.id, created.outs, news);
    assert.deepEqual(
      storedRules().map((r) => [r.DomainName, r.AppName, r.TemplateId]),
      [["push.example.com", "live", templateId]],
    );
  });

  for (const mode of ["reject", "overwrite"] as const) {
    it(`re-points a binding when the API ${mode}s duplicate rules`, async () => {
      emulator.configure({ duplicateRules: mode });
      const a = await createTemplate({ ...ALL_FIELDS, templateName: "a" });
      const b = await createTemplate({ ...ALL_FIELDS, templateName: "b" });
      const created = await bind("push.example.com", a.templateId);
      const news = { domainName: "push.example.com", appName: "live", templateId: b.templateId };
      const run = newRun(emulator);
      assert.equal((await run.binding.diff(created.id, created.outs, news)).changes, true);
      await run.binding.update(created.id, created.outs, news);
      assert.deepEqual(
        storedRules().map((r) => r.TemplateId),
        [b.templateId],
      );
    });
  }

  it("restores the old rule when the new create fails during a re-point", async () => {
    const a = await createTemplate({ ...ALL_FIELDS, templateName: "a" });
    const b = await createTemplate({ ...ALL_FIELDS, templateName: "b" });
    const created = await bind("push.example.com", a.templateId);
    // First create: refused as a duplicate (reject mode). After the delete, the second create
    // fails with a non-retryable error; the third (the restore) goes through.
    emulator.injectFaults({
      action: "CreateLiveCallbackRule",
      times: 1,
      every: 2,
      error: { code: "InvalidParameter.DomainFormatError", message: "injected" },
    });
    const news = { domainName: "push.example.com", appName: "live", templateId: b.templateId };
    await assert.rejects(
      newRun(emulator).binding.update(created.id, created.outs, news),
      /restored/,
    );
    assert.deepEqual(
      storedRules().map((r) => r.TemplateId),
      [a.templateId],
    );
  });

  it("refuses to delete a still-bound template, listing the bindings, and deletes nothing", async () => {
    const { id, outs, templateId } = await createTemplate(ALL_FIELDS);
    await bind("push.example.com", templateId);
    await sdk.CreateLiveCallbackRule({
      DomainName: "console.example.com",
      AppName: "app2",
      TemplateId: templateId,
    });
    await assert.rejects(
      newRun(emulator).template.delete(id, outs as never),
      (e: Error) =>
        e.message.includes("push.example.com/live") &&
        e.message.includes("console.example.com/app2") &&
        /remove those bindings first/i.test(e.message),
    );
    assert.ok(storedTemplate(templateId));
    assert.equal(storedRules().length, 2);
  });

  it("refuses a template name that exists, and adopts it with adopt: true", async () => {
    const existing = await sdk.CreateLiveCallbackTemplate({
      TemplateName: "prod_hooks",
      StreamBeginNotifyUrl: "https://old.example.com/begin",
      RecordNotifyUrl: "https://old.example.com/record",
    });
    const declared = {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/begin",
      callbackKey: KEY,
    };
    const before = writes();
    await assert.rejects(newRun(emulator).template.create(declared), /adopt: true/);
    assert.equal(writes(), before);
    const adopted = await newRun(emulator).template.create({ ...declared, adopt: true });
    assert.equal(Number(adopted.id), existing.TemplateId);
    const t = storedTemplate(existing.TemplateId!)!;
    assert.equal(t.StreamBeginNotifyUrl, declared.streamBeginNotifyUrl);
    assert.equal(t.RecordNotifyUrl, "");
    assert.equal(t.CallbackKey, KEY);
    assert.equal(emulator.state().templates.length, 1);
  });

  it("refuses a rule that points elsewhere, and adopts it with adopt: true", async () => {
    const a = await createTemplate({ ...ALL_FIELDS, templateName: "a" });
    const b = await createTemplate({ ...ALL_FIELDS, templateName: "b" });
    await sdk.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: a.templateId,
    });
    await assert.rejects(bind("push.example.com", b.templateId), /adopt: true/);
    assert.deepEqual(
      storedRules().map((r) => r.TemplateId),
      [a.templateId],
    );
    const adopted = await bind("push.example.com", b.templateId, "live", true);
    assert.equal(adopted.id, "push.example.com/live");
    assert.deepEqual(
      storedRules().map((r) => r.TemplateId),
      [b.templateId],
    );
  });

  it("drops gone objects on refresh and reads live values otherwise", async () => {
    const { id, outs, templateId } = await createTemplate(ALL_FIELDS);
    const created = await bind("push.example.com", templateId);
    const run = newRun(emulator);
    const read = await run.template.read(id, outs as never);
    assert.equal(read.id, id);
    assert.equal(
      (read.props as CallbackTemplateInputs).recordStatusNotifyUrl,
      ALL_FIELDS.recordStatusNotifyUrl,
    );
    assert.equal((read.inputs as CallbackTemplateInputs).callbackKey, KEY);
    const readRule = await run.binding.read(created.id, created.outs);
    assert.equal(readRule.id, "push.example.com/live");
    assert.match(
      String((readRule.props as { createTime: string }).createTime),
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );

    await sdk.DeleteLiveCallbackRule({ DomainName: "push.example.com", AppName: "live" });
    await sdk.DeleteLiveCallbackTemplate({ TemplateId: templateId });
    const later = newRun(emulator);
    assert.equal((await later.template.read(id, outs as never)).id, "");
    assert.equal((await later.binding.read(created.id, created.outs)).id, "");
  });

  it("deletes bindings, then the template, and succeeds when they are already gone", async () => {
    const { id, outs, templateId } = await createTemplate(ALL_FIELDS);
    const created = await bind("push.example.com", templateId);
    const run = newRun(emulator);
    await run.binding.delete(created.id, created.outs);
    await run.template.delete(id, outs as never);
    assert.deepEqual(emulator.state().templates, []);
    assert.deepEqual(emulator.state().rules, []);
    await run.binding.delete(created.id, created.outs);
    await run.template.delete(id, outs as never);
  });

  describe("invalid input", () => {
    const bad: [string, "template" | "binding", Record<string, unknown>][] = [
      [
        "templateName",
        "template",
        { templateName: "has space", streamBeginNotifyUrl: "https://a.example.com" },
      ],
      [
        "description",
        "template",
        {
          templateName: "ok",
          description: "x".repeat(1025),
          streamBeginNotifyUrl: "https://a.example.com",
        },
      ],
      [
        "streamEndNotifyUrl",
        "template",
        { templateName: "ok", streamEndNotifyUrl: "ftp://a.example.com" },
      ],
      [
        "callbackKey",
        "template",
        {
          templateName: "ok",
          streamBeginNotifyUrl: "https://a.example.com",
          callbackKey: "bad-key!",
        },
      ],
      [
        "recordExceptionLevels",
        "template",
        {
          templateName: "ok",
          streamBeginNotifyUrl: "https://a.example.com",
          recordExceptionLevels: ["fatal"],
        },
      ],
      ["streamBeginNotifyUrl", "template", { templateName: "no_urls" }],
      ["domainName", "binding", { domainName: "not a domain", appName: "live", templateId: 1 }],
      ["appName", "binding", { domainName: "push.example.com", appName: "a/b", templateId: 1 }],
      [
        "templateId",
        "binding",
        { domainName: "push.example.com", appName: "live", templateId: -3 },
      ],
    ];
    for (const [property, kind, inputs] of bad) {
      it(`${kind} ${property}: a CheckFailure for that property and no API call`, async () => {
        const callsBefore = JSON.stringify(emulator.state().calls);
        const result = await newRun(emulator)[kind].check({}, inputs);
        assert.ok(
          result.failures?.some((f) => f.property.startsWith(property)),
          JSON.stringify(result.failures),
        );
        assert.equal(JSON.stringify(emulator.state().calls), callsBefore);
      });
    }
  });

  describe("names past the console's limits, as the API allows them", () => {
    it("adopts a template made through the API with a 45-character name, writing nothing", async () => {
      const name = "api_made_template_name_of_45_characters_abcde";
      const { TemplateId } = await sdk.CreateLiveCallbackTemplate({
        TemplateName: name,
        StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      });
      const run = newRun(emulator);
      const declared = {
        templateName: name,
        streamBeginNotifyUrl: "https://hooks.example.com/begin",
      };
      const checked = await run.template.check({}, { ...declared, adopt: true });
      assert.deepEqual(checked.failures ?? [], []);
      assert.ok(run.logs.some((l) => l.includes("the console may not be able to edit")));
      const before = writes();
      const adopted = await run.template.create(checked.inputs as CallbackTemplateInputs);
      assert.equal(adopted.id, String(TemplateId));
      assert.equal(writes(), before);
      assert.equal(
        (await newRun(emulator).template.diff(adopted.id, adopted.outs as never, checked.inputs))
          .changes,
        false,
      );
    });

    it("refuses a 256-byte name at check, before any API call", async () => {
      const callsBefore = JSON.stringify(emulator.state().calls);
      const result = await newRun(emulator).template.check(
        {},
        {
          templateName: "名".repeat(85) + "a",
          streamBeginNotifyUrl: "https://hooks.example.com/b",
        },
      );
      assert.match(result.failures?.[0]?.reason ?? "", /at most 255 bytes/);
      assert.equal(JSON.stringify(emulator.state().calls), callsBefore);
    });
  });
});
