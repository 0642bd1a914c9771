// Emulated callback events: body per event type (parsed and verified with the receiver library),
// rule/template lookup errors, the loopback-only rule, retries, the delivery history and reset.
import assert from "node:assert/strict";
import { once } from "node:events";
import http, { type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CALLBACK_EVENT_TYPES,
  parseCallbackEvent,
  verifyCallbackSignature,
  type CallbackEventTypeName,
  type ImageAuditEvent,
  type RecordExceptionEvent,
} from "../../src/callbacks";
import {
  EVENT_URL_FIELDS,
  EventDeliveryError,
  startEmulator,
  type DeliveryRecord,
  type EmulatorHandle,
} from "../../src/emulator";
import { parseCommandLine } from "../../src/emulator/cli";
import { checkDeliveryTarget } from "../../src/emulator/events/delivery";
import { DOCUMENT_EXAMPLES } from "../callbacks/documentExamples";
import { adminCall, startTestEmulator, type LiveClient, type TestEmulator } from "./helpers";

const KEY = "EventsKey123";
/** The delivery settings this suite leaves at their defaults. */
const PLATFORM_OFF = { deliverySchedule: "quick", deliveryTimeScale: 1, retrySignature: "same" };
const DOMAIN = "push.example.com";

/** What a receiver does with one request: answer with a status, or never answer. */
type Reaction = number | "hang";

/** One request a receiver got. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A plain HTTP receiver on 127.0.0.1 that records requests and answers from a script. */
class Receiver {
  readonly received: Received[] = [];
  /** Answers for the next requests, in order; 200 once it is empty. */
  script: Reaction[] = [];
  private server!: Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.received.push({
          path: req.url ?? "",
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        });
        const reaction = this.script.shift() ?? 200;
        if (reaction === "hang") return;
        res.writeHead(reaction, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ code: reaction === 200 ? 0 : -1 }));
      });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return this;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.received.length = 0;
    this.script = [];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Template URL paths per field, so a test can tell which URL an event went to. */
const PATHS: Record<string, string> = {
  StreamBeginNotifyUrl: "/begin",
  StreamEndNotifyUrl: "/end",
  RecordNotifyUrl: "/record",
  SnapshotNotifyUrl: "/snapshot",
  PornCensorshipNotifyUrl: "/porn",
  AudioAuditNotifyUrl: "/audio",
  PushExceptionNotifyUrl: "/push-exception",
  RecordStatusNotifyUrl: "/record-status",
  RecordExceptionNotifyUrl: "/record-exception",
};

/**
 * How each emulated body may differ from its document's example, by top-level field: fields the
 * example has that the emulator leaves out, and fields the emulator adds (documented in the
 * field tables but missing from the example). Signatures are left aside: some examples have
 * none.
 */
const EXAMPLE_DIFFERENCES: Partial<
  Record<CallbackEventTypeName, { omitted?: string[]; added?: string[] }>
> = {
  // task_id is only set for tasks created with CreateRecordTask; record_temp_id is in the table.
  recordFile: { omitted: ["task_id"], added: ["record_temp_id"] },
  // The example misspells score as socre; libResults is in the table.
  imageAudit: { omitted: ["socre"], added: ["score", "libResults"] },
  // user_ip is in the newer document's table (84046).
  pushException: { added: ["user_ip"] },
};

async function bindTemplate(
  client: LiveClient,
  fields: Record<string, string | string[]>,
  domain = DOMAIN,
  app = "live",
): Promise<number> {
  const { TemplateId } = await client.CreateLiveCallbackTemplate({
    TemplateName: `tpl_${domain.split(".")[0]}_${app}`,
    CallbackKey: KEY,
    ...fields,
  });
  await client.CreateLiveCallbackRule({
    DomainName: domain,
    AppName: app,
    TemplateId: TemplateId as number,
  });
  return TemplateId as number;
}

/** Every URL field pointing at `base`, and the warning and error recording exception levels. */
function allUrls(base: string): Record<string, string | string[]> {
  return {
    ...Object.fromEntries(Object.entries(PATHS).map(([field, path]) => [field, base + path])),
    RecordExceptionLevels: ["warning", "error"],
  };
}

