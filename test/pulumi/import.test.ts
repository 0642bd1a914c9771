// `tencentcloud-live-callbacks import` with the real CLI: the installed package's command reads
// a console-made account and writes a program; in a stack made with `pulumi stack init`, with
// the keys set by the written set-secrets.sh, the program's first `pulumi up` adopts every
// object and writes nothing, and the preview after it passes --expect-no-changes.
import assert from "node:assert/strict";
import { copyFile, readFile } from "node:fs/promises";
import * as path from "node:path";
import { startConsoleAccount, CONSOLE_KEYS } from "../cli/consoleAccount";
import {
  CLI_PROJECT,
  initStack,
  runCommand,
  runProgram,
  runProgramOk,
  stateFileText,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { writesByAction } from "../support/writes";

describe("real pulumi CLI: an imported account's first up writes nothing", function () {
  this.timeout(300_000);
  const suite = useCliSuite({ startLive: startConsoleAccount });

  it("import --out, set-secrets.sh, up: every object adopted, no write call; then preview --expect-no-changes passes", async () => {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    const out = path.join(project.root, "imported");
    const credentials = {
      TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
      TENCENTCLOUD_LIVE_ENDPOINT: live.emulator.url,
    };
    const imported = await runCommand(
      path.join(project.dir, "node_modules", ".bin", "tencentcloud-live-callbacks"),
      ["import", "--out", out],
      { cwd: project.dir, env: cli.env(credentials) },
    );
    assert.equal(imported.code, 0, imported.stderr);
    const program = "programs/imported.ts";
    await copyFile(path.join(out, "index.ts"), path.join(project.dir, program));

    await initStack(cli, project.dir, "imported", live);
    // The script the import wrote, run as docs/importing.md says: it sets each key as a stack secret.
    const secrets = await runCommand("sh", [path.join(out, "set-secrets.sh")], {
      cwd: project.dir,
      env: cli.env(),
    });
    assert.equal(secrets.code, 0, secrets.stderr);

    const before = await live.state();
    const run = (command: "up" | "preview", options: Record<string, unknown> = {}) =>
      runProgram({
        cli,
        dir: project.dir,
        project: CLI_PROJECT,
        stack: "imported",
        program,
        command,
        options,
      });
    const up = await run("up");
    assert.equal(up.code, 0, up.stdout + up.stderr);
    const after = await live.state();
    assert.deepEqual(writesByAction(after), writesByAction(before), "the first up wrote");
    assert.deepEqual(after.templates, before.templates);
    assert.deepEqual(after.rules, before.rules);
    const adopted = before.templates.length + before.rules.length - 1; // the rule whose template is gone is skipped
    assert.equal(up.changes?.create, adopted + 1, up.stdout); // and the stack

    const clean = await runProgramOk({
      cli,
      dir: project.dir,
      project: CLI_PROJECT,
      stack: "imported",
      program,
      command: "preview",
      options: { expectNoChanges: true },
    });
    assert.equal(clean.code, 0);
    const state = await stateFileText(cli, "imported");
    for (const key of CONSOLE_KEYS)
      assert.ok(!state.includes(key), "a console key in the state file");
    assert.ok(!(await readFile(path.join(project.dir, program), "utf8")).includes(CONSOLE_KEYS[0]));
  });
});
