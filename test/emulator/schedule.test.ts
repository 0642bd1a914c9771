// The platform delivery schedule: every family retried the documented number of times at the
// scaled intervals, the scaled 20 s timeout, stopping after success, same or fresh signatures,
// background deliveries watched and waited for, reset cancelling them, and the settings'
// validation. Scale 0.005: one minute is 300 ms, the 20 s timeout 100 ms. Margins are generous.
import assert from "node:assert/strict";
import { CALLBACK_EVENT_TYPES } from "../../src/callbacks";
import { signCallback } from "../../src/callbacks/signature";
import {
  PLATFORM_RETRY_RULES,
  startEmulator,
  type DeliveryAttempt,
  type DeliveryRecord,
} from "../../src/emulator";
import { parseCommandLine } from "../../src/emulator/cli";
import { adminCall, useTestEmulator } from "./helpers";
import { pause, startReceiver, type TestReceiver } from "./receiver";

const SCALE = 0.005;
const MINUTE_MS = 60_000 * SCALE;
const KEY = "ScheduleKey1";
const DOMAIN = "push.example.com";

/** Every family, its URL field, and the documented retries and interval in minutes. */
const FAMILIES = [
  { name: "streamBegin", field: "StreamBeginNotifyUrl", retries: 12, minutes: 1 },
  { name: "streamEnd", field: "StreamEndNotifyUrl", retries: 12, minutes: 1 },
  { name: "recordFile", field: "RecordNotifyUrl", retries: 12, minutes: 1 },
  { name: "recordStatus", field: "RecordStatusNotifyUrl", retries: 12, minutes: 1 },
  { name: "recordException", field: "RecordExceptionNotifyUrl", retries: 12, minutes: 1 },
  { name: "imageAudit", field: "PornCensorshipNotifyUrl", retries: 12, minutes: 1 },
  { name: "audioAudit", field: "AudioAuditNotifyUrl", retries: 12, minutes: 1 },
  { name: "snapshot", field: "SnapshotNotifyUrl", retries: 5, minutes: 2 },
  // Not named by the document; the emulator's (safer) reading.
  { name: "pushException", field: "PushExceptionNotifyUrl", retries: 12, minutes: 1 },
] as const;

/** Gaps between the starts of consecutive attempts. */
function gaps(attempts: DeliveryAttempt[]): number[] {
  return attempts.slice(1).map((a, i) => a.startedMs - attempts[i].startedMs);
}

