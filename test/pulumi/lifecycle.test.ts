// Renames, replaces and destroy through the real CLI's engine: its step generation and
// dependency order, with the API calls checked in the order the emulator received them.
import assert from "node:assert/strict";
import { startCallRecorder, type CallRecorder } from "../../scripts/demo/callLog";
import { initStack, pulumiOk } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack, type FleetSpec } from "../support/fleet";

const WRITES = /^(Create|Modify|Delete)Live/;

describe("real pulumi CLI: rename, replace and destroy in the engine's order", function () {
  this.timeout(300_000);
  const suite = useCliSuite();
  let recorder: CallRecorder;
  before(async () => {
    recorder = await startCallRecorder(suite.live().emulator.url);
  });
  after(() => recorder?.close());
  beforeEach(() => {
    suite.live().emulator.reset();
    recorder.take();
  });

  /** A stack whose provider calls the API through the recording relay. */
  async function recordedStack(name: string) {
    const { cli, project } = { cli: suite.cli(), project: suite.project() };
    await initStack(cli, project.dir, name, suite.live());
    await pulumiOk(
      cli,
      ["config", "set", "tencentcloud-live:endpoint", recorder.url, "-s", name],
      project.dir,
    );
    await pulumiOk(
      cli,
      ["config", "set", "--secret", "key", "LifecycleKey1", "-s", name],
      project.dir,
    );
    return fleetStack(suite, name);
  }

  const spec = (
    templateName: string,
    names = { t: "hooks", b: "push" },
    aliases = false,
  ): FleetSpec => ({
    templates: [
      {
        name: names.t,
        templateName,
        streamBeginNotifyUrl: "https://hooks.example.com/begin",
        keyConfig: "key",
        aliases: aliases ? ["hooks"] : undefined,
      },
    ],
    bindings: [
      {
        name: names.b,
        domainName: "push.example.com",
        template: names.t,
        aliases: aliases ? ["push"] : undefined,
      },
      {
        name: `${names.b}-eu`,
        domainName: "eu.example.com",
        template: names.t,
        aliases: aliases ? ["push-eu"] : undefined,
      },
    ],
  });

  it("renaming both resources with aliases changes nothing in the account", async () => {
    const fleet = await recordedStack("rename");
    await fleet.declare(spec("hooks"));
    await fleet.ok("up");
    recorder.take();
    await fleet.declare(spec("hooks", { t: "hooks-v2", b: "push-v2" }, true));
    const renamed = await fleet.ok("up");
    assert.equal(renamed.changes?.create, undefined, renamed.stdout);
    assert.equal(renamed.changes?.delete, undefined, renamed.stdout);
    assert.deepEqual(
      recorder.take().filter((c) => WRITES.test(c.action)),
      [],
      "a rename wrote to the account",
    );
    const clean = await fleet.run("preview", { options: { expectNoChanges: true } });
    assert.equal(clean.code, 0, clean.stdout);
  });

  it("a new templateName is modified in place; a new domain replaces the binding, the new rule made before the old one is deleted", async () => {
    const fleet = await recordedStack("replace");
    await fleet.declare(spec("hooks"));
    await fleet.ok("up");
    const [old] = (await suite.live().state()).templates;
    recorder.take();

    // The API renames a template (ModifyLiveCallbackTemplate takes TemplateName): same id, the
    // rules untouched, so no event is routed differently.
    await fleet.declare(spec("hooks_renamed"));
    const renamed = await fleet.ok("up");
    assert.deepEqual(renamed.changes, { same: 3, update: 1 }, renamed.stdout);
    assert.deepEqual(
      recorder
        .take()
        .filter((c) => WRITES.test(c.action))
        .map((c) => c.action),
      ["ModifyLiveCallbackTemplate"],
    );
    const [template] = (await suite.live().state()).templates;
    assert.equal(template.TemplateId, old.TemplateId);
    assert.equal(template.TemplateName, "hooks_renamed");

    // A binding's domain is its identity: the engine replaces it, creating before deleting.
    const moved = spec("hooks_renamed");
    moved.bindings[1].domainName = "eu2.example.com";
    await fleet.declare(moved);
    const replaced = await fleet.ok("up");
    assert.equal(replaced.changes?.replace, 1, replaced.stdout);
    const calls = recorder.take().filter((c) => WRITES.test(c.action));
    assert.deepEqual(
      calls.map((c) => `${c.action} ${c.target.DomainName}`),
      ["CreateLiveCallbackRule eu2.example.com", "DeleteLiveCallbackRule eu.example.com"],
    );
    const state = await suite.live().state();
    assert.deepEqual(state.rules.map((r) => r.DomainName).sort(), [
      "eu2.example.com",
      "push.example.com",
    ]);
  });

  it("destroy deletes every rule before its template and leaves nothing", async () => {
    const fleet = await recordedStack("destroy");
    await fleet.declare({
      templates: [0, 1, 2].map((i) => ({
        name: `t${i}`,
        templateName: `t_${i}`,
        streamBeginNotifyUrl: `https://h.example.com/${i}`,
      })),
      bindings: [0, 1, 2].flatMap((i) =>
        [0, 1, 2].map((j) => ({
          name: `b${i}${j}`,
          domainName: `d${i}${j}.example.com`,
          template: `t${i}`,
        })),
      ),
    });
    await fleet.ok("up");
    const ids = new Map(
      (await suite.live().state()).rules.map((r) => [r.DomainName, r.TemplateId]),
    );
    recorder.take();
    const destroyed = await fleet.ok("destroy", { options: { yes: true } });
    assert.equal(destroyed.changes?.delete, 13, destroyed.stdout); // 12 and the stack
    const calls = recorder.take().filter((c) => WRITES.test(c.action));
    for (const [i, call] of calls.entries()) {
      if (call.action !== "DeleteLiveCallbackTemplate") continue;
      const laterRules = calls
        .slice(i + 1)
        .filter(
          (c) =>
            c.action === "DeleteLiveCallbackRule" &&
            ids.get(String(c.target.DomainName)) === call.target.TemplateId,
        );
      assert.deepEqual(
        laterRules,
        [],
        `template ${call.target.TemplateId} deleted before its rules`,
      );
    }
    assert.equal(calls.filter((c) => c.action === "DeleteLiveCallbackRule").length, 9);
    const state = await suite.live().state();
    assert.deepEqual([state.templates, state.rules], [[], []]);
  });
});