const sortedKeys = (body: object, drop: readonly string[] = []): string[] =>
  Object.keys(body)
    .filter((key) => !["t", "sign", ...drop].includes(key))
    .sort();

const postEvent = (emulator: EmulatorHandle, body: unknown) =>
  adminCall(emulator, "POST", "/_emulator/events", body);

const errorOf = (json: unknown): string => (json as { error: string }).error;

describe("emulator: callback events", function () {
  this.timeout(20_000);
  let t: TestEmulator;
  let receiver: Receiver;

  before(async () => {
    t = await startTestEmulator({
      deliveryRetries: 2,
      deliveryIntervalMs: 20,
      deliveryTimeoutMs: 300,
    });
    receiver = await new Receiver().start();
  });
  after(async () => {
    await t.emulator.stop();
    await receiver.close();
  });
  beforeEach(async () => {
    await t.emulator.reset();
    receiver.reset();
  });

  const names = Object.keys(CALLBACK_EVENT_TYPES) as CallbackEventTypeName[];
  for (const [i, name] of names.entries()) {
    const code = CALLBACK_EVENT_TYPES[name];
    // Alternate the two spellings of eventType.
    const given = i % 2 === 0 ? name : code;
    it(`sends a parseable, signed ${name} (${code}) event to ${EVENT_URL_FIELDS[code]}`, async () => {
      await bindTemplate(t.client, allUrls(receiver.base));
      const before = Math.floor(Date.now() / 1000);
      const answer = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "stream_1",
        eventType: given,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      const record = answer.json as DeliveryRecord;
      assert.equal(record.url, receiver.base + PATHS[EVENT_URL_FIELDS[code]]);
      assert.equal(record.eventType, code);
      assert.equal(record.delivered, true);
      assert.deepEqual(
        record.attempts.map((a) => [a.attempt, a.status, a.error]),
        [[1, 200, undefined]],
      );
      assert.ok(record.attempts[0].durationMs >= 0);

      assert.equal(receiver.received.length, 1);
      const got = receiver.received[0];
      assert.equal(got.path, PATHS[EVENT_URL_FIELDS[code]]);
      assert.equal(got.headers["content-type"], "application/json");
      assert.deepEqual(got.body, record.body);

      const parsed = parseCallbackEvent(got.body);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.equal(parsed.event.event_type, code);
      assert.deepEqual(verifyCallbackSignature(got.body, KEY), { ok: true, keyIndex: 0 });
      assert.equal(verifyCallbackSignature(got.body, "OtherKey").ok, false);
      const body = got.body as Record<string, unknown>;
      const tValue = body.t as number;
      assert.ok(tValue >= before + 600 && tValue <= before + 602, `t=${tValue}`);
      // Each type names the stream and the domain the way its document does.
      assert.equal(body.stream_id ?? body.streamId, "stream_1");
      assert.equal(body.app ?? body.domain, DOMAIN);
      assert.equal(body.appname ?? body.path, "live");
      // The snapshot document's example carries no appid; every other one does.
      assert.equal(body.appid, code === CALLBACK_EVENT_TYPES.snapshot ? undefined : 1250000000);

      // Shaped like the document's example: the same fields, but for the listed differences.
      const { omitted = [], added = [] } = EXAMPLE_DIFFERENCES[name] ?? {};
      assert.deepEqual(
        sortedKeys(body, added),
        sortedKeys(DOCUMENT_EXAMPLES[name].body, omitted),
        `fields of the ${name} body against document ${DOCUMENT_EXAMPLES[name].document}`,
      );
    });
  }

  it("sends an image audit (317) of the current service, typed by the receiver", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    const record = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "s1",
      eventType: "imageAudit",
    });
    const parsed = parseCallbackEvent(receiver.received[0].body);
    assert.ok(parsed.ok && parsed.event.event_type === CALLBACK_EVENT_TYPES.imageAudit);
    const event = parsed.event as ImageAuditEvent;
    assert.equal(event.suggestion, "Block");
    assert.equal(event.label, "Porn");
    assert.equal(event.subLabel, "PornHigh");
    assert.deepEqual(event.type, [1]);
    assert.deepEqual(event.score, [99]);
    const hit = event.labelResults?.find((r) => r.HitFlag === 1);
    assert.equal(hit?.Scene, "Porn");
    assert.equal(hit?.Details?.[0]?.Name, "PornHigh");
    assert.ok((event.objectResults ?? []).every((r) => r.Suggestion === "Pass"));
    assert.equal(event.ocrResults?.[0]?.Scene, "OCR");
    assert.deepEqual(event.libResults, []);
    assert.equal(event.streamId, "s1");
    assert.equal(record.body.confidence, undefined, "no scores of the older service");
  });

  describe("recording exceptions (341), only for the levels the template selects", () => {
    it("sends the first selected level by default, typed by the receiver", async () => {
      await bindTemplate(t.client, allUrls(receiver.base));
      const answer = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 341,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      const record = answer.json as DeliveryRecord;
      assert.equal(record.url, `${receiver.base}/record-exception`);
      const parsed = parseCallbackEvent(receiver.received[0].body);
      assert.ok(parsed.ok && parsed.event.event_type === CALLBACK_EVENT_TYPES.recordException);
      const event = parsed.event as RecordExceptionEvent;
      assert.equal(event.exception_level, "warning");
      assert.equal(typeof event.exception.type, "number");
      assert.ok(event.exception.type < 0);
      assert.equal(typeof event.exception.desc, "string");
      assert.equal(event.stream_id, "s1");
      assert.equal(event.domain, DOMAIN);
      assert.equal(event.path, "live");
      assert.match(event.session_id ?? "", /^\d{19}$/);
      assert.ok(Math.abs((event.timestamp ?? 0) - Date.now() / 1000) < 5);
      assert.deepEqual(verifyCallbackSignature(receiver.received[0].body, KEY), {
        ok: true,
        keyIndex: 0,
      });
    });

    it("sends a level the request names when the template selects it", async () => {
      await bindTemplate(t.client, allUrls(receiver.base));
      const record = await t.emulator.deliverEvent({
        domainName: DOMAIN,
        streamId: "s1",
        eventType: "recordException",
        exception_level: "error",
      });
      assert.equal(record.delivered, true);
      assert.equal(record.body.exception_level, "error");
      assert.equal((record.body.exception as { type: number }).type, -104);
    });

    it("answers 409 for a level the template does not select, and for a template with none", async () => {
      const id = await bindTemplate(t.client, allUrls(receiver.base));
      const info = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 341,
        exception_level: "info",
      });
      assert.equal(info.status, 409);
      assert.match(
        errorOf(info.json),
        new RegExp(`template ${id} .* selects RecordExceptionLevels warning, error, not "info"`),
      );
      assert.match(errorOf(info.json), /sends no recording exception event of that level/);

      await t.client.ModifyLiveCallbackTemplate({ TemplateId: id, RecordExceptionLevels: [] });
      const none = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 341,
      });
      assert.equal(none.status, 409);
      assert.match(errorOf(none.json), /selects no RecordExceptionLevels/);

      const typed = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 341,
        exception_level: 2,
      });
      assert.equal(typed.status, 400);
      assert.match(errorOf(typed.json), /exception_level must be a string/);
      assert.equal(receiver.received.length, 0);
      assert.deepEqual(t.emulator.deliveries(), []);
    });

    it("answers 409 when the template has no RecordExceptionNotifyUrl", async () => {
      const id = await bindTemplate(t.client, {
        StreamBeginNotifyUrl: `${receiver.base}/begin`,
        RecordExceptionLevels: ["error"],
      });
      const answer = await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 341,
      });
      assert.equal(answer.status, 409);
      assert.match(
        errorOf(answer.json),
        new RegExp(`template ${id} .* has no RecordExceptionNotifyUrl`),
      );
    });
  });

  it("pairs a stream end with its begin: same sequence, push_duration in between", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    const begin = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: "streamBegin",
      })
    ).json as DeliveryRecord;
    const end = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 0,
      })
    ).json as DeliveryRecord;
    assert.match(String(begin.body.sequence), /^\d{19}$/);
    assert.equal(end.body.sequence, begin.body.sequence);
    assert.equal(end.body.errmsg, "recv rtmp deleteStream");
    // A string of milliseconds, as the document types and shows it.
    assert.match(String(end.body.push_duration), /^\d+$/);
    assert.equal(typeof end.body.push_duration, "string");
    assert.ok(Number(end.body.push_duration) < 5_000);
    // The session is closed: the next end starts from scratch.
    const lone = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: 0,
      })
    ).json as DeliveryRecord;
    assert.notEqual(lone.body.sequence, begin.body.sequence);
  });

  it("merges extra fields into the body and signs an extra t", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    const expiredT = Math.floor(Date.now() / 1000) - 60;
    const record = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: "streamBegin",
        errcode: 7,
        custom_field: "x",
        t: expiredT,
      })
    ).json as DeliveryRecord;
    assert.equal(record.body.errcode, 7);
    assert.equal(record.body.custom_field, "x");
    assert.equal(record.body.t, expiredT);
    assert.equal(verifyCallbackSignature(record.body, KEY).ok, false);
    assert.equal(
      (verifyCallbackSignature(record.body, KEY) as { reason: string }).reason,
      "expired",
    );
    // A given sign is sent as is, so forged events can be tested too.
    const forged = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s1",
        eventType: "streamBegin",
        sign: "0".repeat(32),
      })
    ).json as DeliveryRecord;
    assert.equal(forged.body.sign, "0".repeat(32));
    assert.equal(
      (verifyCallbackSignature(forged.body, KEY) as { reason: string }).reason,
      "bad-signature",
    );
  });

  it("answers 404 for a (domain, app) without a rule, naming them", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    const noDomain = await postEvent(t.emulator, {
      domainName: "other.example.com",
      streamId: "s1",
      eventType: 1,
    });
    assert.equal(noDomain.status, 404);
    assert.match(
      errorOf(noDomain.json),
      /no callback rule for domain other\.example\.com and app live/,
    );
    assert.match(errorOf(noDomain.json), /push\.example\.com\/live/);
    const noApp = await postEvent(t.emulator, {
      domainName: DOMAIN,
      appName: "live2",
      streamId: "s1",
      eventType: 1,
    });
    assert.equal(noApp.status, 404);
    assert.match(errorOf(noApp.json), /app live2/);
    assert.equal(receiver.received.length, 0);
    await assert.rejects(
      t.emulator.deliverEvent({ domainName: "x.example.com", streamId: "s", eventType: 1 }),
      (err: unknown) => err instanceof EventDeliveryError && err.status === 404,
    );
  });

  it("answers 409 when the bound template has no URL for the event type", async () => {
    const id = await bindTemplate(t.client, { StreamBeginNotifyUrl: `${receiver.base}/begin` });
    const answer = await postEvent(t.emulator, {
      domainName: DOMAIN,
      streamId: "s1",
      eventType: "snapshot",
    });
    assert.equal(answer.status, 409);
    assert.match(errorOf(answer.json), new RegExp(`template ${id} .* has no SnapshotNotifyUrl`));
    assert.equal(receiver.received.length, 0);
    assert.deepEqual(t.emulator.deliveries(), []);
  });

  it("answers 400 for an invalid request", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    const cases: [unknown, RegExp][] = [
      [
        { domainName: DOMAIN, streamId: "s", eventType: 999 },
        /eventType 999 is not one of .*1 \(streamBegin\)/,
      ],
      [{ domainName: DOMAIN, streamId: "s", eventType: "begin" }, /eventType "begin"/],
      [{ domainName: DOMAIN, streamId: "s" }, /eventType \(missing\)/],
      [{ domainName: DOMAIN, eventType: 1 }, /streamId is required/],
      [{ streamId: "s", eventType: 1 }, /domainName is required/],
      [{ domainName: DOMAIN, appName: "", streamId: "s", eventType: 1 }, /appName/],
      [
        { domainName: DOMAIN, streamId: "s", eventType: 1, t: -5 },
        /t must be a non-negative integer/,
      ],
      [[1, 2], /must be a JSON object/],
    ];
    for (const [body, message] of cases) {
      const answer = await postEvent(t.emulator, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(errorOf(answer.json), message);
    }
    assert.equal(receiver.received.length, 0);
  });

  it("refuses a non-loopback target with 403 and sends nothing", async () => {
    await bindTemplate(t.client, {
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      StreamEndNotifyUrl: "http://10.1.2.3:8080/end",
    });
    for (const eventType of ["streamBegin", "streamEnd"]) {
      const answer = await postEvent(t.emulator, { domainName: DOMAIN, streamId: "s", eventType });
      assert.equal(answer.status, 403);
      assert.match(
        errorOf(answer.json),
        /refusing to deliver to .* only sends callbacks to loopback/,
      );
      assert.match(errorOf(answer.json), /allowNonLoopback/);
    }
    assert.deepEqual(t.emulator.deliveries(), []);
  });

  it("checks delivery targets: loopback only, unless allowed; http(s) only", () => {
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://127.9.8.7/x",
      "http://localhost:1/x",
      "https://[::1]:8443/x",
    ]) {
      assert.equal(checkDeliveryTarget(url, false).href, new URL(url).href);
    }
    for (const url of ["http://10.0.0.1/x", "https://hooks.example.com/x", "http://[::2]/x"]) {
      assert.throws(() => checkDeliveryTarget(url, false), /loopback/);
      assert.equal(checkDeliveryTarget(url, true).href, new URL(url).href);
    }
    assert.throws(() => checkDeliveryTarget("ftp://127.0.0.1/x", true), /not http or https/);
    assert.throws(() => checkDeliveryTarget("not a url", true), /not a valid URL/);
  });

  it("retries non-200 answers and reports every attempt", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    receiver.script = [503, 302];
    const record = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s",
        eventType: 1,
      })
    ).json as DeliveryRecord;
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [503, 302, 200],
    );
    assert.equal(record.attempts[0].response, '{"code":-1}');
    assert.equal(record.delivered, true);
    assert.equal(receiver.received.length, 3);
    // Every attempt carries the same signed body.
    assert.ok(
      receiver.received.every((r) => JSON.stringify(r.body) === JSON.stringify(record.body)),
    );
  });

  it("gives up after the configured retries: no answer, then refused connections", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    receiver.script = ["hang", "hang", "hang"];
    const started = Date.now();
    const hung = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "s",
        eventType: 1,
      })
    ).json as DeliveryRecord;
    assert.equal(hung.delivered, false);
    assert.deepEqual(
      hung.attempts.map((a) => [a.attempt, a.status, a.error]),
      [1, 2, 3].map((n) => [n, undefined, "no answer within 300 ms"]),
    );
    assert.ok(
      hung.attempts.every((a) => a.durationMs >= 280),
      JSON.stringify(hung.attempts),
    );
    assert.ok(Date.now() - started < 3_000);

    // A closed port: connection refused on every attempt.
    const closed = await new Receiver().start();
    const deadUrl = closed.base;
    await closed.close();
    await t.emulator.reset();
    await bindTemplate(t.client, { StreamBeginNotifyUrl: `${deadUrl}/begin` });
    const refused = await t.emulator.deliverEvent({
      domainName: DOMAIN,
      streamId: "s",
      eventType: "streamBegin",
    });
    assert.equal(refused.delivered, false);
    assert.equal(refused.attempts.length, 3);
    assert.ok(refused.attempts.every((a) => /ECONNREFUSED/.test(a.error ?? "")));
  });

  it("lists deliveries oldest first, and reset clears them", async () => {
    await bindTemplate(t.client, allUrls(receiver.base));
    receiver.script = [500, 500, 500];
    const first = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "a",
        eventType: "streamBegin",
      })
    ).json as DeliveryRecord;
    const second = (
      await postEvent(t.emulator, {
        domainName: DOMAIN,
        streamId: "b",
        eventType: "recordFile",
      })
    ).json as DeliveryRecord;
    assert.equal(first.delivered, false);
    assert.equal(second.delivered, true);

    const listed = await adminCall(t.emulator, "GET", "/_emulator/deliveries");
    assert.equal(listed.status, 200);
    const { config, deliveries } = listed.json as {
      config: Record<string, number>;
      deliveries: DeliveryRecord[];
    };
    assert.deepEqual(config, {
      deliveryRetries: 2,
      deliveryIntervalMs: 20,
      deliveryTimeoutMs: 300,
      ...PLATFORM_OFF,
    });
    assert.deepEqual(deliveries, [first, second]);
    assert.deepEqual(t.emulator.deliveries(), deliveries);
    // A copy: changing it does not change the emulator's history.
    t.emulator.deliveries()[0].attempts.length = 0;
    assert.equal(t.emulator.deliveries()[0].attempts.length, 3);

    assert.deepEqual((await adminCall(t.emulator, "POST", "/_emulator/reset")).json, { ok: true });
    assert.deepEqual(
      ((await adminCall(t.emulator, "GET", "/_emulator/deliveries")).json as { deliveries: [] })
        .deliveries,
      [],
    );
    // The handle's reset clears them as well.
    await bindTemplate(t.client, allUrls(receiver.base));
    await t.emulator.deliverEvent({ domainName: DOMAIN, streamId: "c", eventType: 200 });
    assert.equal(t.emulator.deliveries().length, 1);
    await t.emulator.reset();
    assert.deepEqual(t.emulator.deliveries(), []);
  });

  it("takes delivery settings from POST /_emulator/config and validates them", async () => {
    const changed = await adminCall(t.emulator, "POST", "/_emulator/config", {
      deliveryRetries: 0,
      deliveryIntervalMs: 5,
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.json, {
      duplicateRules: "reject",
      unsafeUrls: "allow",
      ruleDomainCase: "exact",
      latencyMs: 0,
      rateLimitPerSecond: 0,
      propagationSeconds: 0,
      stsLifetimeSeconds: 0,
      deliveryRetries: 0,
      deliveryIntervalMs: 5,
      deliveryTimeoutMs: 300,
      ...PLATFORM_OFF,
    });
    try {
      await bindTemplate(t.client, allUrls(receiver.base));
      receiver.script = [500];
      const record = await t.emulator.deliverEvent({
        domainName: DOMAIN,
        streamId: "s",
        eventType: 1,
      });
      assert.deepEqual(
        record.attempts.map((a) => a.status),
        [500],
      );
      for (const bad of [
        { deliveryRetries: -1 },
        { deliveryIntervalMs: 1.5 },
        { deliveryTimeoutMs: 0 },
      ]) {
        const answer = await adminCall(t.emulator, "POST", "/_emulator/config", bad);
        assert.equal(answer.status, 400, JSON.stringify(bad));
      }
      assert.throws(
        () => t.emulator.configureDelivery({ deliveryTimeoutMs: 0 }),
        /deliveryTimeoutMs/,
      );
    } finally {
      t.emulator.configureDelivery({ deliveryRetries: 2, deliveryIntervalMs: 20 });
    }
    assert.deepEqual(t.emulator.configureDelivery({}), {
      deliveryRetries: 2,
      deliveryIntervalMs: 20,
      deliveryTimeoutMs: 300,
      ...PLATFORM_OFF,
    });
  });

  it("takes delivery settings as options and CLI flags", async () => {
    await assert.rejects(startEmulator({ deliveryRetries: -1 }), /deliveryRetries/);
    await assert.rejects(startEmulator({ deliveryTimeoutMs: 0 }), /deliveryTimeoutMs/);
    const options = parseCommandLine([
      "--delivery-retries",
      "5",
      "--delivery-interval-ms",
      "50",
      "--delivery-timeout-ms",
      "1000",
    ]);
    assert.equal(options?.deliveryRetries, 5);
    assert.equal(options?.deliveryIntervalMs, 50);
    assert.equal(options?.deliveryTimeoutMs, 1000);
    assert.equal("deliveryRetries" in (parseCommandLine([]) ?? {}), false);
    for (const bad of [
      ["--delivery-retries", "many"],
      ["--delivery-timeout-ms", "0"],
    ]) {
      assert.throws(() => parseCommandLine(bad), Error, bad.join(" "));
    }
  });

  it("cuts a delivery short when the emulator stops", async () => {
    const own = await startTestEmulator({ deliveryTimeoutMs: 10_000, deliveryRetries: 5 });
    try {
      await bindTemplate(own.client, allUrls(receiver.base));
      receiver.script = ["hang"];
      const pending = own.emulator.deliverEvent({
        domainName: DOMAIN,
        streamId: "s",
        eventType: 1,
      });
      while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      await own.emulator.stop();
      const record = await pending;
      assert.ok(Date.now() - started < 2_000);
      assert.equal(record.delivered, false);
      assert.deepEqual(
        record.attempts.map((a) => a.error),
        ["the emulator is stopping"],
      );
    } finally {
      await own.emulator.stop();
    }
  });
});
