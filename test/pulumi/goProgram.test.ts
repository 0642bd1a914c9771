// The provider plugin through the real CLI from Go: the quickstart written in Go with the SDK
// Pulumi's Go generator writes from plugin/schema.json (`npm run plugin:sdks`, sdk/go, reached
// through a replace line), run as a Go Automation API inline program built from test/pulumi/go
// (there is no Go language host here). The project's `packages:`
// entry points at the installed package's plugin/ folder; the default provider reads the
// plugin's own stack config, an explicit `Provider` its own inputs.
import assert from "node:assert/strict";
import {
  buildGoProgram,
  goCommand,
  initPluginStack,
  pulumi,
  runGoProgram,
  writePluginProject,
  type Consumer,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { proveExplicitProvider } from "../support/explicitProvider";
import { provePluginQuickstart } from "../support/pluginQuickstart";

const KEY = "GoKey123456";
const PROJECT = "go-quickstart";

describe("real pulumi CLI: the provider plugin from a Go program (generated SDK)", function () {
  this.timeout(600_000);
  let live: LocalLive;
  let cli: PulumiCli;
  let consumer: Consumer;
  let binary: string;
  const suite = useCliSuite();

  before(async function () {
    this.timeout(1_800_000);
    const go = goCommand();
    if (!go) {
      // CI builds the CLI with Go, so it has one.
      if (process.env.CI === "true") throw new Error("CI must run the Go suite: no go on PATH");
      console.log("      skipped: no go on PATH");
      this.skip();
    }
    binary = await buildGoProgram(go);
    ({ live, cli, consumer } = { live: suite.live(), cli: suite.cli(), consumer: suite.project() });
  });

  it("quickstart: up, a console edit fails preview --expect-no-changes, up repairs, refresh, destroy; the state holds no key in plain text", async () => {
    const dir = await writePluginProject(consumer.dir, PROJECT, "go", "");
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
      run: (command, options) =>
        runGoProgram({ cli, binary, dir, project: PROJECT, stack: "dev", command, options }),
    });
  });

  it("an explicit Provider's endpoint and credentials reach the account it names, not the stack config's", async () => {
    const dir = await writePluginProject(consumer.dir, PROJECT, "go", "");
    await proveExplicitProvider({
      cli,
      live,
      dir,
      project: PROJECT,
      stack: "explicit",
      run: (command, options) =>
        runGoProgram({
          cli,
          binary,
          dir,
          project: PROJECT,
          stack: "explicit",
          command,
          program: "explicitProvider",
          options,
        }),
    });
  });
});
