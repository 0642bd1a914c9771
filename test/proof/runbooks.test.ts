// The runbooks of docs/runbooks.md, proven through Pulumi's dynamic-provider host loading the PACKED
// library, against an emulator whose events follow the account as it was a second and a half
// ago (the platform's 5-10 minutes, scaled), with receivers made by the installed package's own
// helpers. Events are sent without pause from before each change until after its window, and
// every one is accounted for: delivered, accepted, by which key, at which URL.
import assert from "node:assert/strict";
import { useHostProject } from "../support/hostProject";
import {
  installedCallbacks,
  signedWith,
  sleep,
  startEventPump,
  startRecordingReceiver,
  type CallbacksModule,
  type PumpedEvent,
  type ReceivedCallback,
  type RecordingReceiver,
} from "../support/callbackTraffic";
import {
  outputOf,
  resourceUrn,
  runDeployment,
  up,
  type DeclaredResource,
  type EngineState,
  type ProviderHost,
} from "../harness";

/** The propagation window of this suite, in seconds. */
const WINDOW_S = 1.5;
const WINDOW_MS = WINDOW_S * 1000;
/** Slack for "just before / just after the window": delivery, clocks, a loaded machine. */
const MARGIN_MS = 300;
const DOMAIN = "push.example.com";
const KEY_A = "RunbookKeyAlpha01";
const KEY_B = "RunbookKeyBravo02";
const HOOKS = resourceUrn("template", "hooks");
const HOOKS_V2 = resourceUrn("template", "hooks-v2");

const template = (urn: string, inputs: Record<string, unknown>): DeclaredResource => ({
  urn,
  kind: "template",
  inputs,
});
const binding = (name: string, domainName: string, templateUrn: string): DeclaredResource => ({
  urn: resourceUrn("binding", name),
  kind: "binding",
  inputs: { domainName, appName: "live", templateId: outputOf(templateUrn, "templateId") },
});

/** Two templates (old site with key A, new site with key B) and the binding pointing at `target`. */
function twoTemplates(
  oldSite: RecordingReceiver,
  newSite: RecordingReceiver,
  target: string,
): DeclaredResource[] {
  const site = (urn: string, name: string, r: RecordingReceiver, callbackKey: string) =>
    template(urn, {
      templateName: name,
      streamBeginNotifyUrl: `${r.base}/live/begin`,
      callbackKey,
    });
  return [
    site(HOOKS, "hooks", oldSite, KEY_A),
    site(HOOKS_V2, "hooks_v2", newSite, KEY_B),
    binding("push", DOMAIN, target),
  ];
}

