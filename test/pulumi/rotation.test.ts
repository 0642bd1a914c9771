// The key-rotation runbook through the real CLI: two `pulumi up`s, an emulator that routes and
// signs events by the account as it was a window earlier, and a receiver made with the
// installed package's helpers, configured from `pulumi stack output --show-secrets` after the
// second up. Events are sent without pause; every one must be delivered and accepted, the ones
// of the window with the previous key.
import assert from "node:assert/strict";
import { initStack, pulumiOk } from "../harness";
import {
  installedCallbacks,
  signedWith,
  sleep,
  startEventPump,
  startRecordingReceiver,
} from "../support/callbackTraffic";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack } from "../support/fleet";

const OLD_KEY = "RotationOldKey001";
const NEW_KEY = "RotationNewKey002";

describe("real pulumi CLI: rotating the callback key loses no event", function () {
  this.timeout(300_000);
  const suite = useCliSuite({
    emulator: { deliveryRetries: 2, deliveryIntervalMs: 50, deliveryTimeoutMs: 5_000 },
  });

  it("two ups through a propagation window: the receiver takes its keys from the stack outputs; every event is accepted", async () => {
    const { cli, project, live } = {
      cli: suite.cli(),
      project: suite.project(),
      live: suite.live(),
    };
    const lib = installedCallbacks(project.dir);
    const receiver = await startRecordingReceiver(lib, OLD_KEY);
    try {
      await initStack(cli, project.dir, "rotation", live);
      const setKey = (key: string) =>
        pulumiOk(cli, ["config", "set", "--secret", "hooksKey", "-s", "rotation"], project.dir, {
          input: key,
        });
      await setKey(OLD_KEY);
      const fleet = await fleetStack(suite, "rotation");
      await fleet.declare({
        templates: [
          {
            name: "hooks",
            templateName: "rotating",
            streamBeginNotifyUrl: `${receiver.base}/live/begin`,
            keyConfig: "hooksKey",
          },
        ],
        bindings: [{ name: "push", domainName: "push.example.com", template: "hooks" }],
      });
      const first = await fleet.ok("up");
      // The window is derived from how long an `up` takes here, so that the receiver is
      // redeployed (after the second up and a `stack output`) well inside it, however busy
      // the machine; the platform's is 5-10 minutes.
      const windowMs = Math.max(4_000, 2 * first.ms + 2_000);
      await fetch(`${live.emulator.url}/_emulator/config`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ propagationSeconds: windowMs / 1000 }),
      });
      await sleep(windowMs + 500);

      const pump = startEventPump(live.emulator, { domainName: "push.example.com", prefix: "rot" });
      await sleep(500);
      await setKey(NEW_KEY);
      const second = await fleet.ok("up");
      assert.match(second.stdout, /keep accepting both keys/);
      const outputs = JSON.parse(
        (
          await pulumiOk(
            cli,
            ["stack", "output", "--json", "--show-secrets", "-s", "rotation"],
            project.dir,
          )
        ).stdout,
      );
      const changedAt = Date.parse(outputs.callbackKeyChangedAt.hooks);
      assert.equal(outputs.previousCallbackKeys.hooks, OLD_KEY);
      receiver.deploy([
        NEW_KEY,
        { key: outputs.previousCallbackKeys.hooks, notAfter: changedAt + windowMs + 1_000 },
      ]);
      const redeployedAt = Date.now();
      assert.ok(
        redeployedAt < changedAt + windowMs,
        `redeployed ${redeployedAt - changedAt} ms after the change`,
      );
      await sleep(changedAt + windowMs + 1_500 - Date.now());
      const events = await pump.stop();

      assert.deepEqual(
        events.filter((e) => !e.delivered),
        [],
        "events not delivered",
      );
      assert.deepEqual(
        receiver.received.filter((r) => r.status !== 200).map((r) => `${r.streamId}: ${r.status}`),
        [],
        "events the receiver refused",
      );
      const signer = (body: string) => signedWith(body, [OLD_KEY, NEW_KEY]);
      const inWindow = receiver.received.filter(
        (r) => r.at > redeployedAt && signer(r.body) === OLD_KEY,
      );
      const after = receiver.received.filter((r) => signer(r.body) === NEW_KEY);
      assert.ok(inWindow.length >= 3, `only ${inWindow.length} old-key events after the redeploy`);
      assert.ok(after.length >= 3, `only ${after.length} new-key events`);
      for (const r of inWindow)
        assert.equal(r.keyIndex, 1, "a window event not verified by the previous key");
      for (const r of after) assert.equal(r.keyIndex, 0);
    } finally {
      await receiver.close();
    }
  });
});
