// The provider plugin through the real CLI from Python: the quickstart written in Python with
// the SDK Pulumi's Python generator writes from plugin/schema.json (`npm run plugin:sdks`,
// pip-installed into the venv), run as a Python Automation API inline program (there is no
// Python language host here). The project's `packages:` entry points at the installed
// package's plugin/ folder; the default provider reads the plugin's own stack config, an
// explicit `Provider` its own inputs.
import assert from "node:assert/strict";
import {
  initPluginStack,
  installPythonSdk,
  pulumi,
  requirePythonPulumi,
  runPythonProgram,
  writePluginProject,
  type Consumer,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { proveExplicitProvider } from "../support/explicitProvider";
import { provePluginQuickstart } from "../support/pluginQuickstart";

const KEY = "PythonKey123";
const PROJECT = "py-quickstart";

describe("real pulumi CLI: the provider plugin from a Python program (generated SDK)", function () {
  this.timeout(600_000);
  let live: LocalLive;
  let cli: PulumiCli;
  let consumer: Consumer;

  const suite = useCliSuite();
  before(async function () {
    requirePythonPulumi(this);
    ({ live, cli, consumer } = { live: suite.live(), cli: suite.cli(), consumer: suite.project() });
    const sdk = await installPythonSdk();
    console.log(`      python SDK: ${sdk.dir} by ${sdk.via} (${sdk.ms} ms)`);
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

  it("an explicit Provider's endpoint and credentials reach the account it names, not the stack config's", async () => {
    const dir = await writePluginProject(consumer.dir, PROJECT, "python", "");
    await proveExplicitProvider({
      cli,
      live,
      dir,
      project: PROJECT,
      stack: "explicit",
      run: (command, options = {}) =>
        runPythonProgram({
          cli,
          dir,
          project: PROJECT,
          stack: "explicit",
          command,
          program: "explicit_provider",
          options: { expect_no_changes: options.expectNoChanges },
        }),
    });
  });
});
