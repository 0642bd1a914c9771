// 50 templates and 1000 bindings through the real engine, with --parallel 1 and --parallel 32:
// however the engine schedules the steps, a preview reads each listing once (one
// DescribeLiveCallbackTemplates, one DescribeLiveCallbackRules), and an up converges.
import assert from "node:assert/strict";
import { initStack } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { bigFleet, fleetStack } from "../support/fleet";

const LISTINGS = ["DescribeLiveCallbackTemplates", "DescribeLiveCallbackRules"] as const;

describe("real pulumi CLI: 50 templates and 1000 bindings at --parallel 1 and 32", function () {
  this.timeout(900_000);
  const suite = useCliSuite({ emulator: { rateLimitPerSecond: 0 } });

  async function callsDuring<T>(
    fn: () => Promise<T>,
  ): Promise<{ result: T; calls: Record<string, number> }> {
    const before = (await suite.live().state()).calls as Record<string, number>;
    const result = await fn();
    const after = (await suite.live().state()).calls as Record<string, number>;
    const calls: Record<string, number> = {};
    for (const [action, n] of Object.entries(after)) {
      if (n - (before[action] ?? 0) > 0) calls[action] = n - (before[action] ?? 0);
    }
    return { result, calls };
  }

  it("up creates everything; each preview reads each listing once, at either parallelism; destroy leaves nothing", async () => {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    await initStack(cli, project.dir, "scale", live);
    const fleet = await fleetStack(suite, "scale");
    await fleet.declare(bigFleet(50, 20));

    const created = await callsDuring(() => fleet.ok("up", { options: { parallel: 32 } }));
    assert.equal(created.result.changes?.create, 1051, created.result.stdout.slice(-2000));
    assert.equal(created.calls.CreateLiveCallbackTemplate, 50);
    assert.equal(created.calls.CreateLiveCallbackRule, 1000);
    const state = await live.state();
    assert.equal(state.templates.length, 50);
    assert.equal(state.rules.length, 1000);

    for (const parallel of [1, 32]) {
      const previewed = await callsDuring(() =>
        fleet.ok("preview", { options: { parallel, expectNoChanges: true } }),
      );
      for (const action of LISTINGS) {
        assert.equal(
          previewed.calls[action],
          1,
          `--parallel ${parallel}: ${JSON.stringify(previewed.calls)}`,
        );
      }
      assert.deepEqual(Object.keys(previewed.calls).sort(), [...LISTINGS].sort());
      console.log(
        `      preview --parallel ${parallel}: ${JSON.stringify(previewed.calls)}, ${previewed.result.ms} ms`,
      );
    }

    const destroyed = await callsDuring(() =>
      fleet.ok("destroy", { options: { parallel: 32, yes: true } }),
    );
    assert.equal(destroyed.calls.DeleteLiveCallbackRule, 1000);
    assert.equal(destroyed.calls.DeleteLiveCallbackTemplate, 50);
    const empty = await live.state();
    assert.deepEqual([empty.templates.length, empty.rules.length], [0, 0]);
  });
});