describe("emulator: platform delivery schedule", function () {
  this.timeout(60_000);
  const t = useTestEmulator({ deliverySchedule: "platform", deliveryTimeScale: SCALE });
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    receiver.reset();
    t.emulator.configureDelivery({
      deliverySchedule: "platform",
      deliveryTimeScale: SCALE,
      retrySignature: "same",
    });
    const fields = Object.fromEntries(FAMILIES.map((f) => [f.field, `${receiver.base}/${f.name}`]));
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate({
      TemplateName: "schedule",
      CallbackKey: KEY,
      RecordExceptionLevels: ["error"],
      ...fields,
    });
    await t.client.CreateLiveCallbackRule({
      DomainName: DOMAIN,
      AppName: "live",
      TemplateId: TemplateId as number,
    });
  });

  it("retries each family the documented number of times at the scaled interval, then stops", async () => {
    for (const f of FAMILIES) receiver.answers.set(`/${f.name}`, 500);
    // All families at once, so the suite waits for the longest schedule only once.
    const first = await Promise.all(
      FAMILIES.map((f) =>
        t.emulator.deliverEvent({ domainName: DOMAIN, streamId: f.name, eventType: f.name }),
      ),
    );
    for (const record of first) {
      // Answered after the first attempt, with the retries still to come.
      assert.equal(record.attempts.length, 1);
      assert.equal(record.done, false);
    }
    const finished = await t.emulator.waitForDeliveries({ timeoutMs: 45_000 });
    for (const f of FAMILIES) {
      const record = finished.find((r) => r.url.endsWith(`/${f.name}`)) as DeliveryRecord;
      const what = `${f.name}: ${JSON.stringify(record.attempts.map((a) => a.startedMs))}`;
      assert.equal(record.eventType, CALLBACK_EVENT_TYPES[f.name]);
      assert.deepEqual(
        { ...record.plan },
        {
          schedule: "platform",
          retries: f.retries,
          intervalMs: f.minutes * MINUTE_MS,
          timeoutMs: 20_000 * SCALE,
          retrySignature: "same",
        },
      );
      assert.deepEqual(PLATFORM_RETRY_RULES[record.eventType as 1], {
        retries: f.retries,
        intervalMs: f.minutes * 60_000,
      });
      assert.equal(record.done, true);
      assert.equal(record.delivered, false);
      assert.equal(record.attempts.length, 1 + f.retries, what);
      assert.equal(receiver.hitsTo(`/${f.name}`).length, 1 + f.retries, what);
      // Each attempt failed: the receiver's 500, or, on a loaded machine, no answer within the
      // scaled 20 s limit; either way the platform retries.
      assert.ok(
        record.attempts.every((a) => a.status === 500 || (a.status === undefined && a.error)),
        `${what}: ${JSON.stringify(record.attempts.map((a) => a.status ?? a.error))}`,
      );
      for (const gap of gaps(record.attempts)) {
        // The pause follows the end of an attempt: never shorter than the interval (timers may
        // fire a millisecond early), and on a loaded machine possibly much longer.
        assert.ok(gap >= f.minutes * MINUTE_MS - 5, `${what}: gap ${gap}`);
        assert.ok(gap < f.minutes * MINUTE_MS + 2_500, `${what}: gap ${gap}`);
      }
    }
    // Nothing more arrives once the retries are spent.
    const count = receiver.hits.length;
    await pause(2 * 2 * MINUTE_MS);
    assert.equal(receiver.hits.length, count);
  });

  it("counts no answer within the scaled 20 s as a failure, and stops after the first 200", async () => {
    receiver.script = ["hang", "hang", 503];
    const record = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "s",
      eventType: "snapshot",
    });
    assert.equal(record.attempts[0].error, `no answer within ${20_000 * SCALE} ms`);
    assert.ok(record.attempts[0].durationMs >= 20_000 * SCALE - 5);
    const [done] = await t.emulator.waitForDeliveries({ id: record.id, timeoutMs: 20_000 });
    assert.deepEqual(
      done.attempts.map((a) => a.status ?? a.error),
      ["no answer within 100 ms", "no answer within 100 ms", 503, 200],
    );
    assert.equal(done.delivered, true);
    assert.equal(done.done, true);
    for (const gap of gaps(done.attempts)) assert.ok(gap >= 2 * MINUTE_MS - 5, `gap ${gap}`);
    await pause(3 * 2 * MINUTE_MS);
    assert.equal(receiver.hitsTo("/snapshot").length, 4);
  });

  it("keeps t/sign on retries with retrySignature same, signs each again with fresh", async () => {
    receiver.script = [500, 500];
    const same = await t.emulator.deliverEvent({ domainName: DOMAIN, streamId: "a", eventType: 1 });
    const [sameDone] = await t.emulator.waitForDeliveries({ id: same.id });
    assert.equal(sameDone.attempts.length, 3);
    assert.ok(sameDone.attempts.every((a) => a.t === same.body.t && a.sign === same.body.sign));
    assert.ok(receiver.hits.every((h) => h.body.t === same.body.t));

    // One minute becomes 1.2 s, so two retries are more than two seconds (t is in seconds) later.
    receiver.reset();
    t.emulator.configureDelivery({ retrySignature: "fresh", deliveryTimeScale: 0.02 });
    receiver.script = [500, 500];
    const fresh = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "b",
      eventType: 1,
    });
    const [freshDone] = await t.emulator.waitForDeliveries({ id: fresh.id });
    assert.equal(freshDone.plan.retrySignature, "fresh");
    const ts = freshDone.attempts.map((a) => a.t as number);
    assert.ok(ts[2] >= ts[0] + 2, JSON.stringify(ts));
    assert.deepEqual(
      receiver.hits.map((h) => h.body.t),
      ts,
    );
    for (const [i, hit] of receiver.hits.entries()) {
      // Each attempt verifies with the key, and carries the t/sign its record says.
      assert.equal(hit.body.sign, signCallback(KEY, hit.body.t as number));
      assert.equal(hit.body.sign, freshDone.attempts[i].sign);
      assert.equal(hit.body.sequence, fresh.body.sequence);
    }
  });

  it("shows background attempts as they happen, and waits for them over HTTP", async () => {
    receiver.script = [500, 500, 500];
    const posted = await adminCall(t.emulator, "POST", "/_emulator/events", {
      domainName: DOMAIN,
      streamId: "s",
      eventType: "streamBegin",
    });
    const record = posted.json as DeliveryRecord;
    assert.equal(posted.status, 200);
    assert.equal(record.done, false);
    assert.equal(record.attempts.length, 1);
    const early = await adminCall(t.emulator, "POST", "/_emulator/deliveries/wait", {
      id: record.id,
      timeoutMs: 10,
    });
    assert.equal(early.status, 408);
    assert.match((early.json as { error: string }).error, new RegExp(`${record.id}`));
    while (!(t.emulator.deliveries()[0].attempts.length >= 2)) await pause(20);
    const listed = await adminCall(t.emulator, "GET", "/_emulator/deliveries");
    const [live] = (listed.json as { deliveries: DeliveryRecord[] }).deliveries;
    assert.ok(live.attempts.length >= 2);

    const waited = await adminCall(t.emulator, "POST", "/_emulator/deliveries/wait", {
      id: record.id,
    });
    assert.equal(waited.status, 200);
    const [done] = (waited.json as { deliveries: DeliveryRecord[] }).deliveries;
    assert.deepEqual(
      done.attempts.map((a) => a.status),
      [500, 500, 500, 200],
    );
    assert.equal(done.done, true);
    // Waiting for all: every record, once nothing is under way.
    const all = await adminCall(t.emulator, "POST", "/_emulator/deliveries/wait", {});
    assert.deepEqual((all.json as { deliveries: DeliveryRecord[] }).deliveries, [done]);
    const unknown = await adminCall(t.emulator, "POST", "/_emulator/deliveries/wait", { id: 999 });
    assert.equal(unknown.status, 404);
    const bad = await adminCall(t.emulator, "POST", "/_emulator/deliveries/wait", { id: "x" });
    assert.equal(bad.status, 400);
  });

  it("stops the retries of deliveries under way at a reset", async () => {
    receiver.answers.set("/streamBegin", 500);
    const record = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "s",
      eventType: 1,
    });
    assert.equal(record.done, false);
    await t.emulator.reset();
    const count = receiver.hits.length;
    await pause(3 * MINUTE_MS);
    assert.equal(receiver.hits.length, count);
    assert.ok(count < 3, `only ${count} attempts before the reset`);
    assert.deepEqual(t.emulator.deliveries(), []);
  });

  it("keeps the quick schedule's answer-when-finished behaviour", async () => {
    t.emulator.configureDelivery({ deliverySchedule: "quick" });
    receiver.script = [500];
    const record = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "s",
      eventType: 1,
    });
    assert.equal(record.done, true);
    assert.equal(record.plan.schedule, "quick");
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [500, 200],
    );
  });

  it("validates the schedule settings as options, flags and config keys", async () => {
    await assert.rejects(startEmulator({ deliveryTimeScale: 0 }), /deliveryTimeScale/);
    await assert.rejects(
      startEmulator({ deliverySchedule: "slow" as never }),
      /deliverySchedule must be one of quick, platform/,
    );
    await assert.rejects(startEmulator({ retrySignature: "new" as never }), /retrySignature/);
    assert.throws(
      () => t.emulator.configureDelivery({ deliveryTimeScale: -1 }),
      /deliveryTimeScale/,
    );
    const options = parseCommandLine([
      "--delivery-schedule",
      "platform",
      "--delivery-time-scale",
      "0.005",
      "--retry-signature",
      "fresh",
    ]);
    assert.equal(options?.deliverySchedule, "platform");
    assert.equal(options?.deliveryTimeScale, 0.005);
    assert.equal(options?.retrySignature, "fresh");
    const none = parseCommandLine([]) ?? {};
    for (const key of ["deliverySchedule", "deliveryTimeScale", "retrySignature"]) {
      assert.equal(key in none, false, key);
    }
    for (const bad of [
      ["--delivery-schedule", "fast"],
      ["--delivery-time-scale", "0"],
      ["--delivery-time-scale", "-1"],
      ["--retry-signature", "both"],
    ]) {
      assert.throws(() => parseCommandLine(bad), Error, bad.join(" "));
    }
    for (const bad of [
      { deliverySchedule: "fast" },
      { deliveryTimeScale: 0 },
      { deliveryTimeScale: "1" },
      { retrySignature: "both" },
    ]) {
      const answer = await adminCall(t.emulator, "POST", "/_emulator/config", bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.match((answer.json as { error: string }).error, new RegExp(Object.keys(bad)[0]));
    }
    const changed = await adminCall(t.emulator, "POST", "/_emulator/config", {
      deliveryTimeScale: 0.5,
      retrySignature: "fresh",
    });
    assert.equal(changed.status, 200);
    const listed = await adminCall(t.emulator, "GET", "/_emulator/deliveries");
    const { config } = listed.json as { config: Record<string, unknown> };
    assert.equal(config.deliveryTimeScale, 0.5);
    assert.equal(config.retrySignature, "fresh");
    assert.equal(config.deliverySchedule, "platform");
  });
});
