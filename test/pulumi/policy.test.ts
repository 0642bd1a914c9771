// The shipped policy pack through the real CLI: `pulumi preview --policy-pack
// node_modules/pulumi-tencentcloud-live-callbacks/policy-pack`, with and without
// `--policy-pack-config`, as docs/policies.md tells a user to run it. The CLI starts the pack with
// @pulumi/pulumi's run-policy-pack from the project's node_modules.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { initStack, installedVersion, installPackages, LIBRARY_NAME, pulumiOk } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack, type FleetSpec } from "../support/fleet";
import { REPO } from "../support/hostProject";

/**
 * The pack as an executable analyzer: this CLI has no Node.js language host, which the folder
 * form (`…/policy-pack`) needs to start a Node.js pack; 3.255+ start an executable directly.
 */
const PACK = path.join("node_modules", LIBRARY_NAME, "policy-pack", "analyzer");

const declared = (url: string): FleetSpec => ({
  templates: [
    { name: "hooks", templateName: "hooks", streamBeginNotifyUrl: url, keyConfig: "key" },
  ],
  bindings: [{ name: "push", domainName: "push.example.com", template: "hooks" }],
});

describe("real pulumi CLI: preview --policy-pack with the shipped pack", function () {
  this.timeout(300_000);
  const suite = useCliSuite();
  before(async function () {
    this.timeout(120_000);
    const policy = await installedVersion(REPO, "@pulumi/policy");
    await installPackages(suite.project().dir, [`@pulumi/policy@${policy}`]);
  });

  async function policyStack(name: string) {
    const { cli, project } = { cli: suite.cli(), project: suite.project() };
    await initStack(cli, project.dir, name, suite.live());
    await pulumiOk(
      cli,
      ["config", "set", "--secret", "key", "PolicyKey123", "-s", name],
      project.dir,
    );
    return fleetStack(suite, name);
  }

  it("a mandatory violation fails the preview and names the policy and the resource; a clean program passes", async () => {
    const fleet = await policyStack("policy");
    await fleet.declare(declared("http://hooks.example.com/begin"));
    const failed = await fleet.run("preview", { options: { policyPacks: [PACK] } });
    const output = failed.stdout + failed.stderr;
    assert.notEqual(failed.code, 0, output);
    assert.match(output, /live-callback-urls-https/);
    assert.match(output, /mandatory/);
    assert.match(output, /streamBeginNotifyUrl/);
    assert.match(output, /CallbackTemplate::hooks/);
    assert.deepEqual((await suite.live().state()).templates, [], "a failed preview wrote");

    await fleet.declare(declared("https://hooks.example.com/begin"));
    const passed = await fleet.run("preview", { options: { policyPacks: [PACK] } });
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /tencentcloud-live-callbacks/);
    assert.doesNotMatch(passed.stdout, /mandatory/);
  });

  it("--policy-pack-config allows a host over http and turns a policy off", async () => {
    const fleet = await policyStack("policy-config");
    await fleet.declare(declared("http://hooks.example.com/begin"));
    const configFile = path.join(suite.project().root, "policy-config.json");
    await writeFile(
      configFile,
      JSON.stringify({
        "live-callback-urls-https": { allowedHosts: ["hooks.example.com"] },
        "live-template-used": "disabled",
      }),
    );
    const passed = await fleet.run("preview", {
      options: { policyPacks: [PACK], policyPackConfigs: [configFile] },
    });
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.doesNotMatch(passed.stdout + passed.stderr, /live-callback-urls-https/);
  });
});