/** The time a provider line says a change was applied at (`… changed at <ISO>; …`). */
function appliedAt(lines: readonly string[], pattern: RegExp): number {
  const line =
    lines.find((l) => pattern.test(l)) ??
    assert.fail(`no line ${pattern} in:\n${lines.join("\n")}`);
  const at = / at (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(line)?.[1] ?? assert.fail(`no time in ${line}`);
  return Date.parse(at);
}

/** When the emulator made the rule its "not in effect yet" 404s name (one rule, one time). */
function ruleMadeAt(events: readonly PumpedEvent[]): number {
  const times = new Set(
    events.flatMap((e) => /the rule made at (\S+) takes effect/.exec(e.error ?? "")?.[1] ?? []),
  );
  assert.equal(times.size, 1, `rule times in the 404s: ${[...times].join(", ")}`);
  return Date.parse([...times][0]);
}

/** Every event the pump sent got HTTP 200 from an attempt, exactly once at one receiver. */
function assertAllDelivered(events: readonly PumpedEvent[], receivers: RecordingReceiver[]): void {
  const undelivered = events.filter((e) => !e.delivered);
  assert.deepEqual(undelivered, [], "events the platform could not deliver");
  const got = receivers.flatMap((r) => r.received);
  const refused = got.filter((r) => r.status !== 200);
  assert.deepEqual(
    refused.map((r) => `${r.streamId}: ${r.status}`),
    [],
    "events a receiver refused",
  );
  const accepted = got.map((r) => r.streamId).sort();
  assert.deepEqual(accepted, events.map((e) => e.streamId).sort(), "accepted ≠ sent, once each");
}

describe("runbooks: no callback lost through a change up makes (host, packed library, propagation window)", function () {
  this.timeout(90_000);
  const suite = useHostProject({
    emulator: {
      propagationSeconds: WINDOW_S,
      deliveryRetries: 2,
      deliveryIntervalMs: 50,
      deliveryTimeoutMs: 5_000,
    },
  });
  let lib: CallbacksModule;
  const receivers: RecordingReceiver[] = [];
  let state: EngineState;

  before(() => {
    lib = installedCallbacks(suite.project().dir);
  });
  beforeEach(async () => {
    state = new Map();
    suite.live().emulator.reset();
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function receiver(keys: Parameters<RecordingReceiver["deploy"]>[0]) {
    const started = await startRecordingReceiver(lib, keys);
    receivers.push(started);
    return started;
  }

  async function deploy<T>(fn: (host: ProviderHost) => Promise<T>) {
    const live = suite.live();
    const { result, lines } = await runDeployment(suite.project().dir, live.stackConfig, fn);
    return { result, lines: lines.map((l) => l.text) };
  }

  const apply = (resources: DeclaredResource[]) =>
    deploy((host) => up(host, state, { providers: suite.project().providers, resources }));

  /** Waits until what the last `up` did is in effect for events. */
  const settle = () => sleep(WINDOW_MS + MARGIN_MS);

  async function configure(patch: Record<string, unknown>) {
    const res = await fetch(`${suite.live().emulator.url}/_emulator/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(patch),
    });
    assert.equal(res.status, 200, await res.text());
  }
  const setDuplicateRules = (mode: "reject" | "overwrite") => configure({ duplicateRules: mode });

  it("rotating the callback key: the receiver takes both keys from the outputs; every event verifies, the old key's only in the window", async () => {
    const a = await receiver(KEY_A);
    const hooks = { templateName: "rotating", streamBeginNotifyUrl: `${a.base}/live/begin` };
    await apply([
      template(HOOKS, { ...hooks, callbackKey: KEY_A }),
      binding("push", DOMAIN, HOOKS),
    ]);
    await settle();

    const pump = startEventPump(suite.live().emulator, { domainName: DOMAIN, prefix: "rot" });
    await sleep(400);
    let redeployedAt = 0;
    // The program hands the receiver its keys from the outputs, in the same `up`.
    const rotated = await deploy(async (host) => {
      const steps = await up(host, state, {
        providers: suite.project().providers,
        resources: [
          template(HOOKS, { ...hooks, callbackKey: KEY_B }),
          binding("push", DOMAIN, HOOKS),
        ],
      });
      const out = state.get(HOOKS)?.outputs ?? assert.fail("no template state");
      a.deploy([
        String(out.callbackKey),
        {
          key: String(out.previousCallbackKey),
          notAfter: Date.parse(String(out.callbackKeyChangedAt)) + WINDOW_MS + 2 * MARGIN_MS,
        },
      ]);
      redeployedAt = Date.now();
      return steps;
    });
    const outputs = state.get(HOOKS)?.outputs ?? assert.fail("no template state");
    assert.equal(outputs.previousCallbackKey, KEY_A);
    const changedAt = Date.parse(String(outputs.callbackKeyChangedAt));
    // The control plane shows the new key at once; only delivery lags.
    const described = await suite.live().console.DescribeLiveCallbackTemplate({
      TemplateId: Number(state.get(HOOKS)?.id),
    });
    assert.equal(described.Template?.CallbackKey, KEY_B);
    await sleep(Math.max(0, changedAt + WINDOW_MS + 1_000 - Date.now()));
    const events = await pump.stop();

    assertAllDelivered(events, [a]);
    const signer = (r: ReceivedCallback) => signedWith(r.body, [KEY_A, KEY_B]);
    for (const r of a.received) {
      const expected = r.at <= redeployedAt ? 0 : signer(r) === KEY_A ? 1 : 0;
      assert.equal(r.keyIndex, expected, `${r.streamId} signed by ${signer(r)} at ${r.at}`);
    }
    const oldKey = a.received.filter((r) => signer(r) === KEY_A);
    const newKey = a.received.filter((r) => signer(r) === KEY_B);
    const inWindow = oldKey.filter((r) => r.at > changedAt);
    assert.ok(inWindow.length >= 3, `only ${inWindow.length} events in the window`);
    assert.ok(newKey.length >= 3, `only ${newKey.length} events after the window`);
    assert.ok(
      oldKey.every((r) => r.at <= changedAt + WINDOW_MS + MARGIN_MS),
      "old key too late",
    );
    assert.ok(
      newKey.every((r) => r.at >= changedAt + WINDOW_MS - MARGIN_MS),
      "new key too early",
    );
    assert.equal(oldKey.length + newKey.length, a.received.length);

    // A receiver switched to the new key alone would have refused every event of the window.
    const newKeyOnly = lib.createFetchCallbackHandler({
      callbackKey: KEY_B,
      onEvent: () => undefined,
      onReject: () => undefined,
    });
    const answers = await Promise.all(
      inWindow.map((r) =>
        newKeyOnly(new Request(`${a.base}/live/begin`, { method: "POST", body: r.body })),
      ),
    );
    assert.deepEqual(
      answers.map((res) => res.status),
      inWindow.map(() => 401),
    );

    // preview's and up's window lines; no key anywhere but the secret outputs.
    const advice = rotated.lines.filter((l) => l.includes("keep accepting both keys"));
    assert.equal(advice.length, 2, rotated.lines.join("\n"));
    for (const key of [KEY_A, KEY_B]) {
      assert.ok(!rotated.lines.some((l) => l.includes(key)), `a key in a host line`);
      const { callbackKey: _c, previousCallbackKey: _p, ...others } = outputs;
      assert.ok(!JSON.stringify(others).includes(key), "a key outside the secret outputs");
      assert.ok(!JSON.stringify(state.get(HOOKS)?.inputs).includes(KEY_A), "old key in inputs");
    }
  });

  it("moving a callback URL: the old URL gets every event of the window, the new one every event after", async () => {
    const oldSite = await receiver(KEY_A);
    const newSite = await receiver(KEY_A);
    const hooks = { templateName: "moving", callbackKey: KEY_A };
    const at = (r: RecordingReceiver) => `${r.base}/live/begin`;
    await apply([
      template(HOOKS, { ...hooks, streamBeginNotifyUrl: at(oldSite) }),
      binding("push", DOMAIN, HOOKS),
    ]);
    await settle();

    const pump = startEventPump(suite.live().emulator, { domainName: DOMAIN, prefix: "url" });
    await sleep(400);
    const moved = await apply([
      template(HOOKS, { ...hooks, streamBeginNotifyUrl: at(newSite) }),
      binding("push", DOMAIN, HOOKS),
    ]);
    const changedAt = appliedAt(moved.lines, /streamBeginNotifyUrl changed at/);
    assert.ok(moved.lines.some((l) => l.includes(`keep the old URL ${at(oldSite)} serving`)));
    const described = await suite.live().console.DescribeLiveCallbackTemplate({
      TemplateId: Number(state.get(HOOKS)?.id),
    });
    assert.equal(described.Template?.StreamBeginNotifyUrl, at(newSite));
    await sleep(Math.max(0, changedAt + WINDOW_MS + 1_000 - Date.now()));
    const events = await pump.stop();

    assertAllDelivered(events, [oldSite, newSite]);
    for (const e of events) {
      const expected = e.sentAt + MARGIN_MS < changedAt + WINDOW_MS ? at(oldSite) : undefined;
      if (expected) assert.equal(e.url, expected, `${e.streamId} sent at ${e.sentAt}`);
      if (e.sentAt > changedAt + WINDOW_MS + MARGIN_MS) assert.equal(e.url, at(newSite));
    }
    assert.ok(oldSite.received.filter((r) => r.at > changedAt).length >= 3, "no window events");
    assert.ok(newSite.received.length >= 3, "nothing reached the new URL");
    assert.ok(newSite.received.every((r) => r.at >= changedAt + WINDOW_MS - MARGIN_MS));
  });

  it("re-pointing a domain (API overwrites a rule): the old template's URL and key serve the window, the new ones after; nothing lost", async () => {
    await setDuplicateRules("overwrite");
    try {
      const oldSite = await receiver(KEY_A);
      const newSite = await receiver(KEY_B);
      const resources = (target: string) => twoTemplates(oldSite, newSite, target);
      await apply(resources(HOOKS));
      await settle();

      const pump = startEventPump(suite.live().emulator, { domainName: DOMAIN, prefix: "rp" });
      await sleep(400);
      const repointed = await apply(resources(HOOKS_V2));
      const changedAt = appliedAt(
        repointed.lines,
        /re-pointed from template \d+ to template \d+ at/,
      );
      const [rule] = (await suite.live().console.DescribeLiveCallbackRules()).Rules ?? [];
      assert.equal(rule?.TemplateId, Number(state.get(HOOKS_V2)?.id), "Describe lags");
      await sleep(Math.max(0, changedAt + WINDOW_MS + 1_000 - Date.now()));
      const events = await pump.stop();

      assertAllDelivered(events, [oldSite, newSite]);
      assert.ok(oldSite.received.every((r) => signedWith(r.body, [KEY_A]) === KEY_A));
      assert.ok(newSite.received.every((r) => signedWith(r.body, [KEY_B]) === KEY_B));
      assert.ok(oldSite.received.filter((r) => r.at > changedAt).length >= 3, "no window events");
      assert.ok(newSite.received.length >= 3, "nothing reached the new template");
      assert.ok(newSite.received.every((r) => r.at >= changedAt + WINDOW_MS - MARGIN_MS));
      assert.ok(oldSite.received.every((r) => r.at <= changedAt + WINDOW_MS + MARGIN_MS));
    } finally {
      await setDuplicateRules("reject");
    }
  });

  it("re-pointing a domain (API refuses a second rule): delete + create leaves a gap of milliseconds, and no more", async () => {
    const oldSite = await receiver(KEY_A);
    const newSite = await receiver(KEY_B);
    const resources = (target: string) => twoTemplates(oldSite, newSite, target);
    await apply(resources(HOOKS));
    await settle();
    const pump = startEventPump(suite.live().emulator, {
      domainName: DOMAIN,
      prefix: "rj",
      gapMs: 40,
    });
    await sleep(400);
    const repointed = await apply(resources(HOOKS_V2));
    const changedAt = appliedAt(repointed.lines, /re-pointed from template \d+ to template \d+ at/);
    await sleep(Math.max(0, changedAt + WINDOW_MS + 1_000 - Date.now()));
    const events = await pump.stop();

    // Between DeleteLiveCallbackRule and CreateLiveCallbackRule the domain has no rule; an event
    // routed in that instant (a window later) finds none. Events ~40 ms apart: at most one.
    const lost = events.filter((e) => !e.delivered);
    assert.ok(lost.length <= 1, `lost ${lost.length}: ${JSON.stringify(lost)}`);
    for (const e of lost) {
      assert.equal(e.status, 404);
      assert.ok(Math.abs(e.sentAt - (changedAt + WINDOW_MS)) < 1_000, `${e.sentAt}`);
    }
    const delivered = events.filter((e) => e.delivered);
    assertAllDelivered(delivered, [oldSite, newSite]);
    assert.ok(oldSite.received.filter((r) => r.at > changedAt).length >= 3, "no window events");
    assert.ok(newSite.received.length >= 3, "nothing reached the new template");
  });

  it("adding and removing domains: a new domain gets events once its rule is in effect; the removed one keeps them through the window", async () => {
    const site = await receiver(KEY_A);
    const OTHER = "push-eu.example.com";
    const hooks = template(HOOKS, {
      templateName: "hooks",
      streamBeginNotifyUrl: `${site.base}/live/begin`,
      callbackKey: KEY_A,
    });
    await apply([hooks, binding("push", DOMAIN, HOOKS)]);
    await settle();

    // 1. Add the new domain; streams still push to the old one. Every expectation is anchored
    // on when the rule was made (the platform's own 404 says it), never on how long `up` took:
    // on a busy machine `up` may outlast the whole window.
    const oldPump = startEventPump(suite.live().emulator, { domainName: DOMAIN, prefix: "old" });
    const early = startEventPump(suite.live().emulator, { domainName: OTHER, prefix: "early" });
    await sleep(300);
    const addStarted = Date.now();
    const added = await apply([
      hooks,
      binding("push", DOMAIN, HOOKS),
      binding("push-eu", OTHER, HOOKS),
    ]);
    const addEnded = Date.now();
    assert.ok(added.lines.some((l) => l.includes(`events for ${OTHER}/live reach template`)));
    await sleep(addEnded + WINDOW_MS + 3 * MARGIN_MS - Date.now());
    const newDomain = await early.stop();
    const madeAt = ruleMadeAt(newDomain);
    assert.ok(madeAt >= addStarted - 5 && madeAt <= addEnded + 5, `rule made at ${madeAt}`);
    const effectAt = madeAt + WINDOW_MS;
    // Before its rule is in effect the platform sends nothing for the new domain, and says when;
    // after, every event is delivered.
    const pending = newDomain.filter((e) => e.sentAt > madeAt && e.sentAt + MARGIN_MS < effectAt);
    assert.ok(pending.length >= 3, `only ${pending.length} events between the add and its effect`);
    for (const e of newDomain.filter((e) => e.sentAt + MARGIN_MS < effectAt)) {
      assert.equal(e.status, 404, JSON.stringify(e));
    }
    for (const e of pending) assert.match(e.error ?? "", /takes effect/, JSON.stringify(e));
    const inEffect = newDomain.filter((e) => e.sentAt > effectAt + MARGIN_MS);
    assert.ok(inEffect.length >= 1, "no event after the new rule took effect");

    // 2. Streams move to the new domain once it is in effect; then the old binding is removed.
    const newPump = startEventPump(suite.live().emulator, { domainName: OTHER, prefix: "new" });
    await sleep(300);
    const removeStarted = Date.now();
    const removed = await apply([hooks, binding("push-eu", OTHER, HOOKS)]);
    const removeEnded = Date.now();
    assert.ok(removed.lines.some((l) => l.includes(`may still send events for ${DOMAIN}/live`)));
    // Stragglers on the old domain are delivered until a window after the delete (made between
    // removeStarted and removeEnded), and refused after it.
    await sleep(removeEnded + WINDOW_MS + 3 * MARGIN_MS - Date.now());
    const oldDomain = await oldPump.stop();
    const stragglers = oldDomain.filter((e) => e.sentAt + MARGIN_MS < removeStarted + WINDOW_MS);
    const afterWindow = oldDomain.filter((e) => e.sentAt > removeEnded + WINDOW_MS + MARGIN_MS);
    await sleep(1_000);
    const moved = await newPump.stop();

    // Events sent within a margin of either effect may have gone either way; the delivered ones
    // still count, once each.
    const strict = new Set([...stragglers, ...inEffect]);
    const edge = [...newDomain, ...oldDomain].filter((e) => e.delivered && !strict.has(e));
    assertAllDelivered([...strict, ...edge, ...moved], [site]);
    assert.ok(stragglers.filter((e) => e.sentAt > removeStarted).length >= 3, "no window events");
    assert.ok(afterWindow.length >= 1, "no event after the removal took effect");
    for (const e of afterWindow) assert.equal(e.status, 404, JSON.stringify(e));
    assert.deepEqual(
      (await suite.live().state()).rules.map((r) => r.DomainName),
      [OTHER],
      "Describe shows the removal at once",
    );
  });

  it("the platform's retries: each family retried the documented number of times at the scaled intervals, then no more; a receiver back within them gets the event", async () => {
    // One minute is 300 ms here, two minutes 600 ms, the 20 s answer limit 100 ms.
    const SCALE = 0.005;
    await configure({ deliverySchedule: "platform", deliveryTimeScale: SCALE });
    try {
      const wrongKey = await receiver("NotTheTemplateKey1");
      const paths = {
        streamBeginNotifyUrl: `${wrongKey.base}/live/begin`,
        snapshotNotifyUrl: `${wrongKey.base}/live/snapshot`,
      };
      await apply([
        template(HOOKS, { templateName: "retried", ...paths, callbackKey: KEY_A }),
        binding("push", DOMAIN, HOOKS),
      ]);
      await settle();
      const emulator = suite.live().emulator;
      const send = async (eventType: "streamBegin" | "snapshot", streamId: string) => {
        const record = await emulator.deliverEvent({ domainName: DOMAIN, streamId, eventType });
        return (await emulator.waitForDeliveries({ id: record.id, timeoutMs: 60_000 }))[0];
      };
      // A receiver holding the wrong key refuses every attempt: 1 + 12 for a stream begin, 1 + 5
      // for a snapshot, then the platform gives up.
      const [begin, snapshot] = await Promise.all([
        send("streamBegin", "refused-begin"),
        send("snapshot", "refused-snapshot"),
      ]);
      for (const [record, attempts, intervalMs] of [
        [begin, 13, 60_000 * SCALE],
        [snapshot, 6, 120_000 * SCALE],
      ] as const) {
        assert.equal(record.delivered, false);
        assert.equal(record.attempts.length, attempts, JSON.stringify(record.plan));
        assert.ok(record.attempts.every((a) => a.status === 401));
        for (let i = 1; i < record.attempts.length; i += 1) {
          const previous = record.attempts[i - 1];
          const gap = record.attempts[i].startedMs - (previous.startedMs + previous.durationMs);
          assert.ok(gap >= intervalMs - 5 && gap < intervalMs + 2_500, `gap ${gap} ms`);
        }
      }
      await sleep(1_000);
      const counted = (id: string) => wrongKey.received.filter((r) => r.streamId === id).length;
      assert.equal(counted("refused-begin"), 13, "attempts after the last retry");
      assert.equal(counted("refused-snapshot"), 6);

      // The receiver is redeployed with the right key while the platform is still retrying:
      // the event that failed at first arrives on a retry, once.
      const record = await emulator.deliverEvent({
        domainName: DOMAIN,
        streamId: "saved",
        eventType: "streamBegin",
      });
      await sleep(60_000 * SCALE * 2.5);
      wrongKey.deploy(KEY_A);
      const [saved] = await emulator.waitForDeliveries({ id: record.id, timeoutMs: 60_000 });
      assert.equal(saved.delivered, true);
      assert.ok(
        saved.attempts.length >= 3 && saved.attempts.length <= 13,
        `${saved.attempts.length}`,
      );
      const arrived = wrongKey.received.filter((r) => r.streamId === "saved");
      assert.equal(arrived.filter((r) => r.status === 200).length, 1);
      assert.equal(arrived.at(-1)?.status, 200);
    } finally {
      await configure({ deliverySchedule: "quick" });
    }
  });
});
