// The provider plugin through the real CLI from Pulumi YAML (a language with no access to the
// dynamic resources): the quickstart written in YAML, with its `packages:` entry pointing at the
// installed package's plugin/ folder and the credentials in the plugin's own stack config.
// up; a console edit fails preview --expect-no-changes; up repairs; refresh; destroy; no key
// in the state; `pulumi import` by type token writes nothing to the account; the lookups as
// functions through `fn::invoke`, their outputs as the emulator holds them and the key secret.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import {
  initPluginStack,
  installedVersion,
  installPackages,
  LIBRARY_NAME,
  pulumi,
  stateFileText,
  writeYamlProject,
  type Consumer,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { REPO } from "../support/hostProject";

const QUICKSTART = path.join(__dirname, "yaml", "quickstart.yaml");
const KEY = "YamlKey123";
/** API actions that change the account. */
const WRITES = /^(Create|Modify|Delete)/;

function writes(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([action]) => WRITES.test(action)));
}

describe("real pulumi CLI: the provider plugin from Pulumi YAML", function () {
  this.timeout(600_000);
  let live: LocalLive;
  let cli: PulumiCli;
  let consumer: Consumer;

  const suite = useCliSuite();
  before(() => {
    ({ live, cli, consumer } = { live: suite.live(), cli: suite.cli(), consumer: suite.project() });
  });
  beforeEach(() => live.emulator.reset());

  const ok = async (dir: string, args: string[], what: string) => {
    const r = await pulumi(cli, args, dir);
    assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  it("quickstart: up, a console edit fails preview --expect-no-changes, up repairs, refresh, destroy; the state holds no key in plain text", async () => {
    const dir = await writeYamlProject(
      consumer.dir,
      "yaml-quickstart",
      await readFile(QUICKSTART, "utf8"),
    );
    await initPluginStack(cli, dir, "dev", live);
    await ok(dir, ["config", "set", "--secret", "callbackKey", KEY, "-s", "dev"], "config set");

    const up = await ok(dir, ["up", "--yes", "-s", "dev"], "up");
    const created = await live.state();
    assert.equal(created.templates.length, 1);
    const [template] = created.templates;
    assert.equal(template.TemplateName, "prod_hooks");
    assert.equal(template.CallbackKey, KEY);
    assert.deepEqual(created.rules.map((r) => `${r.DomainName}:${r.TemplateId}`).sort(), [
      `push-backup.example.com:${template.TemplateId}`,
      `push.example.com:${template.TemplateId}`,
    ]);
    // The provider functions' notices reach the CLI's output, as the dynamic resources' do.
    assert.match(
      up.stdout,
      new RegExp(
        `DomainCallbackBinding "push\\.example\\.com/live": created; the rule takes effect within 5-10 minutes: events for push\\.example\\.com/live reach template ${template.TemplateId} only then\\.`,
      ),
    );
    assert.ok(!(up.stdout + up.stderr).includes(KEY), "up printed the key");

    // The plugin wraps the key outputs as secrets: the state holds ciphertext only.
    const state = await stateFileText(cli, "dev", "yaml-quickstart");
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
    assert.deepEqual(Object.keys(saved?.outputs?.callbackKey as object).sort(), [
      "4dabf18193072939515e22adb298388d",
      "ciphertext",
    ]);

    await live.console.ModifyLiveCallbackTemplate({
      TemplateId: template.TemplateId,
      StreamEndNotifyUrl: "https://console-edit.example.com/end",
    });
    const before = writes((await live.state()).calls);
    const gated = await pulumi(cli, ["preview", "--expect-no-changes", "--diff", "-s", "dev"], dir);
    const output = gated.stdout + gated.stderr;
    assert.notEqual(gated.code, 0, `preview --expect-no-changes passed over drift:\n${output}`);
    assert.match(output, /~ tencentcloud-live:index:CallbackTemplate: \(update\)/);
    // The same drift line the dynamic resources print (test/pulumi/drift.test.ts).
    assert.match(
      output,
      /CallbackTemplate "prod_hooks" \(TemplateId \d+\): streamEndNotifyUrl: live "https:\/\/console-edit\.example\.com\/end" ≠ declared "https:\/\/hooks\.example\.com\/live\/end"/,
    );
    // The plugin previews the template's update itself (the Node server cannot), keeping its
    // templateId known, so the bindings that use it are not shown as changing.
    assert.doesNotMatch(output, /DomainCallbackBinding: \(update\)/);
    assert.doesNotMatch(output, /templateId: \d+ => \[unknown\]/);
    assert.match(output, /1 to update/);
    assert.deepEqual(writes((await live.state()).calls), before, "preview wrote to the account");

    await ok(dir, ["up", "--yes", "-s", "dev"], "repairing up");
    assert.equal(
      (await live.state()).templates[0].StreamEndNotifyUrl,
      "https://hooks.example.com/live/end",
    );
    await ok(dir, ["preview", "--expect-no-changes", "-s", "dev"], "preview after the repair");

    await live.console.DeleteLiveCallbackRule({
      DomainName: "push-backup.example.com",
      AppName: "live",
    });
    await ok(dir, ["refresh", "--yes", "-s", "dev"], "refresh");
    const refreshed = await stateFileText(cli, "dev", "yaml-quickstart");
    assert.ok(!refreshed.includes("push-backup"), "refresh kept the deleted rule's binding");
    assert.ok(refreshed.includes("push-main"));
    assert.ok(!refreshed.includes(KEY), "refresh wrote the key in plain text");

    // The emulator refuses to delete a template a rule still uses, so a clean destroy means the
    // rules went first.
    await ok(dir, ["destroy", "--yes", "-s", "dev"], "destroy");
    const gone = await live.state();
    assert.deepEqual([gone.templates.length, gone.rules.length], [0, 0]);
  });

  it("pulumi import by type token writes nothing to the account, and the code it generates previews with no changes", async () => {
    const made = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "console_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/console/begin",
    });
    const id = String(made.TemplateId);
    await live.console.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: made.TemplateId!,
    });
    const header = "resources: {}\n";
    const dir = await writeYamlProject(consumer.dir, "yaml-import", header);
    await initPluginStack(cli, dir, "imp", live);
    const before = writes((await live.state()).calls);

    const out = path.join(dir, "imported-template.yaml");
    await ok(
      dir,
      [
        "import",
        "tencentcloud-live:index:CallbackTemplate",
        "hooks",
        id,
        "--yes",
        "--out",
        out,
        "-s",
        "imp",
      ],
      "import of the template",
    );
    const outBinding = path.join(dir, "imported-binding.yaml");
    await ok(
      dir,
      [
        "import",
        "tencentcloud-live:index:DomainCallbackBinding",
        "main",
        "push.example.com/live",
        "--yes",
        "--out",
        outBinding,
        "-s",
        "imp",
      ],
      "import of the binding",
    );
    assert.deepEqual(writes((await live.state()).calls), before, "import wrote to the account");

    const template = await readFile(out, "utf8");
    const binding = await readFile(outBinding, "utf8");
    assert.match(template, /type: tencentcloud-live:CallbackTemplate/);
    assert.match(template, /templateName: console_hooks/);
    assert.match(binding, /domainName: push\.example\.com/);
    // The generated code, as the program: nothing to change.
    const program = template + binding.replace(/^resources:\n/m, "");
    await writeFile(
      path.join(dir, "Pulumi.yaml"),
      (await readFile(path.join(dir, "Pulumi.yaml"), "utf8")).replace(header, program),
    );
    const preview = await pulumi(cli, ["preview", "--expect-no-changes", "-s", "imp"], dir);
    assert.equal(preview.code, 0, `${preview.stdout}\n${preview.stderr}\n--- program:\n${program}`);
    assert.deepEqual(writes((await live.state()).calls), before, "preview wrote to the account");
  });

  it("pulumi import of a template with a callback key: no key in the generated code or the state; declared from secret config, it previews with no changes", async () => {
    const consoleKey = "ConsoleKey123";
    const made = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "keyed_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/keyed/begin",
      CallbackKey: consoleKey,
    });
    const header = "resources: {}\n";
    const dir = await writeYamlProject(consumer.dir, "yaml-import-key", header);
    await initPluginStack(cli, dir, "impk", live);
    const before = writes((await live.state()).calls);
    const out = path.join(dir, "imported.yaml");
    const imported = await ok(
      dir,
      [
        "import",
        "tencentcloud-live:index:CallbackTemplate",
        "hooks",
        String(made.TemplateId),
        "--yes",
        "--out",
        out,
        "-s",
        "impk",
      ],
      "import of a keyed template",
    );
    const generated = await readFile(out, "utf8");
    // The CLI writes secret inputs into the program as plain text, so the key is not an input.
    assert.ok(!generated.includes(consoleKey), `the generated code holds the key:\n${generated}`);
    assert.doesNotMatch(generated, /callbackKey/);
    assert.ok(!(imported.stdout + imported.stderr).includes(consoleKey), "import printed the key");
    const state = await stateFileText(cli, "impk", "yaml-import-key");
    assert.ok(!state.includes(consoleKey), "the key is in the state in plain text");
    const saved = (
      JSON.parse(state) as {
        checkpoint: {
          latest: { resources: { type: string; outputs?: Record<string, unknown> }[] };
        };
      }
    ).checkpoint.latest.resources.find(
      (r) => r.type === "tencentcloud-live:index:CallbackTemplate",
    );
    assert.deepEqual(Object.keys(saved?.outputs?.callbackKey as object).sort(), [
      "4dabf18193072939515e22adb298388d",
      "ciphertext",
    ]);

    // As generated, the program declares no key: an up would remove the console's key.
    const pulumiYaml = await readFile(path.join(dir, "Pulumi.yaml"), "utf8");
    await writeFile(path.join(dir, "Pulumi.yaml"), pulumiYaml.replace(header, generated));
    const asIs = await pulumi(cli, ["preview", "--expect-no-changes", "-s", "impk"], dir);
    assert.notEqual(asIs.code, 0, asIs.stdout);
    assert.match(asIs.stdout, /1 to update/);

    // With the key declared from secret config, as docs/languages.md says: nothing to change.
    const keyed = generated.replace(
      /( +)templateName: keyed_hooks\n/,
      "$1templateName: keyed_hooks\n$1callbackKey: ${callbackKey}\n",
    );
    assert.match(keyed, /callbackKey: \$\{callbackKey\}/);
    await writeFile(
      path.join(dir, "Pulumi.yaml"),
      pulumiYaml.replace(
        header,
        "config:\n  callbackKey:\n    type: string\n    secret: true\n" + keyed,
      ),
    );
    await ok(
      dir,
      ["config", "set", "--secret", "callbackKey", consoleKey, "-s", "impk"],
      "config set",
    );
    const preview = await pulumi(
      cli,
      ["preview", "--expect-no-changes", "--diff", "-s", "impk"],
      dir,
    );
    assert.equal(preview.code, 0, `${preview.stdout}\n${preview.stderr}\n--- program:\n${keyed}`);
    assert.deepEqual(writes((await live.state()).calls), before, "import or preview wrote");
  });

  it("fn::invoke of the lookups: stack outputs match the emulator, the key stays secret in the outputs and the state, a bad argument fails naming it", async () => {
    const consoleKey = "InvokeKey123";
    const keyed = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "console_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/console/begin",
      CallbackKey: consoleKey,
    });
    await live.console.CreateLiveCallbackTemplate({
      TemplateName: "other_hooks",
      StreamEndNotifyUrl: "https://hooks.example.com/other/end",
    });
    await live.console.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: keyed.TemplateId!,
    });
    const program = (templateName: string) =>
      [
        "variables:",
        "  all:",
        "    fn::invoke:",
        "      function: tencentcloud-live:index:getCallbackTemplates",
        "      return: templates",
        "  keyed:",
        "    fn::invoke:",
        "      function: tencentcloud-live:index:getCallbackTemplate",
        "      arguments:",
        `        templateName: ${templateName}`,
        "  bound:",
        "    fn::invoke:",
        "      function: tencentcloud-live:index:getCallbackBindings",
        "      arguments:",
        "        domainName: PUSH.example.com",
        "      return: bindings",
        "resources:",
        // The looked-up id feeds a resource, as a program binding a shared template would.
        "  push-extra:",
        "    type: tencentcloud-live:index:DomainCallbackBinding",
        "    properties:",
        "      domainName: push-extra.example.com",
        "      templateId: ${keyed.templateId}",
        "outputs:",
        "  templates: ${all}",
        "  keyed: ${keyed}",
        "  bindings: ${bound}",
        "",
      ].join("\n");
    const dir = await writeYamlProject(consumer.dir, "yaml-functions", program("console_hooks"));
    await initPluginStack(cli, dir, "fn", live);

    const up = await ok(dir, ["up", "--yes", "-s", "fn"], "up");
    assert.ok(!(up.stdout + up.stderr).includes(consoleKey), "up printed the key");
    const held = await live.state();
    assert.deepEqual(
      held.rules.filter((r) => r.DomainName === "push-extra.example.com").map((r) => r.TemplateId),
      [keyed.TemplateId],
    );

    // Masked without --show-secrets: the results carry the key, so each is secret as a whole.
    const masked = await ok(dir, ["stack", "output", "--json", "-s", "fn"], "stack output");
    assert.ok(!masked.stdout.includes(consoleKey), masked.stdout);
    const outputs = JSON.parse(masked.stdout) as Record<string, unknown>;
    assert.equal(outputs.templates, "[secret]");
    assert.equal(outputs.keyed, "[secret]");
    // No key in the bindings' result: it stays plain.
    assert.ok(Array.isArray(outputs.bindings), masked.stdout);
    const shown = JSON.parse(
      (await ok(dir, ["stack", "output", "--json", "--show-secrets", "-s", "fn"], "stack output"))
        .stdout,
    ) as {
      templates: { templateId: number; templateName: string; callbackKey?: string }[];
      keyed: Record<string, unknown>;
      bindings: Record<string, unknown>[];
    };
    const before = held.templates;
    assert.deepEqual(
      shown.templates.map((t) => [t.templateId, t.templateName, t.callbackKey ?? null]),
      before.map((t) => [t.TemplateId, t.TemplateName, t.CallbackKey || null]),
    );
    assert.equal(shown.keyed.templateId, keyed.TemplateId);
    assert.equal(shown.keyed.callbackKey, consoleKey);
    assert.equal(shown.keyed.streamBeginNotifyUrl, "https://hooks.example.com/console/begin");
    const rule = (await live.state()).rules.find((r) => r.DomainName === "push.example.com")!;
    assert.deepEqual(shown.bindings, [
      {
        domainName: "push.example.com",
        appName: "live",
        templateId: keyed.TemplateId,
        createTime: rule.CreateTime,
        updateTime: rule.UpdateTime,
      },
    ]);

    const state = await stateFileText(cli, "fn", "yaml-functions");
    assert.ok(!state.includes(consoleKey), "the key is in the state in plain text");
    const stack = (
      JSON.parse(state) as {
        checkpoint: {
          latest: { resources: { type: string; outputs?: Record<string, unknown> }[] };
        };
      }
    ).checkpoint.latest.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    assert.deepEqual(Object.keys(stack?.outputs?.keyed as object).sort(), [
      "4dabf18193072939515e22adb298388d",
      "ciphertext",
    ]);

    // A bad argument fails the preview, naming the argument, the rule and the value.
    await writeYamlProject(consumer.dir, "yaml-functions", program('""'));
    const bad = await pulumi(cli, ["preview", "-s", "fn"], dir);
    assert.notEqual(bad.code, 0, bad.stdout);
    assert.match(bad.stdout + bad.stderr, /templateName must not be empty; got ""/);
  });

  it("the shipped policy pack judges the plugin's types: an http URL fails the preview, https passes", async () => {
    const policy = await installedVersion(REPO, "@pulumi/policy");
    await installPackages(consumer.dir, [`@pulumi/policy@${policy}`]);
    // The executable form: this CLI has no Node.js language host to start the folder form.
    const pack = path.join(consumer.dir, "node_modules", LIBRARY_NAME, "policy-pack", "analyzer");
    const program = (url: string) =>
      [
        "resources:",
        "  hooks:",
        "    type: tencentcloud-live:index:CallbackTemplate",
        "    properties:",
        "      templateName: hooks",
        `      streamBeginNotifyUrl: ${url}`,
        "      callbackKey:",
        "        fn::secret: PolicyKey123",
        "  push:",
        "    type: tencentcloud-live:index:DomainCallbackBinding",
        "    properties:",
        "      domainName: push.example.com",
        "      templateId: ${hooks.templateId}",
        "",
      ].join("\n");
    const dir = await writeYamlProject(
      consumer.dir,
      "yaml-policy",
      program("http://hooks.example.com/begin"),
    );
    await initPluginStack(cli, dir, "pol", live);

    const failed = await pulumi(cli, ["preview", "--policy-pack", pack, "-s", "pol"], dir);
    const output = failed.stdout + failed.stderr;
    assert.notEqual(failed.code, 0, output);
    assert.match(output, /live-callback-urls-https/);
    assert.match(output, /mandatory/);
    assert.match(output, /streamBeginNotifyUrl is http:\/\/hooks\.example\.com\/begin/);
    assert.match(output, /CallbackTemplate "hooks"/);
    assert.doesNotMatch(output, /PolicyKey123/);
    assert.deepEqual((await live.state()).templates, [], "a failed preview wrote");

    await writeYamlProject(consumer.dir, "yaml-policy", program("https://hooks.example.com/begin"));
    const passed = await pulumi(cli, ["preview", "--policy-pack", pack, "-s", "pol"], dir);
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /tencentcloud-live-callbacks/);
    assert.doesNotMatch(passed.stdout + passed.stderr, /live-callback-urls-https|mandatory/);
  });
});
