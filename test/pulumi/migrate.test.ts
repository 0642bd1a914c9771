// Moving a TypeScript stack from the dynamic resources to the provider plugin's resources
// through the real CLI, without touching a cloud object (issue #26 item 7): step A marks the
// dynamic resources `retainOnDelete` (a state-only update); step B declares the plugin's
// resources from the generated Node.js SDK with the `import` option and drops the dynamic ones
// (retained: no delete call; imported: Describe only); step C drops the `import` options and runs
// up, which records the declared inputs (the key among them) that the import could not. The
// emulator's write counters prove that no step wrote to the account.
import assert from "node:assert/strict";
import {
  initStack,
  preparePulumiCli,
  pulumiOk,
  runProgram,
  startLocalLive,
  stateFileText,
  type LocalLive,
  type ProgramCommand,
  type PulumiCli,
} from "../harness";
import { prepareSdkProject, SDK_PROJECT, type SdkProject } from "../harness/nodeSdkProject";
import { runCli } from "../../src/cli/main";
import { REPO } from "../support/hostProject";
import { writesByAction } from "../support/writes";

const KEY = "MigrateKey123";

/** The quickstart on the dynamic resources; `retain` adds `retainOnDelete` to each. */
function dynamicProgram(retain: boolean): string {
  const opts = retain ? ", { retainOnDelete: true }" : "";
  return `import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

const cfg = new pulumi.Config();
const hooks = new CallbackTemplate("prod-hooks", {
  templateName: "prod_hooks",
  description: "production_callbacks",
  streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
  streamEndNotifyUrl: "https://hooks.example.com/live/end",
  callbackKey: cfg.requireSecret("callbackKey"),
}${opts});
new DomainCallbackBinding("push-main", {
  domainName: "push.example.com",
  appName: "live",
  templateId: hooks.templateId,
}${opts});
new DomainCallbackBinding("push-backup", {
  domainName: "push-backup.example.com",
  templateId: hooks.templateId,
}${opts});
`;
}

/** Import ids of the plugin's resources: the template id, and `<domain>/<app>` per binding. */
interface ImportIds {
  template: string;
  main: string;
  backup: string;
}

/** The same declarations on the plugin's resources; with `ids`, each adopts its object. */
function pluginProgram(sdk: string, ids?: ImportIds): string {
  const opts = (id: string | undefined) => (id ? `, { import: ${JSON.stringify(id)} }` : "");
  return `import * as pulumi from "@pulumi/pulumi";
import * as live from "${sdk}";

const cfg = new pulumi.Config();
const hooks = new live.CallbackTemplate("prod-hooks", {
  templateName: "prod_hooks",
  description: "production_callbacks",
  streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
  streamEndNotifyUrl: "https://hooks.example.com/live/end",
  callbackKey: cfg.requireSecret("callbackKey"),
}${opts(ids?.template)});
new live.DomainCallbackBinding("push-main", {
  domainName: "push.example.com",
  appName: "live",
  templateId: hooks.templateId,
}${opts(ids?.main)});
new live.DomainCallbackBinding("push-backup", {
  domainName: "push-backup.example.com",
  templateId: hooks.templateId,
}${opts(ids?.backup)});
`;
}

/** The dynamic resources' types: `pulumi-nodejs:dynamic/tencentcloud-live:<Name>`. */
const isDynamic = (type: string) => type.startsWith("pulumi-nodejs:dynamic");

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  urn: string;
  retainOnDelete?: boolean;
}

/** The resources of the stack's state file (the stack and providers included). */
async function stateResources(
  cli: PulumiCli,
  stack: string,
): Promise<{ text: string; resources: StateResource[] }> {
  const text = await stateFileText(cli, stack, SDK_PROJECT);
  const parsed = JSON.parse(text) as { checkpoint: { latest?: { resources?: StateResource[] } } };
  return { text, resources: parsed.checkpoint.latest?.resources ?? [] };
}

