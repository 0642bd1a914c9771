import assert from "node:assert/strict";
import { IncomingMessage, type RequestListener } from "node:http";

import sinon from "sinon";

import {
  CALLBACK_EVENT_TYPES,
  createCallbackHandler,
  isKnownCallbackEvent,
  signCallback,
  type CallbackEvent,
  type CallbackEventContext,
  type CallbackRejection,
} from "../../src/callbacks";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T, type SampleBody } from "./fixtures";
import { abortMidBody, listen, request, type Answer, type TestServer } from "./http-helpers";

/** The handlers' clock: five minutes before the samples' signature expires. */
const NOW_MS = (SAMPLE_T - 300) * 1000;
const LIMIT = 4096;

type ExpressLikeRequest = IncomingMessage & { body?: unknown };

/** Reads a request stream to the end, as a body parser would. */
async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A listener that parses the body first and leaves it on `req.body`, like Express middleware. */
function withBodyParser(
  listener: RequestListener,
  parse: (raw: Buffer) => unknown,
): RequestListener {
  return (req, res) => {
    readAll(req).then(
      (raw) => {
        (req as ExpressLikeRequest).body = parse(raw);
        listener(req, res);
      },
      () => res.destroy(),
    );
  };
}

/** Every answer must be JSON and free of the callback key. */
function checked(answer: Answer): Answer {
  assert.ok(!answer.text.includes(SAMPLE_KEY), `the key leaked into: ${answer.text}`);
  assert.match(String(answer.headers["content-type"]), /^application\/json/);
  return answer;
}

async function post(server: TestServer, body: unknown): Promise<Answer> {
  return checked(await request(server.port, { body: JSON.stringify(body) }));
}

