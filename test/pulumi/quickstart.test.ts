// The quickstart of docs/getting-started.md, typed as a user types it, with the real Pulumi CLI: stack init,
// config (the key as a secret), up, stack output. The program is examples/quickstart, compiled
// by ts-node and type-checked, using the packed library installed in a consumer project.
import assert from "node:assert/strict";
import * as path from "node:path";
import { pulumiOk, runProgramOk, CLI_PROJECT } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { REPO } from "../support/hostProject";

describe("real pulumi CLI: the quickstart as the getting-started guide types it", function () {
  this.timeout(300_000);
  const suite = useCliSuite();

  it("stack init, config set --secret, up --yes, stack output: the template and both rules exist, the outputs say so", async () => {
    const cli = suite.cli();
    const live = suite.live();
    const project = suite.project();
    const dir = project.dir;
    const program = await project.addProgram(
      "quickstart.ts",
      path.join(REPO, "examples", "quickstart", "index.ts"),
    );
    const { secretId, secretKey } = live.emulator.credentials;
    await pulumiOk(cli, ["stack", "init", "dev"], dir);
    await pulumiOk(cli, ["config", "set", "--secret", "tencentcloud:secretId", secretId], dir);
    await pulumiOk(cli, ["config", "set", "--secret", "tencentcloud:secretKey", secretKey], dir);
    await pulumiOk(cli, ["config", "set", "tencentcloud-live:endpoint", live.emulator.url], dir);
    await pulumiOk(cli, ["config", "set", "--secret", "callbackKey", "MyCallbackKey123"], dir);

    const up = await runProgramOk({
      cli,
      dir,
      project: CLI_PROJECT,
      stack: "dev",
      program,
      command: "up",
    });
    assert.equal(up.result, "succeeded");
    assert.deepEqual(up.changes, { create: 4 }, up.stdout);

    const state = await live.state();
    assert.equal(state.templates.length, 1);
    const [template] = state.templates;
    assert.equal(template.TemplateName, "prod_hooks");
    assert.equal(template.CallbackKey, "MyCallbackKey123");
    assert.deepEqual(
      state.rules.map((r) => `${r.DomainName}/${r.AppName}->${r.TemplateId}`).sort(),
      [
        `push-backup.example.com/live->${template.TemplateId}`,
        `push.example.com/live->${template.TemplateId}`,
      ],
    );

    const shown = await pulumiOk(cli, ["stack", "output"], dir);
    assert.match(shown.stdout, new RegExp(`templateId\\s+${template.TemplateId}`));
    const outputs = JSON.parse((await pulumiOk(cli, ["stack", "output", "--json"], dir)).stdout);
    assert.equal(outputs.templateId, template.TemplateId);
    assert.deepEqual(outputs.bindings.sort(), [
      `push-backup.example.com/live`,
      `push.example.com/live`,
    ]);
  });
});
