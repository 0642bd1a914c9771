// The provider plugin through the real CLI from Python: the quickstart written in Python with
// hand-written resource classes (they stand in for the SDK `pulumi package gen-sdk` would
// generate, which cannot run here: it needs the Python language host), run as a Python
// Automation API inline program. The project's `packages:` entry points at the installed
// package's plugin/ folder, and the credentials are the plugin's own stack config.
import assert from "node:assert/strict";
import {
  initPluginStack,
  pulumi,
  requirePythonPulumi,
  runPythonProgram,
  writePluginProject,
  type Consumer,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { provePluginQuickstart } from "../support/pluginQuickstart";

const KEY = "PythonKey123";
const PROJECT = "py-quickstart";

describe("real pulumi CLI: the provider plugin from a Python program", function () {
  this.timeout(600_000);
  let live: LocalLive;
  let cli: PulumiCli;
  let consumer: Consumer;

  const suite = useCliSuite();
  before(function () {
    requirePythonPulumi(this);
    ({ live, cli, consumer } = { live: suite.live(), cli: suite.cli(), consumer: suite.project() });
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
    await provePluginQuickstart({
      cli,
      live,
      project: PROJECT,
      stack: "dev",
      key: KEY,
      run: (command, options = {}) =>
        runPythonProgram({
          cli,
          dir,
          project: PROJECT,
          stack: "dev",
          command,
          // The Python Automation API's keyword arguments.
          options: { expect_no_changes: options.expectNoChanges, diff: options.diff },
        }),
    });
  });
});
