// An interrupted `pulumi up` while it creates 200 bindings, through the real CLI: SIGINT (the
// CLI cancels gracefully) and SIGKILL (a CI runner's timeout: nothing is cleaned up, the
// dynamic-provider process it started may still finish calls in flight). The recovery is what
// the CLI asks for, then the steps of docs/troubleshooting.md; the `up` after it converges: one template, 200
// rules, each in the state with the account's id, nothing pending, nothing unowned.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { initStack, pulumi, pulumiOk } from "../harness";
import { sleep } from "../support/callbackTraffic";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack, type FleetSpec, type FleetStack } from "../support/fleet";

const BINDINGS = 200;

const spec: FleetSpec = {
  templates: [
    { name: "hooks", templateName: "hooks", streamBeginNotifyUrl: "https://h.example.com/b" },
  ],
  bindings: Array.from({ length: BINDINGS }, (_, i) => ({
    name: `b${i}`,
    domainName: `d${i}.example.com`,
    template: "hooks",
  })),
};

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
}

/** Every process below `pid`, children first. */
function descendants(pid: number): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" });
  const pairs = out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const below = (p: number): number[] =>
    pairs.filter(([, parent]) => parent === p).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

/** The `pulumi` process the driver started (its only `pulumi` child). */
function cliChild(driverPid: number): number {
  const children = execFileSync("ps", ["--ppid", String(driverPid), "-o", "pid=,comm="], {
    encoding: "utf8",
  });
  const line = children.split("\n").find((l) => /\bpulumi$/.test(l.trim()));
  if (!line) throw new Error(`no pulumi process under the driver: ${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe("real pulumi CLI: an up interrupted while creating 200 bindings converges on the next up", function () {
  this.timeout(600_000);
  const suite = useCliSuite({ emulator: { latencyMs: 60 } });
  beforeEach(() => suite.live().emulator.reset());

  /** Starts `up`, and sends `signal` to the CLI once 20 rules exist; resolves when it ended. */
  async function interruptedUp(fleet: FleetStack, signal: NodeJS.Signals) {
    let driverPid = 0;
    const running = fleet.run("up", {
      options: { parallel: 8 },
      onSpawn: (c) => (driverPid = c.pid ?? 0),
    });
    const started = Date.now();
    while ((await suite.live().state()).rules.length < 20) {
      assert.ok(Date.now() - started < 120_000, "the up made no 20 rules in 2 minutes");
      await sleep(50);
    }
    const cliPid = cliChild(driverPid);
    // The plugins it started (the dynamic-provider host): a SIGKILL leaves them running.
    const plugins = descendants(cliPid);
    process.kill(cliPid, signal);
    const result = await running;
    // Calls they had in flight may still land; then they are stopped, so that no orphan
    // outlives the test.
    await sleep(2_000);
    for (const pid of plugins) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone (the CLI stopped it, or it ended by itself).
      }
    }
    assert.notEqual(result.code, 0, "the interrupted up succeeded");
    const madeAt = (await suite.live().state()).rules.length;
    assert.ok(madeAt < BINDINGS, `the up finished all ${madeAt} rules before the ${signal}`);
    return result;
  }

  /** The account and the state agree: every object once, owned, with its id; nothing pending. */
  async function assertConverged(stack: string, fleet: FleetStack) {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    const account = await live.state();
    assert.deepEqual(
      account.templates.map((t) => t.TemplateName),
      ["hooks"],
      "templates in the account",
    );
    const templateId = account.templates[0].TemplateId;
    assert.equal(account.rules.length, BINDINGS);
    assert.ok(account.rules.every((r) => r.TemplateId === templateId));
    const exported = JSON.parse(
      (await pulumiOk(cli, ["stack", "export", "-s", stack], project.dir)).stdout,
    );
    assert.deepEqual(exported.deployment.pending_operations ?? [], [], "pending operations left");
    const resources = exported.deployment.resources as ExportedResource[];
    const bindings = resources.filter((r) => r.type.endsWith(":DomainCallbackBinding"));
    const templates = resources.filter((r) => r.type.endsWith(":CallbackTemplate"));
    assert.deepEqual(
      templates.map((t) => t.id),
      [String(templateId)],
    );
    assert.deepEqual(
      bindings.map((b) => b.id).sort(),
      account.rules.map((r) => `${r.DomainName}/${r.AppName}`).sort(),
      "the state's bindings are the account's rules",
    );
    const clean = await fleet.run("preview", { options: { expectNoChanges: true } });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  }

  it("SIGINT: the CLI cancels in order; a plain up converges", async () => {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    await initStack(cli, project.dir, "sigint", live);
    const fleet = await fleetStack(suite, "sigint");
    await fleet.declare(spec);
    const interrupted = await interruptedUp(fleet, "SIGINT");
    assert.match(interrupted.stdout + interrupted.stderr, /update canceled/);
    const resumed = await fleet.run("up");
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    await assertConverged("sigint", fleet);
  });

  it("SIGKILL: pulumi cancel, refresh --clear-pending-creates, then one up with the recovery switch converges", async () => {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    await initStack(cli, project.dir, "sigkill", live);
    const fleet = await fleetStack(suite, "sigkill");
    await fleet.declare(spec);
    await interruptedUp(fleet, "SIGKILL");

    // 1. The killed CLI left its lock; the next command says how to remove it.
    const locked = await fleet.run("up");
    assert.notEqual(locked.code, 0);
    assert.match(locked.stdout + locked.stderr, /currently locked[\s\S]*pulumi cancel/);
    await pulumiOk(cli, ["cancel", "--yes", "-s", "sigkill"], project.dir);
    // 2. Creates that were in flight are pending in the state; non-interactively, the CLI's
    // way to clear them is refresh --clear-pending-creates.
    const refreshed = await fleet.run("refresh", {
      options: { clearPendingCreates: true, yes: true },
    });
    assert.equal(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
    // 3. The objects the killed run made but the state never recorded: a plain up refuses to
    // take them over, and says how; one up with the recovery switch takes over those that
    // match the program exactly.
    const refused = await fleet.run("up");
    if (refused.code !== 0) {
      assert.match(refused.stdout + refused.stderr, /TENCENTCLOUD_LIVE_ADOPT_MATCHING=true/);
    }
    const recovered = await fleet.run("up", { env: { TENCENTCLOUD_LIVE_ADOPT_MATCHING: "true" } });
    assert.equal(recovered.code, 0, recovered.stdout.slice(-3000) + recovered.stderr.slice(-3000));
    const again = await pulumi(cli, ["stack", "ls"], project.dir);
    assert.equal(again.code, 0);
    await assertConverged("sigkill", fleet);
  });
});
