// The lookup functions against the emulator, with a client pointed at it.
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import {
  getCallbackBindings,
  getCallbackTemplate,
  getCallbackTemplateOutput,
  getCallbackTemplates,
  getCallbackTemplatesOutput,
} from "../../src/lookups";
import { makeLiveClient } from "../emulator/helpers";
import { newRun } from "../support/providerRun";

describe("lookups against the emulator", () => {
  let emulator: EmulatorHandle;
  let ids: { shared: number; other: number };

  before(async () => {
    emulator = await startEmulator();
    const sdk = makeLiveClient(emulator);
    const shared = await sdk.CreateLiveCallbackTemplate({
      TemplateName: "shared_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      RecordExceptionLevels: ["error"],
      CallbackKey: "SharedKey1",
    });
    const other = await sdk.CreateLiveCallbackTemplate({
      TemplateName: "other",
      StreamEndNotifyUrl: "https://hooks.example.com/end",
    });
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: "twin",
      StreamEndNotifyUrl: "https://a.example.com/end",
    });
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: "twin",
      StreamEndNotifyUrl: "https://b.example.com/end",
    });
    ids = { shared: shared.TemplateId!, other: other.TemplateId! };
    await sdk.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: ids.shared,
    });
    await sdk.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "app2",
      TemplateId: ids.other,
    });
    await sdk.CreateLiveCallbackRule({
      DomainName: "eu.example.com",
      AppName: "live",
      TemplateId: ids.shared,
    });
    // Made in the console with capitals: DNS names compare without case.
    await sdk.CreateLiveCallbackRule({
      DomainName: "Cdn.Example.com",
      AppName: "live",
      TemplateId: ids.other,
    });
  });
  after(() => emulator.stop());

  const options = () => ({ client: newRun(emulator).client });

  it("lists every template, typed in the resources' camelCase, keys only when asked", async () => {
    const all = await getCallbackTemplates(options());
    assert.equal(all.length, 4);
    const shared = all.find((t) => t.templateId === ids.shared)!;
    const fields = {
      templateId: ids.shared,
      templateName: "shared_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/begin",
      recordExceptionLevels: ["error"],
    };
    assert.deepEqual(shared, fields);
    const withKeys = await getCallbackTemplates({ ...options(), includeCallbackKey: true });
    assert.deepEqual(
      withKeys.find((t) => t.templateId === ids.shared),
      { ...fields, callbackKey: "SharedKey1" },
    );
    const one = await getCallbackTemplate({ templateId: ids.shared }, options());
    assert.equal(one.callbackKey, undefined);
    const oneWithKey = await getCallbackTemplate(
      { templateId: ids.shared },
      { ...options(), includeCallbackKey: true },
    );
    assert.equal(oneWithKey.callbackKey, "SharedKey1");
  });

  it("finds one template by id or by name, and says why it cannot", async () => {
    assert.equal(
      (await getCallbackTemplate({ templateId: ids.other }, options())).templateName,
      "other",
    );
    assert.equal(
      (await getCallbackTemplate({ templateName: "shared_hooks" }, options())).templateId,
      ids.shared,
    );
    await assert.rejects(
      getCallbackTemplate({ templateId: 999_999 }, options()),
      /^Error: Looking up the callback template with TemplateId 999999: no such template exists/,
    );
    await assert.rejects(
      getCallbackTemplate({ templateName: "twin" }, options()),
      /^Error: Looking up the callback template with name "twin": 2 templates match/,
    );
  });

  it("returns templates as secret Outputs, keys included", async () => {
    const one = getCallbackTemplateOutput({ templateName: "shared_hooks" }, options());
    assert.equal(await pulumi.isSecret(one), true);
    const key = await new Promise((resolve) => one.apply((t) => resolve(t.callbackKey)));
    assert.equal(key, "SharedKey1");
    const all = getCallbackTemplatesOutput(options());
    assert.equal(await pulumi.isSecret(all), true);
  });

  it("lists bindings, filtered by domain and by template", async () => {
    const all = await getCallbackBindings({}, options());
    assert.equal(all.length, 4);
    const mixedCase = await getCallbackBindings({ domainName: "cdn.example.com" }, options());
    assert.deepEqual(
      mixedCase.map((b) => `${b.domainName}/${b.appName}`),
      ["Cdn.Example.com/live"],
    );
    const byDomain = await getCallbackBindings({ domainName: "Push.Example.com" }, options());
    assert.deepEqual(byDomain.map((b) => `${b.domainName}/${b.appName}`).sort(), [
      "push.example.com/app2",
      "push.example.com/live",
    ]);
    const byTemplate = await getCallbackBindings({ templateId: ids.shared }, options());
    assert.deepEqual(byTemplate.map((b) => b.domainName).sort(), [
      "eu.example.com",
      "push.example.com",
    ]);
    assert.match(byTemplate[0].createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("refuses bad arguments before calling the API, naming the argument, the rule and the value", async () => {
    const before = emulator.state().calls;
    await assert.rejects(
      getCallbackTemplate({ templateId: 0 }, options()),
      /^Error: getCallbackTemplate: templateId must be a positive integer; got 0$/,
    );
    await assert.rejects(
      getCallbackTemplate({ templateId: ids.shared, templateName: "other" } as never, options()),
      /^Error: getCallbackTemplate: templateId or templateName is required, exactly one of them; got both$/,
    );
    await assert.rejects(
      getCallbackBindings({ domainName: "not a domain" }, options()),
      /^Error: getCallbackBindings: domainName must be a valid host name .*; got "not a domain"$/,
    );
    await assert.rejects(
      getCallbackBindings({ templateName: "x" } as never, options()),
      /^Error: getCallbackBindings: templateName is not an argument of getCallbackBindings \(it takes domainName, templateId\); got "x"$/,
    );
    assert.deepEqual(emulator.state().calls, before, "a refused lookup called the API");
  });

  it("prefixes every failure with the lookup, missing credentials included", async () => {
    const noCredentials = {
      client: undefined,
    };
    const saved = {
      id: process.env.TENCENTCLOUD_SECRET_ID,
      key: process.env.TENCENTCLOUD_SECRET_KEY,
    };
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.TENCENTCLOUD_SECRET_KEY;
    try {
      await assert.rejects(
        getCallbackTemplates(noCredentials),
        /^Error: Looking up callback templates: Tencent Cloud credentials are missing/,
      );
      await assert.rejects(
        getCallbackBindings({}, noCredentials),
        /^Error: Looking up callback bindings: Tencent Cloud credentials are missing/,
      );
    } finally {
      if (saved.id !== undefined) process.env.TENCENTCLOUD_SECRET_ID = saved.id;
      if (saved.key !== undefined) process.env.TENCENTCLOUD_SECRET_KEY = saved.key;
    }
  });
});