describe("callbacks/handler", () => {
  const onEvent = sinon.stub<[CallbackEvent, CallbackEventContext], Promise<void>>();
  const onError = sinon.spy();
  const onReject = sinon.spy() as sinon.SinonSpy<[CallbackRejection], void>;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let plain: TestServer;
  let expressJson: TestServer;
  let expressText: TestServer;
  let expressRaw: TestServer;
  let placeholderBody: TestServer;
  let defaults: TestServer;
  let defaultsOnEvent: sinon.SinonStub;

  before(async () => {
    process.on("unhandledRejection", recordUnhandled);
    const handler = createCallbackHandler({
      callbackKey: SAMPLE_KEY,
      onEvent,
      onError,
      onReject,
      maxBodyBytes: LIMIT,
      now: () => NOW_MS,
    });
    plain = await listen(handler);
    expressJson = await listen(withBodyParser(handler, (raw) => JSON.parse(raw.toString())));
    expressText = await listen(withBodyParser(handler, (raw) => raw.toString("utf8")));
    expressRaw = await listen(withBodyParser(handler, (raw) => raw));
    // body-parser's behaviour when the Content-Type did not match: `{}` and an unread stream.
    placeholderBody = await listen((req, res) => {
      (req as ExpressLikeRequest).body = {};
      handler(req, res);
    });
    defaultsOnEvent = sinon.stub();
    defaults = await listen(
      createCallbackHandler({
        callbackKey: SAMPLE_KEY,
        onEvent: defaultsOnEvent,
        now: () => NOW_MS,
      }),
    );
  });

  beforeEach(() => {
    onEvent.reset();
    onEvent.resolves();
    onError.resetHistory();
    onReject.resetHistory();
    defaultsOnEvent.reset();
  });

  after(async () => {
    await Promise.all(
      [plain, expressJson, expressText, expressRaw, placeholderBody, defaults].map((server) =>
        server?.close(),
      ),
    );
    process.off("unhandledRejection", recordUnhandled);
    assert.deepEqual(unhandled, [], "the handler left unhandled rejections");
  });

  describe("accepted events", () => {
    it("answers 200 {code:0} after onEvent got the typed event and the request", async () => {
      const answer = await post(plain, SAMPLE_EVENTS.streamEnd);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { code: 0 });
      sinon.assert.calledOnce(onEvent);
      const [event, context] = onEvent.firstCall.args;
      assert.ok(isKnownCallbackEvent(event));
      assert.equal(event.event_type, CALLBACK_EVENT_TYPES.streamEnd);
      if (event.event_type === CALLBACK_EVENT_TYPES.streamEnd) {
        assert.equal(event.stream_id, "room_1001");
        assert.equal(event.push_duration, 360000);
      }
      assert.ok(context.req instanceof IncomingMessage);
      assert.equal(context.req.method, "POST");
    });

    it("waits for an asynchronous onEvent before answering", async () => {
      let finished = false;
      onEvent.callsFake(async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished = true;
      });
      const answer = await post(plain, SAMPLE_EVENTS.recordFile);
      assert.equal(answer.status, 200);
      assert.ok(finished);
    });

    it("delivers every known event type", async () => {
      for (const body of Object.values(SAMPLE_EVENTS)) {
        const answer = await post(plain, body);
        assert.equal(answer.status, 200, `${body.event_type}: ${answer.text}`);
      }
      const delivered = onEvent.getCalls().map((call) => call.args[0].event_type);
      assert.deepEqual(
        delivered,
        Object.values(SAMPLE_EVENTS).map((body) => body.event_type),
      );
    });

    it("delivers an event of an unknown type as a generic event", async () => {
      const t = SAMPLE_T;
      const body = {
        event_type: 999,
        stream_id: "room_1001",
        t,
        sign: signCallback(SAMPLE_KEY, t),
      };
      const answer = await post(plain, body);
      assert.equal(answer.status, 200);
      const [event] = onEvent.firstCall.args;
      assert.equal(isKnownCallbackEvent(event), false);
      assert.deepEqual(event, body);
    });

    it("accepts t sent as a string", async () => {
      const answer = await post(plain, { ...SAMPLE_EVENTS.snapshot, t: String(SAMPLE_T) });
      assert.equal(answer.status, 200);
    });

    it("uses a pre-parsed Express-style req.body object", async () => {
      const answer = checked(
        await request(expressJson.port, { body: JSON.stringify(SAMPLE_EVENTS.streamBegin) }),
      );
      assert.equal(answer.status, 200);
      assert.equal(onEvent.firstCall.args[0].event_type, 1);
    });

    it("parses a req.body left as a string or a Buffer (express.text / express.raw)", async () => {
      for (const server of [expressText, expressRaw]) {
        const answer = checked(
          await request(server.port, { body: JSON.stringify(SAMPLE_EVENTS.snapshot) }),
        );
        assert.equal(answer.status, 200, answer.text);
      }
      sinon.assert.calledTwice(onEvent);
    });

    it("checks the signature of a pre-parsed body too", async () => {
      const forged = { ...SAMPLE_EVENTS.streamBegin, sign: "0".repeat(32) };
      const answer = checked(await request(expressJson.port, { body: JSON.stringify(forged) }));
      assert.equal(answer.status, 401);
      sinon.assert.notCalled(onEvent);
    });

    it("reads the stream when req.body is body-parser's empty placeholder", async () => {
      const answer = checked(
        await request(placeholderBody.port, { body: JSON.stringify(SAMPLE_EVENTS.recordStatus) }),
      );
      assert.equal(answer.status, 200, answer.text);
      assert.equal(onEvent.firstCall.args[0].event_type, 332);
    });
  });

  describe("refused requests", () => {
    it("answers 401 to a tampered sign", async () => {
      const answer = await post(plain, { ...SAMPLE_EVENTS.streamBegin, sign: "f".repeat(32) });
      assert.equal(answer.status, 401);
      assert.deepEqual(Object.keys(answer.json as object).sort(), ["code", "message"]);
      assert.equal((answer.json as { code: number }).code, -1);
      sinon.assert.notCalled(onEvent);
    });

    it("answers 401 to an event signed with another key", async () => {
      const t = SAMPLE_T;
      const body = { ...SAMPLE_EVENTS.streamBegin, t, sign: signCallback("AnotherKey42", t) };
      const answer = await post(plain, body);
      assert.equal(answer.status, 401);
      sinon.assert.notCalled(onEvent);
    });

    it("answers 401 to an expired signature", async () => {
      const t = SAMPLE_T - 600;
      const body = { ...SAMPLE_EVENTS.streamBegin, t, sign: signCallback(SAMPLE_KEY, t) };
      const answer = await post(plain, body);
      assert.equal(answer.status, 401);
      assert.match((answer.json as { message: string }).message, /expired/);
      sinon.assert.notCalled(onEvent);
    });

    it("answers 401 when t or sign is missing", async () => {
      const { sign: _sign, ...unsigned } = SAMPLE_EVENTS.streamBegin;
      const answer = await post(plain, unsigned);
      assert.equal(answer.status, 401);
      assert.deepEqual(Object.keys(answer.json as object).sort(), ["code", "message"]);
      sinon.assert.notCalled(onEvent);
    });

    it("answers 400 to a body that is not JSON", async () => {
      for (const body of ["{not json", "", "event_type=1&t=1700000600"]) {
        const answer = checked(await request(plain.port, { body }));
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal((answer.json as { code: number }).code, -1);
      }
      sinon.assert.notCalled(onEvent);
    });

    it("answers 400 with the issues to a signed but malformed event", async () => {
      const body: SampleBody = { ...SAMPLE_EVENTS.recordFile, file_size: "big" };
      const answer = await post(plain, body);
      assert.equal(answer.status, 400);
      const json = answer.json as { code: number; message: string; issues: string[] };
      assert.equal(json.code, -1);
      assert.ok(
        json.issues.some((issue) => issue.startsWith("file_size: ")),
        JSON.stringify(json.issues),
      );
      sinon.assert.notCalled(onEvent);
    });

    it("answers 405 with Allow: POST to other methods, without calling onEvent", async () => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const answer = checked(await request(plain.port, { method }));
        assert.equal(answer.status, 405, method);
        assert.equal(answer.headers["allow"], "POST");
      }
      sinon.assert.notCalled(onEvent);
    });

    it("answers 413 from the declared Content-Length, before reading the body", async () => {
      const answer = checked(
        await request(plain.port, {
          headers: { "Content-Length": LIMIT + 1 },
          partial: Buffer.from("{"),
        }),
      );
      assert.equal(answer.status, 413);
      assert.equal(answer.headers["connection"], "close");
      sinon.assert.notCalled(onEvent);
    });

    it("answers 413 as soon as a chunked body passes the limit, without waiting for its end", async () => {
      const answer = checked(
        await request(plain.port, {
          headers: { "Transfer-Encoding": "chunked" },
          partial: Buffer.alloc(LIMIT + 1, 0x20),
        }),
      );
      assert.equal(answer.status, 413);
      assert.equal(answer.headers["connection"], "close");
      sinon.assert.notCalled(onEvent);
      // The server is still serving.
      assert.equal((await post(plain, SAMPLE_EVENTS.streamBegin)).status, 200);
    });

    it("accepts a body of exactly maxBodyBytes", async () => {
      const json = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, padding: "" });
      const padded = JSON.stringify({
        ...SAMPLE_EVENTS.streamBegin,
        padding: "x".repeat(LIMIT - Buffer.byteLength(json)),
      });
      assert.equal(Buffer.byteLength(padded), LIMIT);
      const answer = checked(await request(plain.port, { body: padded }));
      assert.equal(answer.status, 200, answer.text);
      const over = checked(await request(plain.port, { body: padded + " " }));
      assert.equal(over.status, 413);
    });

    it("applies the limit to a req.body string left by a framework", async () => {
      const big = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, padding: "x".repeat(LIMIT) });
      const answer = checked(await request(expressText.port, { body: big }));
      assert.equal(answer.status, 413);
    });

    it("defaults maxBodyBytes to 64 KiB", async () => {
      const json = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, padding: "" });
      const padding = "x".repeat(64 * 1024 - Buffer.byteLength(json));
      const fits = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, padding });
      const log = sinon.stub(console, "error");
      try {
        assert.equal((await request(defaults.port, { body: fits })).status, 200);
        assert.equal((await request(defaults.port, { body: fits + " " })).status, 413);
        sinon.assert.calledOnce(log);
      } finally {
        log.restore();
      }
    });
  });

  describe("onReject", () => {
    /** The one rejection reported since the last reset; it must hold neither key nor sign. */
    function reported(): CallbackRejection {
      sinon.assert.calledOnce(onReject);
      const [rejection] = onReject.firstCall.args;
      const text = JSON.stringify(rejection);
      assert.ok(!text.includes(SAMPLE_KEY), `the key leaked into: ${text}`);
      assert.ok(!/[0-9a-f]{32}/i.test(text), `a signature leaked into: ${text}`);
      return rejection;
    }

    it("reports a bad signature with its status, reason, event type and address", async () => {
      const body = {
        ...SAMPLE_EVENTS.streamBegin,
        t: SAMPLE_T,
        sign: signCallback("Rotated9", SAMPLE_T),
      };
      assert.equal((await post(plain, body)).status, 401);
      assert.deepEqual(reported(), {
        status: 401,
        reason: "sign does not match md5(CallbackKey + t)",
        eventType: CALLBACK_EVENT_TYPES.streamBegin,
        remoteAddress: "127.0.0.1",
      });
    });

    it("reports an expired signature and a missing sign", async () => {
      const t = SAMPLE_T - 600;
      await post(plain, { ...SAMPLE_EVENTS.snapshot, t, sign: signCallback(SAMPLE_KEY, t) });
      const expired = reported();
      assert.equal(expired.status, 401);
      assert.match(expired.reason, /expired/);
      assert.equal(expired.eventType, CALLBACK_EVENT_TYPES.snapshot);
      onReject.resetHistory();
      const { sign: _sign, ...unsigned } = SAMPLE_EVENTS.streamEnd;
      await post(plain, unsigned);
      assert.match(reported().reason, /not signed/);
    });

    it("reports a malformed event with its issues, and a body that is not JSON", async () => {
      await post(plain, { ...SAMPLE_EVENTS.recordFile, file_size: "big" });
      const malformed = reported();
      assert.equal(malformed.status, 400);
      assert.match(malformed.reason, /^malformed callback event: .*file_size: /);
      assert.equal(malformed.eventType, CALLBACK_EVENT_TYPES.recordFile);
      onReject.resetHistory();
      await request(plain.port, { body: "{not json" });
      assert.deepEqual(reported(), {
        status: 400,
        reason: "request body is not valid JSON",
        remoteAddress: "127.0.0.1",
      });
    });

    it("reports a wrong method and a body over the limit", async () => {
      await request(plain.port, { method: "GET" });
      assert.equal(reported().status, 405);
      onReject.resetHistory();
      await request(plain.port, {
        headers: { "Content-Length": LIMIT + 1 },
        partial: Buffer.from("{"),
      });
      assert.equal(reported().status, 413);
    });

    it("is not told about accepted events or failing onEvent calls", async () => {
      assert.equal((await post(plain, SAMPLE_EVENTS.streamBegin)).status, 200);
      onEvent.rejects(new Error("down"));
      assert.equal((await post(plain, SAMPLE_EVENTS.streamBegin)).status, 500);
      sinon.assert.notCalled(onReject);
    });

    it("defaults to one line on stderr, without the key or the sign", async () => {
      const log = sinon.stub(console, "error");
      try {
        const body = { ...SAMPLE_EVENTS.streamBegin, sign: "f".repeat(32) };
        const answer = checked(await request(defaults.port, { body: JSON.stringify(body) }));
        assert.equal(answer.status, 401);
        sinon.assert.calledOnce(log);
        assert.equal(log.firstCall.args.length, 1);
        const line = String(log.firstCall.args[0]);
        assert.equal(
          line,
          "tencentcloud-live callback: refused 401 (sign does not match md5(CallbackKey + t)) " +
            "event_type 1 from 127.0.0.1",
        );
      } finally {
        log.restore();
      }
    });

    it("still answers when onReject throws", async () => {
      const server = await listen(
        createCallbackHandler({
          callbackKey: SAMPLE_KEY,
          onEvent: () => {},
          onReject: () => {
            throw new Error("logger down");
          },
        }),
      );
      try {
        assert.equal((await request(server.port, { method: "PUT" })).status, 405);
      } finally {
        await server.close();
      }
    });
  });

  describe("failing onEvent", () => {
    it("answers 500 when onEvent rejects, and reports the error to onError", async () => {
      const failure = new Error(`database down (key ${SAMPLE_KEY} must not leak)`);
      onEvent.rejects(failure);
      const answer = await post(plain, SAMPLE_EVENTS.streamBegin);
      assert.equal(answer.status, 500);
      assert.equal((answer.json as { code: number }).code, -1);
      assert.ok(!answer.text.includes("database"));
      sinon.assert.calledOnceWithExactly(onError, failure, sinon.match.has("event"));
      const [, context] = onError.firstCall.args as [unknown, { req: unknown; event: unknown }];
      assert.ok(context.req instanceof IncomingMessage);
    });

    it("answers 500 when onEvent throws synchronously", async () => {
      onEvent.throws(new TypeError("boom"));
      const answer = await post(plain, SAMPLE_EVENTS.snapshot);
      assert.equal(answer.status, 500);
      sinon.assert.calledOnce(onError);
    });

    it("logs with console.error when no onError is given, never with the key", async () => {
      const log = sinon.stub(console, "error");
      try {
        defaultsOnEvent.rejects(new Error("queue full"));
        const answer = checked(
          await request(defaults.port, { body: JSON.stringify(SAMPLE_EVENTS.streamEnd) }),
        );
        assert.equal(answer.status, 500);
        sinon.assert.calledOnce(log);
        const logged = log.firstCall.args.map((arg) => String(arg)).join(" ");
        assert.ok(!logged.includes(SAMPLE_KEY));
        assert.match(logged, /queue full/);
      } finally {
        log.restore();
      }
    });

    it("survives an onError that throws", async () => {
      const server = await listen(
        createCallbackHandler({
          callbackKey: SAMPLE_KEY,
          now: () => NOW_MS,
          onEvent: () => {
            throw new Error("first");
          },
          onError: () => {
            throw new Error("second");
          },
        }),
      );
      try {
        const answer = await post(server, SAMPLE_EVENTS.streamBegin);
        assert.equal(answer.status, 500);
      } finally {
        await server.close();
      }
    });
  });

  describe("robustness", () => {
    it("gives up quietly on a client that disconnects mid-body, and keeps serving", async () => {
      await abortMidBody(plain.port, '{"event_type":1,', 500);
      await new Promise((resolve) => setTimeout(resolve, 20));
      sinon.assert.notCalled(onEvent);
      assert.equal((await post(plain, SAMPLE_EVENTS.streamBegin)).status, 200);
    });

    it("refuses invalid options when it is created", () => {
      const onEventNoop = (): void => {};
      assert.throws(() => createCallbackHandler({ callbackKey: "", onEvent: onEventNoop }), {
        name: "TypeError",
        message: /callbackKey/,
      });
      assert.throws(
        () =>
          createCallbackHandler({
            callbackKey: SAMPLE_KEY,
            onEvent: undefined as unknown as () => void,
          }),
        { name: "TypeError", message: /onEvent/ },
      );
      for (const maxBodyBytes of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
        assert.throws(
          () =>
            createCallbackHandler({ callbackKey: SAMPLE_KEY, onEvent: onEventNoop, maxBodyBytes }),
          { name: "TypeError", message: /maxBodyBytes/ },
        );
      }
      assert.throws(
        () =>
          createCallbackHandler({
            callbackKey: SAMPLE_KEY,
            onEvent: onEventNoop,
            onReject: "log" as unknown as () => void,
          }),
        { name: "TypeError", message: /onReject/ },
      );
    });

    it("does not answer twice when a framework already answered", async () => {
      const handler = createCallbackHandler({
        callbackKey: SAMPLE_KEY,
        now: () => NOW_MS,
        onEvent: () => {},
      });
      const server = await listen((req, res) => {
        res.writeHead(204).end();
        handler(req, res);
      });
      try {
        const answer = await request(server.port, {
          body: JSON.stringify(SAMPLE_EVENTS.streamBegin),
        });
        assert.equal(answer.status, 204);
      } finally {
        await server.close();
      }
    });
  });
});
