// Receiving callbacks, end to end: a stack (template + binding) applied to the emulator with the
// provider functions, a receiver built with createCallbackHandler on a real HTTP server, and
// events emitted by the emulator, delivered, verified, typed and handed to onEvent.
import assert from "node:assert/strict";
import { once } from "node:events";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CALLBACK_EVENT_TYPES,
  createCallbackHandler,
  isKnownCallbackEvent,
  type CallbackEvent,
  type CallbackHandlerOptions,
  type CallbackRejection,
} from "../../src/callbacks";
import { startEmulator, type DeliveryRecord, type EmulatorHandle } from "../../src/emulator";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { adminCall } from "../emulator/helpers";
import { newRun } from "../support/providerRun";

const KEY = "ReceiverKey2024";
const DOMAIN = "push.example.com";

/** A createCallbackHandler receiver on 127.0.0.1 and what it handed to onEvent. */
interface TestReceiver {
  base: string;
  events: CallbackEvent[];
  /** onEvent calls, failed ones included. */
  calls: number;
  close(): Promise<void>;
}

async function startReceiver(
  options: Partial<CallbackHandlerOptions> & { failTimes?: number } = {},
): Promise<TestReceiver> {
  const { failTimes = 0, ...handlerOptions } = options;
  const receiver: Omit<TestReceiver, "base" | "close"> = { events: [], calls: 0 };
  const handler = createCallbackHandler({
    callbackKey: KEY,
    onEvent: (event) => {
      receiver.calls += 1;
      if (receiver.calls <= failTimes) throw new Error(`failure ${receiver.calls}`);
      receiver.events.push(event);
    },
    // The failures are on purpose; keep the test output clean.
    onError: () => undefined,
    ...handlerOptions,
  });
  const server: Server = http.createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return Object.assign(receiver, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

describe("callbacks: emulator → receiver, end to end", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  const receivers: TestReceiver[] = [];

  before(async () => {
    emulator = await startEmulator({
      deliveryRetries: 3,
      deliveryIntervalMs: 50,
      deliveryTimeoutMs: 2_000,
    });
  });
  after(async () => {
    await emulator.stop();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  beforeEach(() => emulator.reset());

  async function receiver(options: Parameters<typeof startReceiver>[0] = {}) {
    const started = await startReceiver(options);
    receivers.push(started);
    return started;
  }

  /** Applies the stack: one template whose URLs point at `base`, bound to DOMAIN/live. */
  async function applyStack(base: string): Promise<number> {
    const run = newRun(emulator);
    const inputs: CallbackTemplateInputs = {
      templateName: "local_receiver",
      streamBeginNotifyUrl: `${base}/live/begin`,
      streamEndNotifyUrl: `${base}/live/end`,
      recordNotifyUrl: `${base}/live/record`,
      callbackKey: KEY,
    };
    const checkedTemplate = await run.template.check({}, inputs);
    assert.deepEqual(checkedTemplate.failures ?? [], []);
    const template = await run.template.create(checkedTemplate.inputs as CallbackTemplateInputs);
    const templateId = Number(template.id);
    const checkedBinding = await run.binding.check(
      {},
      { domainName: DOMAIN, appName: "live", templateId },
    );
    assert.deepEqual(checkedBinding.failures ?? [], []);
    await run.binding.create(checkedBinding.inputs as never);
    // What the provider wrote is what the emulator delivers from.
    const stored = emulator.state().templates.find((t) => t.TemplateId === templateId);
    assert.equal(stored?.CallbackKey, KEY);
    assert.deepEqual(
      emulator.state().rules.map((r) => [r.DomainName, r.AppName, r.TemplateId]),
      [[DOMAIN, "live", templateId]],
    );
    return templateId;
  }

  async function emit(eventType: string | number, extra: Record<string, unknown> = {}) {
    const answer = await adminCall(emulator, "POST", "/_emulator/events", {
      domainName: DOMAIN,
      appName: "live",
      streamId: "camera_1",
      eventType,
      ...extra,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    return answer.json as DeliveryRecord;
  }

  it("delivers signed events that the receiver verifies, types and hands to onEvent", async () => {
    const target = await receiver();
    await applyStack(target.base);

    const begin = await emit("streamBegin", { stream_param: "room=42" });
    assert.equal(begin.url, `${target.base}/live/begin`);
    assert.equal(begin.delivered, true);
    assert.deepEqual(
      begin.attempts.map((a) => a.status),
      [200],
    );
    assert.equal(target.events.length, 1);
    const first = target.events[0];
    assert.ok(isKnownCallbackEvent(first));
    assert.equal(first.event_type, CALLBACK_EVENT_TYPES.streamBegin);
    if (first.event_type !== CALLBACK_EVENT_TYPES.streamBegin) return;
    assert.equal(first.app, DOMAIN);
    assert.equal(first.appname, "live");
    assert.equal(first.stream_id, "camera_1");
    assert.equal(first.channel_id, "camera_1");
    assert.equal(first.stream_param, "room=42");
    assert.equal(first.errcode, 0);
    assert.equal(first.errmsg, "ok");
    assert.match(first.sequence ?? "", /^\d{19}$/);
    assert.equal(typeof first.event_time, "number");
    assert.equal(first.t, begin.body.t);

    const end = await emit(CALLBACK_EVENT_TYPES.streamEnd);
    assert.equal(end.url, `${target.base}/live/end`);
    assert.equal(end.delivered, true);
    const second = target.events[1];
    assert.ok(isKnownCallbackEvent(second));
    assert.equal(second.event_type, CALLBACK_EVENT_TYPES.streamEnd);
    if (second.event_type !== CALLBACK_EVENT_TYPES.streamEnd) return;
    assert.equal(second.sequence, first.sequence, "begin and end of one push pair up");
    assert.equal(typeof second.push_duration, "number");
    assert.ok((second.push_duration ?? -1) >= 0);

    const record = await emit("recordFile");
    assert.equal(record.delivered, true);
    const third = target.events[2];
    assert.ok(isKnownCallbackEvent(third));
    if (third.event_type !== CALLBACK_EVENT_TYPES.recordFile) {
      assert.fail(`expected a record event, got ${third.event_type}`);
    }
    assert.match(third.video_url, /^http:\/\/.+\.m3u8$/);
    assert.equal(third.file_format, "hls");
    assert.equal(typeof third.file_size, "number");
    assert.equal(typeof third.media_start_time, "number");
    assert.equal(JSON.parse(third.callback_ext ?? "{}").video_codec, "h264");

    // The template has no snapshot URL: nothing is sent, and the answer says why.
    const refused = await adminCall(emulator, "POST", "/_emulator/events", {
      domainName: DOMAIN,
      streamId: "camera_1",
      eventType: "snapshot",
    });
    assert.equal(refused.status, 409);
    assert.match((refused.json as { error: string }).error, /has no SnapshotNotifyUrl/);
    assert.equal(target.calls, 3);
  });

  it("retries a receiver that fails twice; the third attempt succeeds", async () => {
    const flaky = await receiver({ failTimes: 2 });
    await applyStack(flaky.base);
    const record = await emit("streamBegin");
    assert.deepEqual(
      record.attempts.map((a) => [a.attempt, a.status]),
      [
        [1, 500],
        [2, 500],
        [3, 200],
      ],
    );
    assert.equal(record.delivered, true);
    assert.equal(flaky.calls, 3);
    assert.equal(flaky.events.length, 1);
    assert.equal(flaky.events[0].event_type, CALLBACK_EVENT_TYPES.streamBegin);
    // The same signed body on every attempt, so the receiver saw the same event three times.
    assert.equal(flaky.events[0].sign, record.body.sign);
    const listed = (await adminCall(emulator, "GET", "/_emulator/deliveries")).json as {
      deliveries: DeliveryRecord[];
    };
    assert.deepEqual(listed.deliveries, [record]);
  });

  it("reports not delivered when the receiver has the wrong key (401 on every attempt)", async () => {
    // The receiver's side of a key changed in one place only: every refusal is reported.
    const rejections: CallbackRejection[] = [];
    const wrongKey = await receiver({
      callbackKey: "SomeOtherKey9",
      onReject: (rejection) => rejections.push(rejection),
    });
    await applyStack(wrongKey.base);
    const record = await emit("streamBegin");
    assert.equal(record.delivered, false);
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [401, 401, 401, 401],
    );
    assert.match(record.attempts[0].response ?? "", /sign does not match/);
    assert.equal(wrongKey.calls, 0);
    assert.deepEqual(wrongKey.events, []);
    assert.deepEqual(
      rejections.map((r) => [r.status, r.eventType, r.remoteAddress]),
      Array(4).fill([401, 1, "127.0.0.1"]),
    );
    assert.ok(rejections.every((r) => /sign does not match/.test(r.reason)));
  });
});
