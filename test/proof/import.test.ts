// `tencentcloud-live-callbacks import` end to end, as a user meets it: the bin of the PACKED
// package, run with npx in a project that installed it, against an account made in the
// console. The project it writes type-checks against the packed package, runs under Pulumi's
// mocks (bindings depend on their templates, keys are secret), and its first `up` through
// Pulumi's dynamic-provider host adopts every object with its id and writes nothing; the
// preview after it is clean.
import { writesByAction } from "../support/writes";
import assert from "node:assert/strict";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import {
  CONSOLE_KEYS,
  CONSOLE_RULES,
  CONSOLE_TEMPLATES,
  DANGLING_RULE,
  startConsoleAccount,
  type ConsoleAccount,
} from "../cli/consoleAccount";
import {
  cleanEnv,
  preview,
  programFromRegistrations,
  run,
  runDeployment,
  runUnderMocks,
  upAll,
  type EngineState,
  type Registration,
  SECRET_SIG,
  SECRET_SIG_KEY,
  TYPE_TOKENS,
} from "../harness";
import { formatDiagnostic, removeTypesConsumer, typesConsumer } from "../types/consumerProject";

after(removeTypesConsumer);

const SIG_KEY = SECRET_SIG_KEY;
const TEMPLATE_TYPE = TYPE_TOKENS.template;
const BINDING_TYPE = TYPE_TOKENS.binding;
const PROJECT = "live-imported";

