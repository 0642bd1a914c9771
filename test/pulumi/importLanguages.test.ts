// `tencentcloud-live-callbacks import --target plugin --language <python|yaml|go>` with the real
// CLI (issue #26 item 7): the installed package's command reads a console-made account and
// writes a project in that language on the provider plugin's resources. In a stack made with
// `pulumi stack init`, with the plugin's credentials in its own config and the keys set by the
// written set-secrets.sh, the program's first `pulumi up` imports every object with reads only
// (no Create/Modify/Delete call in the emulator), the state holds the plugin's resources and no
// key in plain text, and a preview after it, with or without the import options, shows no
// changes. YAML runs through the CLI's YAML language host; Python and Go, which have no language
// host here, run the written program as an Automation API inline program (see
// `test/harness/pythonProgram.ts` and `goProgram.ts`).
import assert from "node:assert/strict";
import { readFile, symlink, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { ImportLanguage } from "../../src/cli/args";
import { CONSOLE_KEYS, startConsoleAccount } from "../cli/consoleAccount";
import {
  buildImportedGoProgram,
  goCommand,
  initPluginStack,
  installPythonSdk,
  pulumi,
  requirePythonPulumi,
  runCommand,
  runGoProgram,
  runPythonProgram,
  stateFileText,
  type CliProject,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { writesByAction } from "../support/writes";

/** What the console account holds that the import declares: 4 templates, 6 of its 7 rules. */
const IMPORTED = { templates: 4, bindings: 6 };
const STACK = "dev";

/** One engine command's outcome, as the checks need it. */
interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** How many resources the command imported. */
  imported: number | undefined;
}

/** Runs an engine command on the project's program, as written or as `edit` changes it. */
type Runner = (command: "up" | "preview", options?: { expectNoChanges?: boolean }) => Promise<Ran>;

describe("real pulumi CLI: import --target plugin in Python, YAML and Go: the first up imports with reads only", function () {
  this.timeout(600_000);
  let cli: PulumiCli;
  let project: CliProject;
  let live: LocalLive;
  const suite = useCliSuite({ startLive: startConsoleAccount });
  before(() => {
    ({ cli, project, live } = { cli: suite.cli(), project: suite.project(), live: suite.live() });
  });

  /**
   * `import --out imported-<language> --target plugin --language <language>` by the installed
   * package's bin; the folder's `node_modules` is the consumer's (what `npm install` there
   * gives: the package.json the import wrote names the package), its stack made, the plugin's
   * credentials set and the written set-secrets.sh run. Returns the folder and its project name.
   */
  async function importedProject(language: ImportLanguage): Promise<string> {
    const dir = path.join(project.dir, `imported-${language}`);
    const imported = await runCommand(
      path.join(project.dir, "node_modules", ".bin", "tencentcloud-live-callbacks"),
      ["import", "--out", dir, "--target", "plugin", "--language", language],
      {
        cwd: project.dir,
        env: cli.env({
          TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
          TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
          TENCENTCLOUD_LIVE_ENDPOINT: live.emulator.url,
        }),
      },
    );
    assert.equal(imported.code, 0, imported.stderr);
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.ok(manifest.dependencies["pulumi-tencentcloud-live-callbacks"]);
    await symlink(path.join(project.dir, "node_modules"), path.join(dir, "node_modules"));
    await initPluginStack(cli, dir, STACK, live);
    const secrets = await runCommand("sh", ["set-secrets.sh"], { cwd: dir, env: cli.env() });
    assert.equal(secrets.code, 0, secrets.stderr);
    return dir;
  }

  /** The first up imports everything with reads only; then previews show no changes. */
  async function proveImported(
    language: ImportLanguage,
    run: Runner,
    withoutImports: Runner,
  ): Promise<void> {
    const before = await live.state();
    const up = await run("up");
    const output = `${up.stdout}\n${up.stderr}`;
    assert.equal(up.code, 0, output);
    const after = await live.state();
    assert.deepEqual(writesByAction(after), writesByAction(before), "the first up wrote");
    const calls = after.calls as Record<string, number>;
    const made = Object.keys(calls).filter((a) => calls[a] !== (before.calls as never)[a]);
    assert.ok(made.length > 0 && made.every((a) => a.startsWith("Describe")), made.join(", "));
    assert.deepEqual(after.templates, before.templates);
    assert.deepEqual(after.rules, before.rules);
    assert.equal(up.imported, IMPORTED.templates + IMPORTED.bindings, output);

    const state = await stateFileText(cli, STACK, `imported-${language}`);
    for (const key of CONSOLE_KEYS) assert.ok(!state.includes(key), "a key in the state file");
    const types = (
      JSON.parse(state) as { checkpoint: { latest: { resources: { type: string }[] } } }
    ).checkpoint.latest.resources.map((r) => r.type);
    const count = (t: string) => types.filter((x) => x === `tencentcloud-live:index:${t}`).length;
    assert.deepEqual(
      { templates: count("CallbackTemplate"), bindings: count("DomainCallbackBinding") },
      IMPORTED,
    );

    for (const [what, runner] of [
      ["as written", run],
      ["without its import options", withoutImports],
    ] as const) {
      const clean = await runner("preview", { expectNoChanges: true });
      assert.equal(clean.code, 0, `preview ${what}:\n${clean.stdout}\n${clean.stderr}`);
    }
    assert.deepEqual(writesByAction(await live.state()), writesByAction(before), "preview wrote");
  }

  it("yaml: Pulumi.yaml as written, run by the CLI's YAML host", async () => {
    const dir = await importedProject("yaml");
    const file = path.join(dir, "Pulumi.yaml");
    const written = await readFile(file, "utf8");
    const stripped = written.replace(/^ {4}options:\n {6}import: .*\n/gm, "");
    assert.equal(written.match(/^ {6}import: /gm)?.length, 10);
    assert.doesNotMatch(stripped, /import:/);
    const cliRun =
      (text: string): Runner =>
      async (command, options = {}) => {
        await writeFile(file, text);
        const args = command === "up" ? ["up", "--yes"] : ["preview"];
        if (options.expectNoChanges) args.push("--expect-no-changes");
        const r = await pulumi(cli, [...args, "-s", STACK], dir);
        const imported = /^ *= (\d+) imported$/m.exec(r.stdout)?.[1];
        return { ...r, imported: imported === undefined ? undefined : Number(imported) };
      };
    await proveImported("yaml", cliRun(written), cliRun(stripped));
  });

  it("python: __main__.py as written, run inline with the generated SDK", async function () {
    requirePythonPulumi(this);
    this.timeout(900_000);
    await installPythonSdk();
    const dir = await importedProject("python");
    const written = await readFile(path.join(dir, "__main__.py"), "utf8");
    const stripped = written.replace(/^ {4}opts=pulumi\.ResourceOptions\(import_=.*\),\n/gm, "");
    assert.equal(written.split("import_=").length - 1, 10);
    assert.doesNotMatch(stripped, /import_=/);
    await writeFile(path.join(dir, "without_imports.py"), stripped);
    const pythonRun =
      (file: string): Runner =>
      async (command, options = {}) => {
        const r = await runPythonProgram({
          cli,
          dir,
          project: "imported-python",
          stack: STACK,
          command,
          programFile: path.join(dir, file),
          options: { expect_no_changes: options.expectNoChanges },
        });
        return { ...r, imported: r.changes?.import };
      };
    await proveImported("python", pythonRun("__main__.py"), pythonRun("without_imports.py"));
  });

  it("go: main.go as written, built with the generated SDK and run inline", async function () {
    const go = goCommand();
    if (!go) {
      if (process.env.CI === "true") throw new Error("CI must run the Go suite: no go on PATH");
      console.log("      skipped: no go on PATH");
      this.skip();
    }
    this.timeout(1_800_000);
    const dir = await importedProject("go");
    const written = await readFile(path.join(dir, "main.go"), "utf8");
    const stripped = written.replace(/, pulumi\.Import\(pulumi\.ID\("[^"]*"\)\)\)/g, ")");
    assert.equal(written.split("pulumi.Import(").length - 1, 10);
    assert.doesNotMatch(stripped, /pulumi\.Import\(/);
    const binaries = {
      written: await buildImportedGoProgram(go, dir, written),
      stripped: await buildImportedGoProgram(go, dir, stripped),
    };
    const goRun =
      (binary: string): Runner =>
      async (command, options = {}) => {
        const r = await runGoProgram({
          cli,
          binary,
          dir,
          project: "imported-go",
          stack: STACK,
          command,
          program: "imported",
          options,
        });
        return { ...r, imported: r.changes?.import };
      };
    await proveImported("go", goRun(binaries.written), goRun(binaries.stripped));
  });
});
