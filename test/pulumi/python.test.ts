// The provider plugin through the real CLI from Python: the quickstart written in Python with
// hand-written resource classes (they stand in for the SDK `pulumi package gen-sdk` would
// generate, which cannot run here: it needs the Python language host), run as a Python
// Automation API inline program. The project's `packages:` entry points at the installed
// package's plugin/ folder, and the credentials are the plugin's own stack config.
// up; a console edit fails preview --expect-no-changes; up repairs; refresh; destroy; no key
// in the state.
import assert from "node:assert/strict";
import {
  initPluginStack,
  prepareConsumer,
  preparePulumiCli,
  pulumi,
  requirePythonPulumi,
  runPythonProgram,
  startLocalLive,
  stateFileText,
  writePluginProject,
  type Consumer,
  type LocalLive,
  type ProgramCommand,
  type PulumiCli,
} from "../harness";
import { REPO } from "../support/hostProject";

const KEY = "PythonKey123";
const PROJECT = "py-quickstart";
/** API actions that change the account. */
const WRITES = /^(Create|Modify|Delete)/;

function writes(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([action]) => WRITES.test(action)));
}

describe("real pulumi CLI: the provider plugin from a Python program", function () {
  this.timeout(600_000);
  let live: LocalLive;
  let cli: PulumiCli;
  let consumer: Consumer;

  before(async function () {
    requirePythonPulumi(this);
    this.timeout(1_800_000);
    live = await startLocalLive();
    cli = await preparePulumiCli();
    consumer = await prepareConsumer({ repoDir: REPO });
  });
  after(async () => {
    await live?.stop().catch(() => undefined);
    await cli?.cleanup().catch(() => undefined);
    await consumer?.cleanup().catch(() => undefined);
  });

  it("quickstart: up, a console edit fails preview --expect-no-changes, up repairs, refresh, destroy; the state holds no key in plain text", async () => {
    const dir = await writePluginProject(consumer.dir, PROJECT, "python", "");
    await initPluginStack(cli, dir, "dev", live);
    const set = await pulumi(
      cli,
      ["config", "set", "--secret", "callbackKey", KEY, "-s", "dev"],
      dir,
    );
    assert.equal(set.code, 0, set.stderr);
    const run = (command: ProgramCommand, options: Record<string, unknown> = {}) =>
      runPythonProgram({ cli, dir, project: PROJECT, stack: "dev", command, options });
    const ok = async (command: ProgramCommand, options: Record<string, unknown> = {}) => {
      const r = await run(command, options);
      assert.equal(r.code, 0, `${command} failed:\n${r.stdout}\n${r.stderr}`);
      return r;
    };

    const up = await ok("up");
    assert.deepEqual(up.changes, { create: 4 }, up.stdout);
    const created = await live.state();
    assert.equal(created.templates.length, 1);
    const [template] = created.templates;
    assert.equal(template.TemplateName, "prod_hooks");
    assert.equal(template.CallbackKey, KEY);
    assert.deepEqual(created.rules.map((r) => `${r.DomainName}:${r.TemplateId}`).sort(), [
      `push-backup.example.com:${template.TemplateId}`,
      `push.example.com:${template.TemplateId}`,
    ]);

    const state = await stateFileText(cli, "dev");
    assert.ok(!state.includes(KEY), "the callback key is in the state in plain text");
    assert.ok(
      !state.includes(live.emulator.credentials.secretKey),
      "the secret key is in the state",
    );
    const deployment = JSON.parse(state) as {
      checkpoint: { latest: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
    };
    const saved = deployment.checkpoint.latest.resources.find(
      (r) => r.type === "tencentcloud-live:index:CallbackTemplate",
    );
    assert.equal(saved?.outputs?.templateId, template.TemplateId);
    assert.deepEqual(Object.keys(saved?.outputs?.callbackKey as object).sort(), [
      "4dabf18193072939515e22adb298388d",
      "ciphertext",
    ]);

    await live.console.ModifyLiveCallbackTemplate({
      TemplateId: template.TemplateId,
      StreamEndNotifyUrl: "https://console-edit.example.com/end",
    });
    const before = writes((await live.state()).calls);
    const gated = await run("preview", { expect_no_changes: true, diff: true });
    const output = gated.stdout + gated.stderr;
    assert.notEqual(gated.code, 0, `preview --expect-no-changes passed over drift:\n${output}`);
    assert.match(output, /~ tencentcloud-live:index:CallbackTemplate: \(update\)/);
    assert.doesNotMatch(output, /DomainCallbackBinding: \(update\)/);
    assert.match(output, /1 to update/);
    assert.deepEqual(writes((await live.state()).calls), before, "preview wrote to the account");

    await ok("up");
    assert.equal(
      (await live.state()).templates[0].StreamEndNotifyUrl,
      "https://hooks.example.com/live/end",
    );
    await ok("preview", { expect_no_changes: true });

    await live.console.DeleteLiveCallbackRule({
      DomainName: "push-backup.example.com",
      AppName: "live",
    });
    await ok("refresh");
    const refreshed = await stateFileText(cli, "dev");
    const urns = (JSON.parse(refreshed) as typeof deployment).checkpoint.latest.resources
      .map((r) => (r as { urn?: string }).urn ?? "")
      .filter((urn) => urn.includes("DomainCallbackBinding"));
    assert.deepEqual(
      urns.map((urn) => urn.slice(urn.lastIndexOf("::") + 2)),
      ["push-main"],
      "refresh kept the deleted rule's binding",
    );
    assert.ok(!refreshed.includes(KEY), "refresh wrote the key in plain text");

    // The emulator refuses to delete a template a rule still uses: a clean destroy means the
    // rules went first.
    await ok("destroy");
    const gone = await live.state();
    assert.deepEqual([gone.templates.length, gone.rules.length], [0, 0]);
  });
});
