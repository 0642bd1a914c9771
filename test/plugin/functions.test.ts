// The lookups as the provider plugin's functions, driven over gRPC as the engine drives them:
// the plugin started from source, configured with the emulator's credentials and endpoint.
import assert from "node:assert/strict";
import { startLocalLive, type LocalLive } from "../harness/emulator";
import { HostCallError, SECRET_SIG, SECRET_SIG_KEY } from "../harness/host";
import { startPluginServer, wireSecret, type PluginServer } from "../harness/pluginServer";

const TOKEN = (name: string) => `tencentcloud-live:index:${name}`;
const KEY = "FnKey12345";

function isWireSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
  );
}

describe("the plugin's functions (the lookups) over gRPC", function () {
  this.timeout(120_000);
  let live: LocalLive;
  let plugin: PluginServer;
  let ids: { keyed: number; plain: number };
  const config = () => ({
    secretId: live.emulator.credentials.secretId,
    secretKey: live.emulator.credentials.secretKey,
    endpoint: live.emulator.url,
  });

  before(async () => {
    live = await startLocalLive();
    plugin = await startPluginServer();
    await plugin.configure(config());
    const keyed = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "keyed_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      RecordExceptionLevels: ["error"],
      CallbackKey: KEY,
    });
    const plain = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "plain_hooks",
      StreamEndNotifyUrl: "https://hooks.example.com/end",
    });
    ids = { keyed: keyed.TemplateId!, plain: plain.TemplateId! };
    await live.console.CreateLiveCallbackRule({
      DomainName: "Push.Example.com",
      AppName: "live",
      TemplateId: ids.keyed,
    });
    await live.console.CreateLiveCallbackRule({
      DomainName: "other.example.com",
      AppName: "live",
      TemplateId: ids.plain,
    });
  });
  after(async () => {
    await plugin?.stop();
    await live?.stop();
  });

  it("getCallbackTemplates returns every template the emulator holds, each key as a secret", async () => {
    const { outputs, failures } = await plugin.invoke(TOKEN("getCallbackTemplates"), {});
    assert.deepEqual(failures, []);
    const templates = outputs.templates as Record<string, unknown>[];
    const held = (await live.state()).templates;
    assert.deepEqual(
      templates.map((t) => [t.templateId, t.templateName]),
      held.map((t) => [t.TemplateId, t.TemplateName]),
    );
    const keyed = templates.find((t) => t.templateId === ids.keyed)!;
    assert.ok(isWireSecret(keyed.callbackKey), "the key is not wrapped as a secret");
    assert.equal(keyed.callbackKey.value, KEY);
    assert.equal(keyed.streamBeginNotifyUrl, "https://hooks.example.com/begin");
    assert.deepEqual(keyed.recordExceptionLevels, ["error"]);
    const plain = templates.find((t) => t.templateId === ids.plain)!;
    assert.equal(plain.callbackKey, undefined);
    assert.equal(plain.streamEndNotifyUrl, "https://hooks.example.com/end");
  });

  it("getCallbackTemplate finds one by name or id, the key a secret", async () => {
    const byName = await plugin.invoke(TOKEN("getCallbackTemplate"), {
      templateName: "keyed_hooks",
    });
    assert.deepEqual(byName.failures, []);
    assert.equal(byName.outputs.templateId, ids.keyed);
    assert.deepEqual(byName.outputs.callbackKey, wireSecret(KEY));
    const byId = await plugin.invoke(TOKEN("getCallbackTemplate"), { templateId: ids.plain });
    assert.equal(byId.outputs.templateName, "plain_hooks");
    assert.ok(!("callbackKey" in byId.outputs));
  });

  it("a secret argument makes every output secret, and is never quoted in a failure", async () => {
    const { outputs } = await plugin.invoke(TOKEN("getCallbackTemplate"), {
      templateName: wireSecret("plain_hooks"),
    });
    assert.ok(Object.keys(outputs).length >= 3, JSON.stringify(outputs));
    for (const [k, v] of Object.entries(outputs)) assert.ok(isWireSecret(v), `${k} is not secret`);
    assert.equal((outputs.templateId as { value: unknown }).value, ids.plain);
    const bad = await plugin.invoke(TOKEN("getCallbackBindings"), {
      domainName: wireSecret("not a domain"),
    });
    assert.equal(bad.failures.length, 1);
    assert.match(
      bad.failures[0].reason,
      /^domainName must be a valid host name.*; got \[secret\]$/,
    );
    await assert.rejects(
      plugin.invoke(TOKEN("getCallbackTemplate"), { templateName: wireSecret("hidden_name") }),
      (e: unknown) => {
        const message = String((e as Error).message);
        assert.match(message, /Looking up the callback template with name "\[secret\]": no such/);
        assert.ok(!message.includes("hidden_name"), message);
        return true;
      },
    );
  });

  it("getCallbackBindings filters by domain in any letter case and by template", async () => {
    const byDomain = await plugin.invoke(TOKEN("getCallbackBindings"), {
      domainName: "push.example.COM",
    });
    assert.deepEqual(byDomain.failures, []);
    const rules = (await live.state()).rules;
    const held = rules.find((r) => r.TemplateId === ids.keyed)!;
    assert.deepEqual(byDomain.outputs.bindings, [
      {
        domainName: "Push.Example.com",
        appName: "live",
        templateId: ids.keyed,
        createTime: held.CreateTime,
        updateTime: held.UpdateTime,
      },
    ]);
    const byTemplate = await plugin.invoke(TOKEN("getCallbackBindings"), {
      templateId: ids.plain,
    });
    assert.deepEqual(
      (byTemplate.outputs.bindings as { domainName: string }[]).map((b) => b.domainName),
      ["other.example.com"],
    );
    const all = await plugin.invoke(TOKEN("getCallbackBindings"), {});
    assert.equal((all.outputs.bindings as unknown[]).length, rules.length);
  });

  it("rejects bad arguments naming the argument, the rule and the value, without calling the API", async () => {
    const before = (await live.state()).calls;
    const zero = await plugin.invoke(TOKEN("getCallbackTemplate"), { templateId: 0 });
    assert.deepEqual(zero.failures, [
      { property: "templateId", reason: "templateId must be a positive integer; got 0" },
    ]);
    assert.deepEqual(zero.outputs, {});
    const both = await plugin.invoke(TOKEN("getCallbackTemplate"), {
      templateId: ids.keyed,
      templateName: "keyed_hooks",
    });
    assert.deepEqual(both.failures, [
      {
        property: "templateId",
        reason: "templateId or templateName is required, exactly one of them; got both",
      },
    ]);
    const neither = await plugin.invoke(TOKEN("getCallbackTemplate"), {});
    assert.match(neither.failures[0].reason, /exactly one of them; got neither$/);
    const typo = await plugin.invoke(TOKEN("getCallbackTemplate"), { templateNmae: "x" });
    assert.deepEqual(typo.failures, [
      {
        property: "templateNmae",
        reason:
          'templateNmae is not an argument of getCallbackTemplate (it takes templateId, templateName); got "x"',
      },
    ]);
    const none = await plugin.invoke(TOKEN("getCallbackTemplates"), { includeCallbackKey: true });
    assert.match(none.failures[0].reason, /it takes no arguments\); got true$/);
    assert.deepEqual((await live.state()).calls, before, "a rejected invoke called the API");
  });

  it("rejects an unknown function token, naming the ones served", async () => {
    await assert.rejects(
      plugin.invoke(TOKEN("getCallbackTemplatez"), {}),
      (e: unknown) =>
        e instanceof HostCallError &&
        e.method === "Invoke" &&
        e.message.includes(
          "unknown function tencentcloud-live:index:getCallbackTemplatez: this plugin serves tencentcloud-live:index:getCallbackTemplates, tencentcloud-live:index:getCallbackTemplate, tencentcloud-live:index:getCallbackBindings",
        ),
    );
  });

  it("errors say what was looked up, with the API's action, code and RequestId", async () => {
    await assert.rejects(
      plugin.invoke(TOKEN("getCallbackTemplate"), { templateId: 999_999 }),
      /Looking up the callback template with TemplateId 999999: no such template exists/,
    );
    try {
      await plugin.configure({ ...config(), secretKey: "WrongSecretKey1234567890" });
      await assert.rejects(plugin.invoke(TOKEN("getCallbackTemplates"), {}), (e: unknown) => {
        const message = String((e as Error).message);
        assert.match(
          message,
          /Looking up callback templates: DescribeLiveCallbackTemplates failed: \[AuthFailure[\w.]*\] .*RequestId/,
        );
        assert.ok(!message.includes("WrongSecretKey"), message);
        return true;
      });
    } finally {
      await plugin.configure(config());
    }
  });
});
