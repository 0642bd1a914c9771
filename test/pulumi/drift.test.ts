// Drift through the real CLI: an edit made with the Tencent SDK (as the console makes it) fails
// `pulumi preview --expect-no-changes` and prints the provider's drift lines; `pulumi up`
// repairs it; `pulumi refresh` follows objects deleted outside Pulumi.
import assert from "node:assert/strict";
import * as path from "node:path";
import { CLI_PROJECT, initStack, pulumiOk, runProgram, stateFileText } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack } from "../support/fleet";
import { REPO } from "../support/hostProject";

describe("real pulumi CLI: drift, preview gates and refresh", function () {
  this.timeout(300_000);
  const suite = useCliSuite();
  beforeEach(() => suite.live().emulator.reset());

  it("a console edit fails preview --expect-no-changes with the drift lines; up repairs it; then the gate passes", async () => {
    const cli = suite.cli();
    const live = suite.live();
    const dir = suite.project().dir;
    const program = await suite
      .project()
      .addProgram("quickstart.ts", path.join(REPO, "examples", "quickstart", "index.ts"));
    await initStack(cli, dir, "drift", live);
    await pulumiOk(
      cli,
      ["config", "set", "--secret", "callbackKey", "DriftKey123", "-s", "drift"],
      dir,
    );
    const run = (command: "up" | "preview", options: Record<string, unknown> = {}) =>
      runProgram({ cli, dir, project: CLI_PROJECT, stack: "drift", program, command, options });
    assert.equal((await run("up")).code, 0);

    const [template] = (await live.state()).templates;
    await live.console.ModifyLiveCallbackTemplate({
      TemplateId: template.TemplateId,
      StreamEndNotifyUrl: "https://console-edit.example.com/end",
    });
    await live.console.DeleteLiveCallbackRule({
      DomainName: "push-backup.example.com",
      AppName: "live",
    });
    const before = await live.state();

    const gated = await run("preview", { expectNoChanges: true, diff: true });
    assert.notEqual(gated.code, 0, "preview --expect-no-changes passed over drift");
    const output = gated.stdout + gated.stderr;
    assert.match(output, /no changes were expected for preview but changes were proposed/);
    assert.match(
      output,
      /DomainCallbackBinding "push-backup\.example\.com\/live": the rule no longer exists in the account/,
    );
    assert.match(
      output,
      /streamEndNotifyUrl: live "https:\/\/console-edit\.example\.com\/end" ≠ declared "https:\/\/hooks\.example\.com\/live\/end"/,
    );
    assert.deepEqual(
      await live.state(),
      { ...before, calls: (await live.state()).calls },
      "preview wrote",
    );

    const repaired = await run("up");
    assert.equal(repaired.code, 0, repaired.stderr);
    const after = await live.state();
    assert.equal(after.templates[0].StreamEndNotifyUrl, "https://hooks.example.com/live/end");
    assert.deepEqual(after.rules.map((r) => r.DomainName).sort(), [
      "push-backup.example.com",
      "push.example.com",
    ]);
    const clean = await run("preview", { expectNoChanges: true });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  });

  it("refresh after a rule and then a template are deleted outside Pulumi: the state drops them, and up makes them again", async () => {
    const cli = suite.cli();
    const live = suite.live();
    const dir = suite.project().dir;
    await initStack(cli, dir, "gone", live);
    const fleet = await fleetStack(suite, "gone");
    await fleet.declare({
      templates: [
        { name: "kept", templateName: "kept", streamBeginNotifyUrl: "https://h.example.com/k" },
        { name: "lost", templateName: "lost", streamBeginNotifyUrl: "https://h.example.com/l" },
      ],
      bindings: [
        { name: "kept-rule", domainName: "kept.example.com", template: "kept" },
        { name: "lost-rule", domainName: "lost.example.com", template: "kept" },
      ],
    });
    await fleet.ok("up");
    const lost = (await live.state()).templates.find((t) => t.TemplateName === "lost");
    assert.ok(lost);

    await live.console.DeleteLiveCallbackRule({ DomainName: "lost.example.com", AppName: "live" });
    await live.console.DeleteLiveCallbackTemplate({ TemplateId: lost.TemplateId });
    const refreshed = await fleet.ok("refresh", { options: { yes: true } });
    assert.equal(refreshed.changes?.delete, 2, refreshed.stdout);
    const state = JSON.parse(await stateFileText(cli, "gone"));
    const urns = state.checkpoint.latest.resources.map((r: { urn: string }) => r.urn);
    assert.ok(
      !urns.some((u: string) => u.endsWith("::lost") || u.endsWith("::lost-rule")),
      urns.join("\n"),
    );
    assert.ok(urns.some((u: string) => u.endsWith("::kept-rule")));

    const again = await fleet.ok("up");
    assert.deepEqual(again.changes, { create: 2, same: 3 }, again.stdout);
    const live2 = await live.state();
    assert.deepEqual(live2.templates.map((t) => t.TemplateName).sort(), ["kept", "lost"]);
    assert.deepEqual(live2.rules.map((r) => r.DomainName).sort(), [
      "kept.example.com",
      "lost.example.com",
    ]);
  });
});
