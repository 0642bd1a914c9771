// The recovery switch (tencentcloud-live:adoptMatching): after a killed `pulumi up`, a create
// takes over an object that already matches the declaration exactly, and nothing else.
import assert from "node:assert/strict";
import type { CallBackRuleInfo, CallBackTemplateInfo } from "../../src/api/models";
import { adoptMatchingSetting, ADOPT_MATCHING_KEY } from "../../src/provider/adoptMatching";
import { createBindingProvider, createTemplateProvider } from "../../src/provider/index";
import { assertNoWrites, rejection, stubContext } from "./stubClient";

const KEY = "RecoveryKey01";
/** The whole recovery advice both "already exists" errors end with: what to run, and its limit. */
const ADVICE =
  "If an earlier pulumi up was interrupted (killed) after making it, run the next pulumi up with " +
  "TENCENTCLOUD_LIVE_ADOPT_MATCHING=true (or config tencentcloud-live:adoptMatching=true): it takes " +
  "over objects that already match the program exactly, and nothing else.";
const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

function existingTemplate(over: Partial<CallBackTemplateInfo> = {}): CallBackTemplateInfo {
  return {
    TemplateId: 40,
    TemplateName: "hooks",
    Description: "",
    StreamBeginNotifyUrl: "https://h.example.com/begin",
    StreamEndNotifyUrl: "",
    RecordNotifyUrl: "",
    SnapshotNotifyUrl: "",
    PornCensorshipNotifyUrl: "",
    StreamMixNotifyUrl: "",
    PushExceptionNotifyUrl: "",
    AudioAuditNotifyUrl: "",
    RecordExceptionNotifyUrl: "",
    RecordExceptionLevels: [],
    CallbackKey: KEY,
    ...over,
  };
}
const declaredTemplate = (over: Record<string, unknown> = {}) => ({
  templateName: "hooks",
  streamBeginNotifyUrl: "https://h.example.com/begin",
  callbackKey: KEY,
  ...over,
});
const existingRule = (TemplateId: number): CallBackRuleInfo => ({
  DomainName: "push.example.com",
  AppName: "live",
  TemplateId,
  CreateTime: "2026-12-06 10:00:00",
  UpdateTime: "2026-12-06 10:00:00",
});

function setup(adoptMatching: boolean) {
  const s = stubContext();
  s.ctx.adoptMatching = () => adoptMatching;
  return {
    ...s,
    template: createTemplateProvider(s.ctx),
    binding: createBindingProvider(s.ctx),
  };
}

describe("adoptMatching: taking over what an interrupted up made", () => {
  it("reads true or false from stack config first, then the environment; anything else is refused by name", () => {
    const env = { [ADOPT_MATCHING_KEY.env]: "true" };
    assert.equal(adoptMatchingSetting(undefined, {}), false);
    assert.equal(adoptMatchingSetting(undefined, env), true);
    assert.equal(
      adoptMatchingSetting(config({ [ADOPT_MATCHING_KEY.config]: "false" }), env),
      false,
    );
    assert.throws(
      () => adoptMatchingSetting(config({ [ADOPT_MATCHING_KEY.config]: "yes" }), {}),
      /config tencentcloud-live:adoptMatching must be true or false, got "yes"/,
    );
    assert.throws(
      () => adoptMatchingSetting(undefined, { [ADOPT_MATCHING_KEY.env]: "1" }),
      /environment variable TENCENTCLOUD_LIVE_ADOPT_MATCHING must be true or false, got "1"/,
    );
  });

  it("on: a template that matches the declaration exactly is taken over with its id, and nothing is written", async () => {
    const { template, client, lines } = setup(true);
    client.describeLiveCallbackTemplates.resolves([existingTemplate()]);
    const created = await template.create(declaredTemplate() as never);
    assert.equal(created.id, "40");
    assertNoWrites(client);
    assert.match(lines().join("\n"), /taking over the existing template, which already matches/);
  });

  it("on: a template that differs in any field is still refused, naming the switch for the next time", async () => {
    for (const over of [
      { StreamBeginNotifyUrl: "https://other.example.com/begin" },
      { CallbackKey: "AnotherKey99" },
      { Description: "made_in_console" },
    ]) {
      const { template, client } = setup(true);
      client.describeLiveCallbackTemplates.resolves([existingTemplate(over)]);
      const err = await rejection(template.create(declaredTemplate() as never));
      assert.match(err.message, /already exists in the account \(TemplateId 40\)/);
      assert.ok(!err.message.includes("AnotherKey99"), "a key in an error");
      assertNoWrites(client);
    }
  });

  it("off: even an exact match is refused, and the error says how to recover", async () => {
    const { template, client } = setup(false);
    client.describeLiveCallbackTemplates.resolves([existingTemplate()]);
    const err = await rejection(template.create(declaredTemplate() as never));
    assert.ok(err.message.includes(ADVICE), err.message);
    assertNoWrites(client);
  });

  it("on: a rule already pointing at the declared template is taken over; one pointing elsewhere is refused", async () => {
    const same = setup(true);
    same.client.describeLiveCallbackRules.resolves([existingRule(7)]);
    const created = await same.binding.create({
      domainName: "push.example.com",
      appName: "live",
      templateId: 7,
    });
    assert.equal(created.id, "push.example.com/live");
    assertNoWrites(same.client);
    assert.match(same.lines().join("\n"), /taking over the existing rule/);

    const other = setup(true);
    other.client.describeLiveCallbackRules.resolves([existingRule(3)]);
    const err = await rejection(
      other.binding.create({ domainName: "push.example.com", appName: "live", templateId: 7 }),
    );
    assert.match(err.message, /already exists in the account \(template 3\)/);
    assert.ok(err.message.includes(ADVICE), err.message);
    assertNoWrites(other.client);
  });
});
