import assert from "node:assert/strict";
import { MAX_TEMPLATES, TEMPLATE_FIELDS } from "../../src/api/fields";
import { adminCall, expectApiError, minimalTemplate, useTestEmulator } from "./helpers";

describe("emulator: callback templates", () => {
  const t = useTestEmulator();

  const full = {
    TemplateName: "直播回调_main-1",
    Description: "主模板_v1",
    StreamBeginNotifyUrl: "https://hooks.example.com/begin",
    StreamEndNotifyUrl: "https://hooks.example.com/end",
    RecordNotifyUrl: "http://hooks.example.com/record",
    RecordStatusNotifyUrl: "https://hooks.example.com/record-status",
    SnapshotNotifyUrl: "https://hooks.example.com/snapshot",
    PornCensorshipNotifyUrl: "https://hooks.example.com/porn",
    PushExceptionNotifyUrl: "https://hooks.example.com/push-exception",
    AudioAuditNotifyUrl: "https://hooks.example.com/audio",
    RecordExceptionNotifyUrl: "https://hooks.example.com/record-exception",
    RecordExceptionLevels: ["error", "warning"],
    CallbackKey: "Abc123xyz",
    StreamMixNotifyUrl: "https://hooks.example.com/mix",
  };

  it("creates, describes, lists, modifies and deletes a template", async () => {
    const created = await t.client.CreateLiveCallbackTemplate(full);
    assert.equal(typeof created.TemplateId, "number");
    assert.ok(created.RequestId);
    const id = created.TemplateId as number;

    const { Template } = await t.client.DescribeLiveCallbackTemplate({ TemplateId: id });
    const { RecordStatusNotifyUrl: _writeOnly, ...visible } = full;
    assert.deepEqual(Template, { TemplateId: id, ...visible });

    const { Templates } = await t.client.DescribeLiveCallbackTemplates();
    assert.deepEqual(Templates, [Template]);

    await t.client.ModifyLiveCallbackTemplate({
      TemplateId: id,
      StreamEndNotifyUrl: "https://x.example.com/e",
    });
    const after = await t.client.DescribeLiveCallbackTemplate({ TemplateId: id });
    assert.equal(after.Template?.StreamEndNotifyUrl, "https://x.example.com/e");
    assert.equal(after.Template?.StreamBeginNotifyUrl, full.StreamBeginNotifyUrl);

    const deleted = await t.client.DeleteLiveCallbackTemplate({ TemplateId: id });
    assert.ok(deleted.RequestId);
    assert.deepEqual((await t.client.DescribeLiveCallbackTemplates()).Templates, []);
  });

  it("describes every managed field except the write-only RecordStatusNotifyUrl", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(full);
    const { Template } = await t.client.DescribeLiveCallbackTemplate({
      TemplateId: TemplateId as number,
    });
    for (const field of TEMPLATE_FIELDS) {
      assert.equal(field.api in (Template ?? {}), !field.writeOnly, field.api);
    }
    const stored = t.emulator.state().templates[0];
    assert.equal(stored.RecordStatusNotifyUrl, full.RecordStatusNotifyUrl);
    const admin = await adminCall(t.emulator, "GET", "/_emulator/state");
    const templates = (admin.json as { templates: Record<string, unknown>[] }).templates;
    assert.equal(templates[0].RecordStatusNotifyUrl, full.RecordStatusNotifyUrl);
    assert.equal(templates[0].TemplateId, TemplateId);
  });

  it("leaves unset fields out of Describe, while the state keeps them empty", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(minimalTemplate());
    const id = TemplateId as number;
    const { Template } = await t.client.DescribeLiveCallbackTemplate({ TemplateId: id });
    assert.deepEqual(Template, { TemplateId: id, ...minimalTemplate() });
    const { Templates } = await t.client.DescribeLiveCallbackTemplates();
    assert.deepEqual(Templates, [Template]);
    const stored = t.emulator.state().templates[0];
    assert.equal(stored.Description, "");
    assert.deepEqual(stored.RecordExceptionLevels, []);
    const admin = await adminCall(t.emulator, "GET", "/_emulator/state");
    const templates = (admin.json as { templates: Record<string, unknown>[] }).templates;
    assert.equal(templates[0].CallbackKey, "");
  });

  it("gives increasing ids that are never reused", async () => {
    const a = await t.client.CreateLiveCallbackTemplate(minimalTemplate("a"));
    const b = await t.client.CreateLiveCallbackTemplate(minimalTemplate("b"));
    assert.equal(b.TemplateId, (a.TemplateId as number) + 1);
    await t.client.DeleteLiveCallbackTemplate({ TemplateId: b.TemplateId as number });
    const c = await t.client.CreateLiveCallbackTemplate(minimalTemplate("c"));
    assert.equal(c.TemplateId, (b.TemplateId as number) + 1);
  });

  it("allows duplicate template names", async () => {
    await t.client.CreateLiveCallbackTemplate(minimalTemplate("same"));
    await t.client.CreateLiveCallbackTemplate(minimalTemplate("same"));
    const { Templates } = await t.client.DescribeLiveCallbackTemplates();
    assert.deepEqual(
      Templates?.map((x) => x.TemplateName),
      ["same", "same"],
    );
  });

  it("Modify leaves omitted fields alone and clears fields set to empty", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(full);
    const id = TemplateId as number;
    await t.client.ModifyLiveCallbackTemplate({ TemplateId: id, Description: "" });
    let got = (await t.client.DescribeLiveCallbackTemplate({ TemplateId: id })).Template;
    assert.equal(got?.Description, undefined);
    assert.equal(got?.CallbackKey, full.CallbackKey);
    assert.deepEqual(got?.RecordExceptionLevels, full.RecordExceptionLevels);

    await t.client.ModifyLiveCallbackTemplate({
      TemplateId: id,
      RecordExceptionLevels: [],
      CallbackKey: "",
      RecordStatusNotifyUrl: "",
    });
    got = (await t.client.DescribeLiveCallbackTemplate({ TemplateId: id })).Template;
    assert.equal("RecordExceptionLevels" in (got ?? {}), false);
    assert.equal("CallbackKey" in (got ?? {}), false);
    assert.equal(t.emulator.state().templates[0].CallbackKey, "");
    assert.equal(got?.StreamBeginNotifyUrl, full.StreamBeginNotifyUrl);
    assert.equal(t.emulator.state().templates[0].RecordStatusNotifyUrl, "");
  });

  it("refuses a template without any callback URL, on Create and after a Modify", async () => {
    const err = await expectApiError(
      t.client.CreateLiveCallbackTemplate({ TemplateName: "nourl", Description: "x" }),
      "InvalidParameter",
    );
    assert.match(err.message, /at least one callback URL/i);
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(minimalTemplate());
    await expectApiError(
      t.client.ModifyLiveCallbackTemplate({
        TemplateId: TemplateId as number,
        StreamBeginNotifyUrl: "",
      }),
      "InvalidParameter",
    );
    // The refused Modify changed nothing.
    assert.equal(
      t.emulator.state().templates[0].StreamBeginNotifyUrl,
      minimalTemplate().StreamBeginNotifyUrl,
    );
  });

  it("counts a write-only or deprecated URL as a callback URL", async () => {
    await t.client.CreateLiveCallbackTemplate({
      TemplateName: "rs",
      RecordStatusNotifyUrl: "https://a.example.com",
    });
    await t.client.CreateLiveCallbackTemplate({
      TemplateName: "mix",
      StreamMixNotifyUrl: "https://a.example.com",
    });
    assert.equal(t.emulator.state().templates.length, 2);
  });

  it("reports missing required parameters by name", async () => {
    const a = await expectApiError(
      t.client.CreateLiveCallbackTemplate({
        StreamBeginNotifyUrl: "https://a.example.com",
      } as never),
      "MissingParameter",
    );
    assert.match(a.message, /TemplateName/);
    const b = await expectApiError(
      t.client.ModifyLiveCallbackTemplate({ Description: "x" } as never),
      "MissingParameter",
    );
    assert.match(b.message, /TemplateId/);
    await expectApiError(t.client.DeleteLiveCallbackTemplate({} as never), "MissingParameter");
    await expectApiError(t.client.DescribeLiveCallbackTemplate({} as never), "MissingParameter");
  });

  it("answers UnknownParameter for a parameter the action does not define, naming it", async () => {
    const err = await expectApiError(
      t.client.CreateLiveCallbackTemplate({ ...minimalTemplate(), Colour: "blue" } as never),
      "UnknownParameter",
    );
    assert.match(err.message, /`Colour`/);
    await expectApiError(
      t.client.DescribeLiveCallbackTemplates({ Limit: 10 } as never),
      "UnknownParameter",
    );
    await expectApiError(
      t.client.DeleteLiveCallbackRule({
        DomainName: "a.example.com",
        AppName: "live",
        X: 1,
      } as never),
      "UnknownParameter",
    );
    assert.equal(t.emulator.state().templates.length, 0);
  });

  it("takes the deprecated StreamMixNotifyUrl on Create only: Modify does not define it", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate({
      ...minimalTemplate(),
      StreamMixNotifyUrl: "https://hooks.example.com/mix",
    });
    const id = TemplateId as number;
    const err = await expectApiError(
      t.client.ModifyLiveCallbackTemplate({
        TemplateId: id,
        StreamMixNotifyUrl: "https://hooks.example.com/mix2",
      } as never),
      "UnknownParameter",
    );
    assert.match(err.message, /StreamMixNotifyUrl/);
    const { Template } = await t.client.DescribeLiveCallbackTemplate({ TemplateId: id });
    assert.equal(Template?.StreamMixNotifyUrl, "https://hooks.example.com/mix");
  });

  it("refuses parameters of the wrong JSON type", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(minimalTemplate());
    await expectApiError(
      t.client.DescribeLiveCallbackTemplate({ TemplateId: String(TemplateId) } as never),
      "InvalidParameter",
    );
    await expectApiError(
      t.client.CreateLiveCallbackTemplate({
        ...minimalTemplate(),
        RecordExceptionLevels: "error",
      } as never),
      "InvalidParameter",
    );
    await expectApiError(
      t.client.CreateLiveCallbackTemplate({
        ...minimalTemplate(),
        RecordExceptionLevels: [1],
      } as never),
      "InvalidParameter",
    );
    await expectApiError(
      t.client.CreateLiveCallbackTemplate({ ...minimalTemplate(), Description: 5 } as never),
      "InvalidParameter",
    );
    await expectApiError(
      t.client.DescribeLiveCallbackTemplate({ TemplateId: 1.5 }),
      "InvalidParameter",
    );
  });

  it("refuses an unknown RecordExceptionLevels value", async () => {
    const err = await expectApiError(
      t.client.CreateLiveCallbackTemplate({
        ...minimalTemplate(),
        RecordExceptionLevels: ["error", "fatal"],
      }),
      "InvalidParameterValue",
    );
    assert.match(err.message, /fatal/);
  });

  it("refuses callback URLs that are not http or https", async () => {
    for (const url of [
      "ftp://a.example.com/x",
      "not a url",
      "hooks.example.com/x",
      " https://a.example.com",
    ]) {
      await expectApiError(
        t.client.CreateLiveCallbackTemplate({ TemplateName: "u", StreamEndNotifyUrl: url }),
        "InvalidParameterValue",
      );
    }
    assert.equal(t.emulator.state().templates.length, 0);
  });

  it("applies the API's limits on name, description and key", async () => {
    const bad = [
      { TemplateName: "has space" },
      { TemplateName: "" },
      { TemplateName: "名".repeat(86) }, // 258 bytes
      { TemplateName: "a".repeat(256) },
      { Description: "dot." },
      { Description: "d".repeat(1025) },
      { CallbackKey: "key-with-dash" },
      { CallbackKey: "密钥" },
    ];
    for (const fields of bad) {
      await expectApiError(
        t.client.CreateLiveCallbackTemplate({ ...minimalTemplate(), ...fields }),
        "InvalidParameter",
      );
    }
    await t.client.CreateLiveCallbackTemplate({
      ...minimalTemplate("a".repeat(255)),
      Description: "说".repeat(341),
      CallbackKey: "K".repeat(64),
    });
  });

  it(`refuses template number ${MAX_TEMPLATES + 1} with InternalError.ConfOutLimit`, async () => {
    for (let i = 0; i < MAX_TEMPLATES; i += 1) {
      await t.client.CreateLiveCallbackTemplate(minimalTemplate(`t${i}`));
    }
    await expectApiError(
      t.client.CreateLiveCallbackTemplate(minimalTemplate("one-too-many")),
      "InternalError.ConfOutLimit",
    );
    assert.equal(t.emulator.state().templates.length, MAX_TEMPLATES);
  });

  it("answers InternalError.ConfNotFound for an unknown template id", async () => {
    await expectApiError(
      t.client.DescribeLiveCallbackTemplate({ TemplateId: 424242 }),
      "InternalError.ConfNotFound",
    );
    await expectApiError(
      t.client.ModifyLiveCallbackTemplate({ TemplateId: 424242, Description: "x" }),
      "InternalError.ConfNotFound",
    );
    await expectApiError(
      t.client.DeleteLiveCallbackTemplate({ TemplateId: 424242 }),
      "InternalError.ConfNotFound",
    );
  });

  it("refuses to delete a template a rule still uses", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate(minimalTemplate());
    const id = TemplateId as number;
    await t.client.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: id,
    });
    await expectApiError(
      t.client.DeleteLiveCallbackTemplate({ TemplateId: id }),
      "FailedOperation.ConfInUsed",
    );
    await t.client.DeleteLiveCallbackRule({ DomainName: "push.example.com", AppName: "live" });
    await t.client.DeleteLiveCallbackTemplate({ TemplateId: id });
  });
});