describe("real pulumi CLI: migrating a TypeScript stack from the dynamic resources to the plugin's", function () {
  this.timeout(900_000);
  let cli: PulumiCli;
  let live: LocalLive;
  let project: SdkProject;
  /** The test's stack. */
  let stack = "";

  before(async function () {
    this.timeout(1_800_000);
    cli = await preparePulumiCli();
    live = await startLocalLive();
    project = await prepareSdkProject(REPO);
  });
  after(async () => {
    await project?.cleanup().catch(() => undefined);
    await live?.stop().catch(() => undefined);
    await cli?.cleanup().catch(() => undefined);
  });
  beforeEach(() => live.emulator.reset());

  const run = async (
    name: string,
    text: string,
    command: ProgramCommand,
    options: Record<string, unknown> = {},
  ) => {
    const program = await project.writeProgram(name, text);
    return runProgram({
      cli,
      dir: project.dir,
      project: SDK_PROJECT,
      stack,
      program,
      command,
      options,
    });
  };
  const ok = async (...args: Parameters<typeof run>) => {
    const r = await run(...args);
    assert.equal(
      r.code,
      0,
      `${args[2]} of ${args[0]} failed:\n${r.stderr.slice(-6000)}\n${r.stdout.slice(-6000)}`,
    );
    return r;
  };
  /** The names of the template's inputs and outputs in the state, for failure messages. */
  const templateKeys = async () => {
    const { resources } = await stateResources(cli, stack);
    const t = resources.find((r) => r.type === "tencentcloud-live:index:CallbackTemplate");
    return `\n--- state: inputs ${Object.keys(t?.inputs ?? {}).join(",")}; outputs ${Object.keys(t?.outputs ?? {}).join(",")}`;
  };
  /** How the state's template inputs hold `callbackKey`: absent, secret, or plain. */
  const templateInputKeyKinds = async () => {
    const { resources } = await stateResources(cli, stack);
    return resources
      .filter((r) => r.type === "tencentcloud-live:index:CallbackTemplate")
      .map((r) => {
        const key = r.inputs?.callbackKey;
        if (key === undefined) return "absent";
        return typeof key === "object" && key !== null && "ciphertext" in key ? "secret" : "plain";
      });
  };
  /** The account's objects, without the call counters. */
  const objects = async () => {
    const { templates, rules } = await live.state();
    return { templates, rules };
  };

  /**
   * A new stack `name` made by the dynamic resources (a keyed template and two bindings), then
   * step A: the same program with `retainOnDelete` on each, a state-only update.
   */
  const dynamicStack = async (name: string) => {
    stack = name;
    const dir = project.dir;
    await initStack(cli, dir, stack, live);
    // The plugin reads its own namespace; the dynamic resources read `tencentcloud:*`.
    const { secretId, secretKey } = live.emulator.credentials;
    await pulumiOk(
      cli,
      ["config", "set", "--plaintext", "tencentcloud-live:secretId", secretId, "-s", stack],
      dir,
    );
    await pulumiOk(
      cli,
      ["config", "set", "--secret", "tencentcloud-live:secretKey", "-s", stack],
      dir,
      {
        input: secretKey,
      },
    );
    await pulumiOk(cli, ["config", "set", "--secret", "callbackKey", KEY, "-s", stack], dir);

    await ok("dynamic.ts", dynamicProgram(false), "up");
    const made = await objects();
    assert.equal(made.templates.length, 1);
    assert.equal(made.templates[0].CallbackKey, KEY);
    assert.equal(made.rules.length, 2);
    const writesAtStart = writesByAction(await live.state());

    await ok("dynamic.ts", dynamicProgram(true), "up");
    assert.deepEqual(
      writesByAction(await live.state()),
      writesAtStart,
      "step A wrote to the account",
    );
    const retained = (await stateResources(cli, stack)).resources.filter((r) => isDynamic(r.type));
    assert.equal(retained.length, 3);
    assert.ok(
      retained.every((r) => r.retainOnDelete === true),
      JSON.stringify(retained),
    );
    return { made, templateId: String(made.templates[0].TemplateId), writesAtStart };
  };

  /**
   * Step B's checks: the update imported three resources and removed three (retained), made only
   * Describe calls and no write, left the account's objects as they were, and the state holds
   * the plugin's resources, no dynamic one and no key in plain text.
   */
  const assertAdopted = async (
    imported: { changes?: Record<string, number>; stdout: string },
    before: {
      made: Awaited<ReturnType<typeof objects>>;
      writesAtStart: Record<string, number>;
      calls: Record<string, number>;
    },
  ) => {
    const after = await live.state();
    assert.deepEqual(writesByAction(after), before.writesAtStart, "step B wrote to the account");
    const calls = after.calls as Record<string, number>;
    const made = Object.keys(calls).filter((a) => calls[a] !== (before.calls[a] ?? 0));
    assert.ok(made.length > 0 && made.every((a) => a.startsWith("Describe")), made.join(", "));
    assert.deepEqual(
      { templates: after.templates, rules: after.rules },
      before.made,
      "the objects changed",
    );
    assert.equal(imported.changes?.import, 3, imported.stdout);
    assert.equal(imported.changes?.delete, 3, imported.stdout);
    const { text, resources } = await stateResources(cli, stack);
    const types = resources.map((r) => r.type);
    assert.ok(!types.some(isDynamic), types.join("\n"));
    assert.equal(types.filter((t) => t === "tencentcloud-live:index:CallbackTemplate").length, 1);
    assert.equal(
      types.filter((t) => t === "tencentcloud-live:index:DomainCallbackBinding").length,
      2,
    );
    assert.ok(!text.includes(KEY), "the callback key is in the state in plain text");
  };

  it("retainOnDelete, then import by id with the dynamic resources dropped: no write to the account, the state holds the plugin's resources, preview is clean, drift shows, destroy works", async () => {
    const { made, templateId, writesAtStart } = await dynamicStack("migrate");

    // Step B: the plugin's resources adopt the objects; the dynamic ones leave the state.
    const callsBefore = (await live.state()).calls as Record<string, number>;
    const ids = {
      template: templateId,
      main: "push.example.com/live",
      backup: "push-backup.example.com/live",
    };
    const imported = await ok("plugin.ts", pluginProgram(project.sdkPackage, ids), "up");
    await assertAdopted(imported, { made, writesAtStart, calls: callsBefore });

    // Step C: the program without the import options has nothing to change.
    const plugin = pluginProgram(project.sdkPackage);
    const clean = await run("plugin.ts", plugin, "preview", { expectNoChanges: true });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr + (await templateKeys()));
    // An import keeps the inputs `read` returned, and read never returns the key as an input
    // (`pulumi import` would write it into the program): the state's inputs lack it until an
    // up records the declared inputs, with nothing to change in the account.
    assert.deepEqual(await templateInputKeyKinds(), ["absent"]);
    const settled = await ok("plugin.ts", plugin, "up");
    assert.deepEqual(Object.keys(settled.changes ?? {}), ["same"], settled.stdout);
    assert.deepEqual(writesByAction(await live.state()), writesAtStart, "step C's up wrote");
    assert.deepEqual(await templateInputKeyKinds(), ["secret"]);

    // A console edit is drift on the plugin's template.
    await live.console.ModifyLiveCallbackTemplate({
      TemplateId: Number(templateId),
      StreamEndNotifyUrl: "https://console-edit.example.com/end",
    });
    const edited = writesByAction(await live.state());
    const gated = await run("plugin.ts", plugin, "preview", { expectNoChanges: true, diff: true });
    const output = gated.stdout + gated.stderr;
    assert.notEqual(gated.code, 0, `preview --expect-no-changes passed over drift:\n${output}`);
    // The plugin asks the API in its diff: only the edited template is to update.
    assert.match(output, /~ tencentcloud-live:index:CallbackTemplate: \(update\)/);
    assert.doesNotMatch(output, /DomainCallbackBinding: \(update\)/);
    assert.match(output, /1 to update/);
    // The drift line, as the dynamic resources print it; and no key shown as added.
    assert.match(
      output,
      /streamEndNotifyUrl: live "https:\/\/console-edit\.example\.com\/end" ≠ declared "https:\/\/hooks\.example\.com\/live\/end"/,
    );
    assert.doesNotMatch(output, /\+ callbackKey/);
    assert.deepEqual(writesByAction(await live.state()), edited, "preview wrote");

    // The emulator refuses to delete a template a rule still uses: destroy removes rules first.
    await ok("plugin.ts", plugin, "destroy");
    const gone = await objects();
    assert.deepEqual([gone.templates.length, gone.rules.length], [0, 0]);
  });

  it("the program `import --target plugin --stdout` prints adopts the stack's objects with reads only, and previews clean without its import options", async () => {
    const { made, writesAtStart } = await dynamicStack("migrate-generated");
    let program = "";
    let printed = "";
    const code = await runCli(["import", "--stdout", "--target", "plugin"], {
      stdout: (t) => void (program += t),
      stderr: (t) => void (printed += t),
      env: {
        TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
        TENCENTCLOUD_LIVE_ENDPOINT: live.emulator.url,
      },
      cwd: project.dir,
    });
    assert.equal(code, 0, printed);
    assert.ok(!(program + printed).includes(KEY), "import printed the key");
    // The generated program reads the key from its own config key.
    const configKey = /config\.requireSecret\("([^"]+)"\)/.exec(program)?.[1];
    assert.ok(configKey, program);
    await pulumiOk(cli, ["config", "set", "--secret", configKey, KEY, "-s", stack], project.dir);

    const callsBefore = (await live.state()).calls as Record<string, number>;
    const imported = await ok("generated.ts", program, "up");
    await assertAdopted(imported, { made, writesAtStart, calls: callsBefore });

    const withoutImports = program.replace(/^\}, \{ import: "[^"]+" \}\);$/gm, "});");
    assert.notEqual(withoutImports, program);
    const clean = await run("generated.ts", withoutImports, "preview", { expectNoChanges: true });
    assert.equal(
      clean.code,
      0,
      clean.stdout + clean.stderr + (await templateKeys()) + "\n--- program:\n" + withoutImports,
    );
    assert.deepEqual(writesByAction(await live.state()), writesAtStart, "preview wrote");
  });
});