describe("import: the generated program adopts a console-made account, writing nothing", function () {
  this.timeout(120_000);
  let account: ConsoleAccount;
  let consumerDir: string;
  let projectDir: string;
  let summary: string;
  let registrations: Registration[] = [];
  /** Config key → callback key, as the secrets file sets them. */
  let secretConfig: Record<string, string> = {};
  const state: EngineState = new Map();

  before(async function () {
    this.timeout(300_000);
    account = await startConsoleAccount();
    consumerDir = (await typesConsumer()).dir;
    projectDir = path.join(consumerDir, PROJECT);
  });
  after(async () => {
    await account?.stop();
    if (projectDir) await rm(projectDir, { recursive: true, force: true });
  });

  const bin = () =>
    run("npx", ["--no", "tencentcloud-live-callbacks", "import", "--out", PROJECT], {
      cwd: consumerDir,
      env: cleanEnv(account.env),
      timeoutMs: 60_000,
    });

  it("npx tencentcloud-live-callbacks import writes the project after two reads and no write", async () => {
    const before = await account.live.state();
    summary = (await bin()).stdout;
    const after = await account.live.state();
    assert.deepEqual(writesByAction(after), writesByAction(before));
    assert.equal(
      (after.calls.DescribeLiveCallbackTemplates ?? 0) -
        (before.calls.DescribeLiveCallbackTemplates ?? 0),
      1,
    );
    assert.match(
      summary,
      /declares 4 templates and 6 bindings, each with adopt: true; 0 templates and 1 rule skipped\./,
    );
    assert.match(summary, /rule gone\.example\.com\/live: its template 999 no longer exists/);
    for (const key of CONSOLE_KEYS) assert.ok(!summary.includes(key), "a key was printed");

    const names = (await readdir(projectDir)).sort();
    assert.deepEqual(names, [
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "set-secrets.sh",
      "tsconfig.json",
    ]);
    for (const name of names) {
      const text = await readFile(path.join(projectDir, name), "utf8");
      for (const key of CONSOLE_KEYS) {
        assert.equal(text.includes(key), name === "set-secrets.sh", `${name} and a key`);
      }
    }
    assert.equal((await stat(path.join(projectDir, "set-secrets.sh"))).mode & 0o777, 0o600);
    assert.match(
      await readFile(path.join(projectDir, "Pulumi.yaml"), "utf8"),
      new RegExp(`^name: ${PROJECT}$`, "m"),
    );
    const manifest = JSON.parse(await readFile(path.join(projectDir, "package.json"), "utf8"));
    const installed = JSON.parse(
      await readFile(
        path.join(
          consumerDir,
          "node_modules",
          "pulumi-tencentcloud-live-callbacks",
          "package.json",
        ),
        "utf8",
      ),
    );
    assert.equal(
      manifest.dependencies["pulumi-tencentcloud-live-callbacks"],
      `^${installed.version}`,
    );
    assert.equal(
      manifest.dependencies["@pulumi/pulumi"],
      installed.peerDependencies["@pulumi/pulumi"],
    );
  });

  it("loads no @pulumi/pulumi to run, so it works before a project exists", async () => {
    const main = path.join(
      consumerDir,
      "node_modules",
      "pulumi-tencentcloud-live-callbacks",
      "dist",
      "cli",
      "main.js",
    );
    const { stdout } = await run(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(main)}); console.log(JSON.stringify(Object.keys(require.cache)))`,
      ],
      { cwd: consumerDir },
    );
    const loaded = JSON.parse(stdout) as string[];
    assert.ok(loaded.some((f) => f.endsWith(path.join("cli", "main.js"))));
    assert.deepEqual(
      loaded.filter((f) => f.includes(`${path.sep}@pulumi${path.sep}`)),
      [],
    );
  });

  it("its secrets file, run by sh, sets one secret per key", async () => {
    const tools = await mkdtemp(path.join(os.tmpdir(), "live-import-tools-"));
    try {
      // A stand-in `pulumi` recording what `pulumi config set --secret <name> <value>` got.
      const log = path.join(tools, "config.log");
      await writeFile(
        path.join(tools, "pulumi"),
        `#!/bin/sh\n[ "$1 $2 $3" = "config set --secret" ] || exit 9\nprintf '%s\\t%s\\n' "$4" "$5" >> "${log}"\n`,
      );
      await chmod(path.join(tools, "pulumi"), 0o755);
      await run("/bin/sh", ["set-secrets.sh"], {
        cwd: projectDir,
        env: cleanEnv({ PATH: `${tools}:${process.env.PATH}` }),
      });
      const lines = (await readFile(log, "utf8")).trimEnd().split("\n");
      secretConfig = Object.fromEntries(lines.map((l) => l.split("\t") as [string, string]));
    } finally {
      await rm(tools, { recursive: true, force: true });
    }
    assert.deepEqual(
      Object.values(secretConfig).sort(),
      [CONSOLE_TEMPLATES.production, CONSOLE_TEMPLATES.backup, CONSOLE_TEMPLATES.recording]
        .map((t) => t.CallbackKey)
        .sort(),
    );
    for (const name of Object.keys(secretConfig)) assert.match(name, /^callbackKey_\w+$/);
  });

  it("type-checks with its own tsconfig.json against the packed package, and compiles", () => {
    const configPath = path.join(projectDir, "tsconfig.json");
    const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
    assert.equal(error, undefined);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, projectDir);
    assert.deepEqual(parsed.errors.map(formatDiagnostic), []);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const diagnostics = ts.getPreEmitDiagnostics(program).map(formatDiagnostic);
    assert.deepEqual(diagnostics, []);
    // The library the program sees is the packed copy, not the repository.
    const library = program
      .getSourceFiles()
      .map((f) => f.fileName)
      .find((f) => f.includes("/pulumi-tencentcloud-live-callbacks/"));
    assert.ok(library?.startsWith(path.join(consumerDir, "node_modules")), library);
    const emitted = program.emit();
    assert.equal(emitted.emitSkipped, false);
  });

  it("registers under Pulumi's mocks: templates with keys as secrets, every binding depending on its template", async () => {
    const expected = 4 + CONSOLE_RULES.length;
    registrations = await runUnderMocks(projectDir, {
      program: path.join(projectDir, "bin", "index.js"),
      project: PROJECT,
      expected,
      config: secretConfig,
    });
    const templates = registrations.filter((r) => r.type === TEMPLATE_TYPE);
    const bindings = registrations.filter((r) => r.type === BINDING_TYPE);
    assert.equal(registrations.length, expected);
    assert.deepEqual(
      templates.map((t) => t.object.templateName).sort(),
      Object.values(CONSOLE_TEMPLATES)
        .map((t) => t.TemplateName)
        .sort(),
    );
    for (const t of templates) {
      assert.equal(t.object.adopt, true);
      const request = Object.values(CONSOLE_TEMPLATES).find(
        (c) => c.TemplateName === t.object.templateName,
      )!;
      if ("CallbackKey" in request) {
        const key = t.object.callbackKey as Record<string, unknown>;
        assert.equal(key[SIG_KEY], SECRET_SIG, `${t.name}: the key is not a secret`);
        assert.equal(key.value, request.CallbackKey);
      } else {
        assert.equal(t.object.callbackKey, undefined, `${t.name} declares a key`);
      }
      assert.equal(t.object.recordStatusNotifyUrl, undefined);
    }
    assert.deepEqual(
      bindings.map((b) => `${b.object.domainName}/${b.object.appName}`).sort(),
      CONSOLE_RULES.map(([d, a]) => `${d}/${a}`).sort(),
    );
    for (const b of bindings) {
      assert.equal(b.object.adopt, true);
      const [templateUrn] = b.propertyDependencies.templateId ?? [];
      const template = templates.find((t) => t.urn === templateUrn);
      assert.ok(template, `${b.name}: templateId does not come from a template resource`);
      assert.ok(b.dependencies.includes(templateUrn));
      const [, , role] = CONSOLE_RULES.find(
        ([d, a]) => d === b.object.domainName && a === b.object.appName,
      )!;
      assert.equal(template.object.templateName, CONSOLE_TEMPLATES[role].TemplateName);
    }
  });

  /** The registrations as the harness's program. */
  const declared = () => programFromRegistrations(registrations);

  it("its first up, through Pulumi's dynamic-provider host, adopts every object with its id and writes nothing", async () => {
    const before = await account.live.state();
    const program = declared();
    const { result } = await runDeployment(
      consumerDir,
      account.live.stackConfig,
      (host) => upAll(host, state, program, { parallelism: 8 }),
      { project: PROJECT, workDir: projectDir },
    );
    assert.deepEqual(
      result.failures.map((f) => f.error.message),
      [],
    );
    assert.equal(result.steps.length, registrations.length);
    for (const step of result.steps) {
      assert.equal(step.op, "create", step.urn);
      const inputs = program.resources.find((r) => r.urn === step.urn)!.inputs;
      if (step.urn.includes(`::${TEMPLATE_TYPE}::`)) {
        const role = (Object.keys(CONSOLE_TEMPLATES) as (keyof typeof CONSOLE_TEMPLATES)[]).find(
          (k) => CONSOLE_TEMPLATES[k].TemplateName === inputs.templateName,
        )!;
        assert.equal(step.id, String(account.ids[role]), `${inputs.templateName}`);
      } else {
        assert.equal(step.id, `${String(inputs.domainName).toLowerCase()}/${inputs.appName}`);
      }
    }
    const after = await account.live.state();
    assert.deepEqual(
      writesByAction(after),
      writesByAction(before),
      "the first up wrote to the account",
    );
    assert.deepEqual(after.templates, before.templates);
    assert.deepEqual(after.rules, before.rules);
    const recording = after.templates.find((t) => t.TemplateId === account.ids.recording);
    assert.equal(
      recording?.RecordStatusNotifyUrl,
      CONSOLE_TEMPLATES.recording.RecordStatusNotifyUrl,
    );
    // The rule whose template is gone is left alone.
    assert.ok(after.rules.some((r) => r.DomainName === DANGLING_RULE.DomainName));
  });

  it("the preview after it shows no change, and a second up writes nothing either", async () => {
    assert.equal(state.size, registrations.length, "the first up did not run");
    const program = declared();
    const before = await account.live.state();
    const { result: steps } = await runDeployment(
      consumerDir,
      account.live.stackConfig,
      (host) => preview(host, state, program),
      { project: PROJECT, workDir: projectDir },
    );
    assert.deepEqual(
      steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`),
      [],
    );
    assert.equal(steps.length, registrations.length);
    const { result: again } = await runDeployment(
      consumerDir,
      account.live.stackConfig,
      (host) => upAll(host, state, program, { parallelism: 8 }),
      { project: PROJECT, workDir: projectDir },
    );
    assert.deepEqual(
      again.steps.map((s) => s.op),
      again.steps.map(() => "same"),
    );
    assert.deepEqual(writesByAction(await account.live.state()), writesByAction(before));
  });
});
