// The provider functions' notices through the plugin reach the engine's Log, attached to the
// resource they concern: the notices as a module (routing by request, delivery before the
// answer), then the plugin started from source with an engine Log service as its engine, driven
// over gRPC as the engine drives an `up` and a drift preview.
import assert from "node:assert/strict";
import { createResourceNotices } from "../../src/plugin/notices";
import { startLocalLive, type LocalLive } from "../harness/emulator";
import { startEngineLogServer, type EngineLogServer } from "../harness/engineLogServer";
import { startPluginServer, wireSecret, type PluginServer } from "../harness/pluginServer";

const KEY = "NoticeKey123";
const urnOf = (type: string, name: string) =>
  `urn:pulumi:dev::notices::tencentcloud-live:index:${type}::${name}`;
const TEMPLATE_URN = urnOf("CallbackTemplate", "hooks");
const BINDING_URN = urnOf("DomainCallbackBinding", "push");

describe("the plugin's notices", function () {
  describe("as a module", () => {
    it("attaches each line to the URN of the request that logged it, with requests interleaved", async () => {
      const sent: [string, string][] = [];
      const notices = createResourceNotices(async (urn, line) => void sent.push([urn, line]));
      const tick = () => new Promise((r) => setImmediate(r));
      const work = (name: string) => async () => {
        notices.log(`${name} 1`);
        await tick();
        await tick();
        notices.log(`${name} 2`);
        return name;
      };
      const answers = await Promise.all([
        notices.about("urn:a", work("a")),
        notices.about("urn:b", work("b")),
      ]);
      assert.deepEqual(answers, ["a", "b"]);
      assert.deepEqual(sent, [
        ["urn:a", "a 1"],
        ["urn:b", "b 1"],
        ["urn:a", "a 2"],
        ["urn:b", "b 2"],
      ]);
      notices.log("outside");
      assert.deepEqual(sent.at(-1), ["", "outside"]);
    });

    it("answers only once the request's lines are delivered, failed work included", async () => {
      const delivered: string[] = [];
      const notices = createResourceNotices(
        (_urn, line) =>
          new Promise((resolve) =>
            setTimeout(() => {
              delivered.push(line);
              resolve();
            }, 20),
          ),
      );
      await notices.about("urn:a", async () => notices.log("done"));
      assert.deepEqual(delivered, ["done"]);
      await assert.rejects(
        notices.about("urn:a", async () => {
          notices.log("failing");
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.deepEqual(delivered, ["done", "failing"]);
    });
  });

  describe("over gRPC, with the engine's Log service", function () {
    this.timeout(120_000);
    let live: LocalLive;
    let engine: EngineLogServer;
    let plugin: PluginServer | undefined;

    /** A plugin process for one deployment, as the engine starts one per `up` or `preview`. */
    const deployment = async () => {
      await plugin?.stop();
      plugin = await startPluginServer({ engineAddress: engine.address });
      await plugin.configure({
        secretId: live.emulator.credentials.secretId,
        secretKey: live.emulator.credentials.secretKey,
        endpoint: live.emulator.url,
      });
      return plugin;
    };

    before(async () => {
      live = await startLocalLive();
      engine = await startEngineLogServer();
    });
    after(async () => {
      await plugin?.stop();
      await engine?.stop();
      await live?.stop();
    });

    /** The lines the engine got for `urn`, as `severity message`. */
    const loggedFor = (urn: string) =>
      engine
        .lines()
        .filter((l) => l.urn === urn)
        .map((l) => `${l.severity} ${l.message}`);

    it("an up's propagation notice and a drift preview's lines reach the engine with their resource's URN, not the plugin's output, and never the key", async () => {
      const declared = {
        templateName: "notice_hooks",
        streamEndNotifyUrl: "https://hooks.example.com/end",
        callbackKey: wireSecret(KEY),
      };
      const up = await deployment();
      const checked = await up.check(TEMPLATE_URN, {}, declared);
      assert.deepEqual(checked.failures, []);
      const template = await up.create(TEMPLATE_URN, checked.inputs);
      const templateId = Number(template.id);
      const bindingInputs = (
        await up.check(BINDING_URN, {}, { domainName: "push.example.com", templateId })
      ).inputs;
      const binding = await up.create(BINDING_URN, bindingInputs);
      const upOutput = up.lines().map((l) => l.text);
      // Delivered before Create answered: no waiting here.
      assert.deepEqual(loggedFor(BINDING_URN), [
        `info DomainCallbackBinding "push.example.com/live": created; the rule takes effect within 5-10 minutes: events for push.example.com/live reach template ${templateId} only then.`,
      ]);

      // Console edits to both; a preview's diffs run at once, as the engine runs steps.
      await live.console.ModifyLiveCallbackTemplate({
        TemplateId: templateId,
        StreamEndNotifyUrl: "https://console-edit.example.com/end",
      });
      await live.console.DeleteLiveCallbackRule({
        DomainName: "push.example.com",
        AppName: "live",
      });
      const preview = await deployment();
      const [templateDiff, bindingDiff] = await Promise.all([
        preview.diff(template.id, TEMPLATE_URN, template.properties, checked.inputs),
        preview.diff(binding.id, BINDING_URN, binding.properties, bindingInputs),
      ]);
      assert.equal(templateDiff.changes, "some");
      assert.equal(bindingDiff.changes, "some");
      const label = `CallbackTemplate "notice_hooks" (TemplateId ${templateId})`;
      assert.deepEqual(loggedFor(TEMPLATE_URN), [
        `info ${label}: streamEndNotifyUrl: live "https://console-edit.example.com/end" ≠ declared "https://hooks.example.com/end"`,
        `info ${label}: streamEndNotifyUrl changes; the platform applies it 5-10 minutes after up: keep the old URL https://console-edit.example.com/end serving for at least 10 minutes.`,
      ]);
      assert.deepEqual(loggedFor(BINDING_URN).slice(1), [
        `info DomainCallbackBinding "push.example.com/live": the rule no longer exists in the account; it will be created again.`,
      ]);
      assert.deepEqual(
        engine.lines().filter((l) => l.urn !== TEMPLATE_URN && l.urn !== BINDING_URN),
        [],
      );
      const printed = [...upOutput, ...preview.lines().map((l) => l.text)].join("\n");
      const everything = [...engine.lines().map((l) => l.message), printed].join("\n");
      assert.ok(!everything.includes(KEY), "a notice or the plugin's output holds the key");
      assert.doesNotMatch(
        printed,
        /takes effect|≠ declared|no longer exists/,
        "the plugin printed a notice instead of sending it",
      );
    });
  });
});
