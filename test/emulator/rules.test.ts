import assert from "node:assert/strict";
import { ACTION_HANDLERS } from "../../src/emulator/account/actions";
import { emptyData } from "../../src/emulator/account/data";
import { DEFAULT_EMULATOR_CONFIG } from "../../src/emulator/config/switches";
import { adminCall, expectApiError, minimalTemplate, useTestEmulator } from "./helpers";

const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Epoch ms of a `YYYY-MM-DD HH:mm:ss` Beijing time. */
function parseBeijing(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}+08:00`);
}

describe("emulator: callback rules", () => {
  const t = useTestEmulator();
  let templateId: number;

  beforeEach(async () => {
    t.emulator.configure({ duplicateRules: "reject" });
    templateId = (await t.client.CreateLiveCallbackTemplate(minimalTemplate()))
      .TemplateId as number;
  });

  const rule = { DomainName: "push.example.com", AppName: "live" };

  it("creates, describes and deletes a rule, with Beijing times", async () => {
    const before = Date.now();
    const created = await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId });
    assert.ok(created.RequestId);
    const { Rules } = await t.client.DescribeLiveCallbackRules();
    assert.equal(Rules?.length, 1);
    const [got] = Rules ?? [];
    assert.deepEqual(Object.keys(got).sort(), [
      "AppName",
      "CreateTime",
      "DomainName",
      "TemplateId",
      "UpdateTime",
    ]);
    assert.equal(got.TemplateId, templateId);
    assert.equal(got.DomainName, rule.DomainName);
    assert.equal(got.AppName, rule.AppName);
    assert.match(got.CreateTime ?? "", BEIJING_TIME);
    assert.equal(got.UpdateTime, got.CreateTime);
    const created_ms = parseBeijing(got.CreateTime ?? "");
    assert.ok(
      Math.abs(created_ms - before) < 5000,
      `CreateTime ${got.CreateTime} is Beijing time of now`,
    );

    await t.client.DeleteLiveCallbackRule(rule);
    assert.deepEqual((await t.client.DescribeLiveCallbackRules()).Rules, []);
  });

  it("keys rules by domain and app name", async () => {
    await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId });
    await t.client.CreateLiveCallbackRule({ ...rule, AppName: "other", TemplateId: templateId });
    await t.client.CreateLiveCallbackRule({
      ...rule,
      DomainName: "push2.example.com",
      TemplateId: templateId,
    });
    assert.equal((await t.client.DescribeLiveCallbackRules()).Rules?.length, 3);
    await t.client.DeleteLiveCallbackRule({ ...rule, AppName: "other" });
    const left = (await t.client.DescribeLiveCallbackRules()).Rules?.map(
      (r) => `${r.DomainName}/${r.AppName}`,
    );
    assert.deepEqual(left, ["push.example.com/live", "push2.example.com/live"]);
  });

  it("requires all three parameters", async () => {
    for (const missing of ["DomainName", "AppName", "TemplateId"]) {
      const params: Record<string, unknown> = { ...rule, TemplateId: templateId };
      delete params[missing];
      const err = await expectApiError(
        t.client.CreateLiveCallbackRule(params as never),
        "MissingParameter",
      );
      assert.match(err.message, new RegExp(missing));
    }
    await expectApiError(
      t.client.DeleteLiveCallbackRule({ DomainName: "push.example.com" } as never),
      "MissingParameter",
    );
  });

  it("answers InvalidParameter.ConfNotFound for an unknown template", async () => {
    await expectApiError(
      t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId + 100 }),
      "InvalidParameter.ConfNotFound",
    );
  });

  it("answers InvalidParameter.DomainFormatError for a malformed domain", async () => {
    for (const DomainName of [
      "not a domain",
      "localhost",
      "-bad.example.com",
      "1.2.3.4",
      "a..example.com",
    ]) {
      await expectApiError(
        t.client.CreateLiveCallbackRule({ DomainName, AppName: "live", TemplateId: templateId }),
        "InvalidParameter.DomainFormatError",
      );
    }
    assert.deepEqual(t.emulator.state().rules, []);
  });

  it("refuses a second rule for the same domain and app in reject mode", async () => {
    await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId });
    const other = (await t.client.CreateLiveCallbackTemplate(minimalTemplate("other")))
      .TemplateId as number;
    await expectApiError(
      t.client.CreateLiveCallbackRule({ ...rule, TemplateId: other }),
      "FailedOperation.RuleAlreadyExist",
    );
    assert.equal(t.emulator.state().rules[0].TemplateId, templateId);
  });

  it("replaces the template of an existing rule in overwrite mode, keeping CreateTime", async () => {
    await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId });
    const first = t.emulator.state().rules[0];
    const switched = await adminCall(t.emulator, "POST", "/_emulator/config", {
      duplicateRules: "overwrite",
    });
    assert.equal((switched.json as { duplicateRules: string }).duplicateRules, "overwrite");
    const other = (await t.client.CreateLiveCallbackTemplate(minimalTemplate("other")))
      .TemplateId as number;
    await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: other });
    const { Rules } = await t.client.DescribeLiveCallbackRules();
    assert.equal(Rules?.length, 1);
    assert.equal(Rules?.[0].TemplateId, other);
    assert.equal(Rules?.[0].CreateTime, first.CreateTime);
    assert.ok(parseBeijing(Rules?.[0].UpdateTime ?? "") >= parseBeijing(first.CreateTime));
  });

  it("sets UpdateTime when overwriting (handler with an injected clock)", () => {
    const data = emptyData();
    data.templates.push(
      { ...t.emulator.state().templates[0], TemplateId: 1 },
      { ...t.emulator.state().templates[0], TemplateId: 2 },
    );
    const create = ACTION_HANDLERS.CreateLiveCallbackRule;
    const t0 = Date.UTC(2024, 0, 1, 16, 0, 0); // 2024-01-02 00:00:00 in Beijing
    const config = { ...DEFAULT_EMULATOR_CONFIG, duplicateRules: "overwrite" as const };
    create({ ...rule, TemplateId: 1 }, { data, config, nowMs: t0 });
    create({ ...rule, TemplateId: 2 }, { data, config, nowMs: t0 + 90_000 });
    assert.deepEqual(data.rules, [
      {
        ...rule,
        TemplateId: 2,
        CreateTime: "2024-01-02 00:00:00",
        UpdateTime: "2024-01-02 00:01:30",
      },
    ]);
  });

  it("answers InvalidParameter, its own documented code, for a malformed domain or app on Delete", async () => {
    await t.client.CreateLiveCallbackRule({ ...rule, TemplateId: templateId });
    for (const DomainName of ["not a domain", "1.2.3.4", ""]) {
      const err = await expectApiError(
        t.client.DeleteLiveCallbackRule({ DomainName, AppName: "live" }),
        "InvalidParameter",
      );
      assert.match(err.message, /DomainName/);
    }
    const app = await expectApiError(
      t.client.DeleteLiveCallbackRule({ DomainName: rule.DomainName, AppName: "a/b" }),
      "InvalidParameter",
    );
    assert.match(app.message, /AppName/);
    assert.equal(t.emulator.state().rules.length, 1);
  });

  it("answers FailedOperation.NotFound when deleting a missing rule", async () => {
    await expectApiError(t.client.DeleteLiveCallbackRule(rule), "FailedOperation.NotFound");
  });

  it("refuses a wrongly typed TemplateId and an empty AppName", async () => {
    await expectApiError(
      t.client.CreateLiveCallbackRule({ ...rule, TemplateId: String(templateId) } as never),
      "InvalidParameter",
    );
    await expectApiError(
      t.client.CreateLiveCallbackRule({ ...rule, AppName: "", TemplateId: templateId }),
      "InvalidParameterValue",
    );
  });
});
