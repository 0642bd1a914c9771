/**
 * The quickstart scenario a program in another language proves through the real CLI with the
 * provider plugin (the same steps as `test/pulumi/yaml.test.ts`): up; a console edit fails
 * `preview --expect-no-changes`; up repairs; refresh follows a rule deleted outside Pulumi;
 * destroy empties the account; the state never holds the key in plain text. The program is the
 * quickstart (`examples/quickstart/index.ts`) written in that language; `run` runs one command
 * on it.
 */
import assert from "node:assert/strict";
import {
  stateFileText,
  type LocalLive,
  type ProgramCommand,
  type ProgramResult,
  type PulumiCli,
} from "../harness";

/** The options a scenario step gives a command. */
export interface QuickstartOptions {
  expectNoChanges?: boolean;
  diff?: boolean;
}

/** What the scenario needs: the CLI, the emulator, the stack, the key and a runner. */
export interface QuickstartRun {
  cli: PulumiCli;
  live: LocalLive;
  /** The Pulumi project (its stacks are its own in the shared backend). */
  project: string;
  stack: string;
  /** The `callbackKey` secret config the stack was given. */
  key: string;
  run(command: ProgramCommand, options?: QuickstartOptions): Promise<ProgramResult>;
}

/** API actions that change the account. */
const WRITES = /^(Create|Modify|Delete)/;

function writes(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([action]) => WRITES.test(action)));
}

interface Deployment {
  checkpoint: {
    latest: { resources: { urn: string; type: string; outputs?: Record<string, unknown> }[] };
  };
}

/** Runs the scenario; throws an assertion error at the first step that goes wrong. */
export async function provePluginQuickstart(q: QuickstartRun): Promise<void> {
  const { cli, live, key } = q;
  const ok = async (command: ProgramCommand, options: QuickstartOptions = {}) => {
    const r = await q.run(command, options);
    assert.equal(r.code, 0, `${command} failed:\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  const up = await ok("up");
  assert.deepEqual(up.changes, { create: 4 }, up.stdout);
  const created = await live.state();
  assert.equal(created.templates.length, 1);
  const [template] = created.templates;
  assert.equal(template.TemplateName, "prod_hooks");
  assert.equal(template.CallbackKey, key);
  assert.deepEqual(created.rules.map((r) => `${r.DomainName}:${r.TemplateId}`).sort(), [
    `push-backup.example.com:${template.TemplateId}`,
    `push.example.com:${template.TemplateId}`,
  ]);

  const state = await stateFileText(cli, q.stack, q.project);
  assert.ok(!state.includes(key), "the callback key is in the state in plain text");
  assert.ok(!state.includes(live.emulator.credentials.secretKey), "the secret key is in the state");
  const saved = (JSON.parse(state) as Deployment).checkpoint.latest.resources.find(
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
  const gated = await q.run("preview", { expectNoChanges: true, diff: true });
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
  await ok("preview", { expectNoChanges: true });

  await live.console.DeleteLiveCallbackRule({
    DomainName: "push-backup.example.com",
    AppName: "live",
  });
  await ok("refresh");
  const refreshed = await stateFileText(cli, q.stack, q.project);
  const bindings = (JSON.parse(refreshed) as Deployment).checkpoint.latest.resources
    .map((r) => r.urn)
    .filter((urn) => urn.includes("DomainCallbackBinding"));
  assert.deepEqual(
    bindings.map((urn) => urn.slice(urn.lastIndexOf("::") + 2)),
    ["push-main"],
    "refresh kept the deleted rule's binding",
  );
  assert.ok(!refreshed.includes(key), "refresh wrote the key in plain text");

  // The emulator refuses to delete a template a rule still uses: a clean destroy means the
  // rules went first.
  await ok("destroy");
  const gone = await live.state();
  assert.deepEqual([gone.templates.length, gone.rules.length], [0, 0]);
}
