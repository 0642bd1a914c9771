// The framework-free receiver's answers in detail, without a runtime: the exact body and headers
// of every status, what onReject and onError are told, and the option rules at creation.
import assert from "node:assert/strict";
import sinon from "sinon";
import {
  CallbackBodyTooLargeError,
  createCallbackReceiver,
  signCallback,
  verifyCallbackEvent,
  type CallbackBodySource,
  type CallbackDedupeStore,
  type CallbackRejection,
} from "../../src/callbacks";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T } from "./fixtures";

const NOW_MS = (SAMPLE_T - 300) * 1000;
const signed = (body: object) =>
  JSON.stringify({ ...body, t: SAMPLE_T, sign: signCallback(SAMPLE_KEY, SAMPLE_T) });
const EVENT = signed(SAMPLE_EVENTS.recordStatus);
const JSON_TYPE = "application/json; charset=utf-8";

function receiver(extra: Record<string, unknown> = {}) {
  const rejections: CallbackRejection[] = [];
  const errors: unknown[] = [];
  const instance = createCallbackReceiver({
    callbackKey: SAMPLE_KEY,
    now: () => NOW_MS,
    onEvent: () => undefined,
    onReject: (rejection) => void rejections.push(rejection),
    onError: (error) => void errors.push(error),
    ...extra,
  });
  return { instance, rejections, errors };
}

const post = (body: unknown) => ({ method: "POST", body: body as string, context: {} });

describe("callbacks/receive: the receiver's answers", () => {
  it("answers 405 with Allow: POST and says why", async () => {
    const { instance, rejections } = receiver();
    const answer = await instance.receive({ method: "GET", body: EVENT, context: {} });
    assert.equal(answer.status, 405);
    assert.deepEqual(answer.headers, { "Content-Type": JSON_TYPE, Allow: "POST" });
    assert.deepEqual(JSON.parse(answer.body), { code: -1, message: "only POST is accepted" });
    assert.equal(rejections[0].reason, "only POST is accepted");
  });

  it("closes the connection on 413 and 408 only", async () => {
    const { instance } = receiver({ maxBodyBytes: 10, bodyTimeoutMs: 50 });
    const large = await instance.receive(post(EVENT));
    assert.equal(large.status, 413);
    assert.deepEqual(large.headers, { "Content-Type": JSON_TYPE, Connection: "close" });
    const tooLarge: CallbackBodySource = {
      read: (limit) => Promise.reject(new CallbackBodyTooLargeError(limit)),
    };
    const refused = await instance.receive(post(tooLarge));
    assert.equal(refused.status, 413);
    assert.deepEqual(JSON.parse(refused.body), {
      code: -1,
      message: "request body exceeds 10 bytes",
    });
    let signal: AbortSignal | undefined;
    const slow: CallbackBodySource = {
      read: (_limit, abort) => {
        signal = abort;
        return new Promise(() => undefined);
      },
    };
    const late = await instance.receive(post(slow));
    assert.equal(late.status, 408);
    assert.deepEqual(late.headers, { "Content-Type": JSON_TYPE, Connection: "close" });
    assert.deepEqual(JSON.parse(late.body), {
      code: -1,
      message: "request body not received within 50 ms",
    });
    assert.equal(signal?.aborted, true, "the source is told to stop reading");
    for (const status of [400, 401]) {
      const { instance: plain } = receiver();
      const answer = await plain.receive(
        post(status === 400 ? "{" : signed({ event_type: 1 }).replace(/"sign":"./, '"sign":"x')),
      );
      assert.equal(answer.status, status);
      assert.deepEqual(answer.headers, { "Content-Type": JSON_TYPE });
    }
  });

  it("names the too-large error, and stops the deadline once the body is read", async () => {
    const error = new CallbackBodyTooLargeError(12);
    assert.equal(error.name, "CallbackBodyTooLargeError");
    assert.equal(error.message, "request body exceeds 12 bytes");
    assert.equal(error.limit, 12);
    const clock = sinon.useFakeTimers({ now: NOW_MS, toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { instance } = receiver();
      const answer = await instance.receive(post({ read: () => Promise.resolve(EVENT) }));
      assert.equal(answer.status, 200);
      assert.equal(clock.countTimers(), 0, "no deadline timer left behind");
    } finally {
      clock.restore();
    }
  });

  it("answers 400 without onReject when the body could not be read", async () => {
    const { instance, rejections } = receiver();
    const answer = await instance.receive(post({ read: () => Promise.reject(new Error("reset")) }));
    assert.equal(answer.status, 400);
    assert.deepEqual(JSON.parse(answer.body), {
      code: -1,
      message: "request body could not be read",
    });
    assert.deepEqual(answer.outcome, { kind: "aborted" });
    assert.deepEqual(rejections, []);
  });

  it("joins a malformed event's issues with '; ' for onReject, and reports its event type", async () => {
    const { instance, rejections } = receiver();
    const answer = await instance.receive(post(signed({ event_type: 100 })));
    assert.equal(answer.status, 400);
    const body = JSON.parse(answer.body) as { issues: string[] };
    assert.ok(body.issues.length >= 2, JSON.stringify(body.issues));
    assert.equal(rejections[0].reason, `malformed callback event: ${body.issues.join("; ")}`);
    assert.equal(rejections[0].eventType, 100);
    // No event type in the body: none is reported.
    await instance.receive(post(JSON.stringify({ t: SAMPLE_T, sign: "x" })));
    assert.equal(rejections[1].eventType, undefined);
    const verified = verifyCallbackEvent(JSON.stringify({ t: SAMPLE_T, sign: "x" }), {
      callbackKey: SAMPLE_KEY,
      now: () => NOW_MS,
    });
    assert.ok(!verified.ok && !("eventType" in verified), "no eventType key at all");
  });

  it("answers 409 with Retry-After while another delivery holds the claim", async () => {
    const dedupe: CallbackDedupeStore = { claim: () => Promise.resolve({ status: "in-progress" }) };
    const { instance } = receiver({ dedupe });
    const answer = await instance.receive(post(EVENT));
    assert.equal(answer.status, 409);
    assert.deepEqual(answer.headers, { "Content-Type": JSON_TYPE, "Retry-After": "60" });
    assert.deepEqual(JSON.parse(answer.body), {
      code: -1,
      message: "this event is being handled by another delivery",
    });
  });

  it("tells onError when the store fails to release or complete a claim", async () => {
    for (const failing of ["release", "complete"] as const) {
      const storeError = new Error(`${failing} failed`);
      const dedupe: CallbackDedupeStore = {
        claim: () =>
          Promise.resolve({
            status: "claimed",
            complete: () =>
              failing === "complete" ? Promise.reject(storeError) : Promise.resolve(),
            release: () => (failing === "release" ? Promise.reject(storeError) : Promise.resolve()),
          }),
      };
      const handlerError = new Error("handler failed");
      const { instance, errors } = receiver({
        dedupe,
        onEvent: () => {
          if (failing === "release") throw handlerError;
        },
      });
      const answer = await instance.receive(post(EVENT));
      assert.equal(answer.status, failing === "release" ? 500 : 200);
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(errors.includes(storeError), `${failing}: ${String(errors)}`);
    }
  });

  it("logs a failed onEvent to console.error with what was answered, by default", async () => {
    const stub = sinon.stub(console, "error");
    try {
      const instance = createCallbackReceiver({
        callbackKey: SAMPLE_KEY,
        now: () => NOW_MS,
        onEvent: () => {
          throw new Error("boom");
        },
        onReject: () => undefined,
      });
      assert.equal((await instance.receive(post(EVENT))).status, 500);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(
        stub.firstCall?.args[0],
        "tencentcloud-live callback: onEvent failed; answered 500",
      );
    } finally {
      stub.restore();
    }
  });

  it("reports its own failure to onReject as Name: message, at most 200 characters", async () => {
    const { instance, rejections } = receiver();
    const broken = await instance.receive({
      get method(): string {
        throw new RangeError("y".repeat(300));
      },
    } as never);
    assert.equal(broken.status, 500);
    assert.deepEqual(JSON.parse(broken.body), { code: -1, message: "internal error" });
    assert.equal(
      rejections[0].reason,
      `receiver failed: ${`RangeError: ${"y".repeat(300)}`.slice(0, 200)}`,
    );
  });
});

describe("callbacks/receive: options at creation", () => {
  const base = { callbackKey: SAMPLE_KEY, onEvent: () => undefined };

  it("refuses options that are not an object, naming the function", () => {
    for (const bad of [null, undefined, "key"]) {
      assert.throws(() => createCallbackReceiver(bad as never), {
        name: "TypeError",
        message: "createCallbackReceiver: options must be an object",
      });
    }
  });

  it("refuses a bodyTimeoutMs of 2^31 ms or more, and takes 2^31 - 1", () => {
    assert.doesNotThrow(() => createCallbackReceiver({ ...base, bodyTimeoutMs: 2 ** 31 - 1 }));
    assert.throws(() => createCallbackReceiver({ ...base, bodyTimeoutMs: 2 ** 31 }), {
      name: "TypeError",
      message:
        "createCallbackReceiver: bodyTimeoutMs must be a positive integer number of milliseconds up to 2147483647; got 2147483648",
    });
  });

  it("refuses a dedupe that is not a store with a claim method", () => {
    const callable = Object.assign(() => undefined, { claim: () => Promise.resolve({}) });
    for (const bad of [null, "redis", {}, { claim: "no" }, () => undefined, callable]) {
      assert.throws(() => createCallbackReceiver({ ...base, dedupe: bad as never }), {
        name: "TypeError",
        message: "createCallbackReceiver: dedupe must be a store with a claim method",
      });
    }
  });

  it("verifyCallbackEvent refuses options that are not an object, naming the function", () => {
    for (const bad of [null, undefined, "key"]) {
      assert.throws(() => verifyCallbackEvent(EVENT, bad as never), {
        name: "TypeError",
        message: "verifyCallbackEvent: options must be an object",
      });
    }
  });

  it("verifyCallbackEvent refuses a maxBodyBytes that is not a positive integer, and takes 1", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => verifyCallbackEvent(EVENT, { callbackKey: SAMPLE_KEY, maxBodyBytes: bad }),
        {
          name: "TypeError",
          message: "verifyCallbackEvent: maxBodyBytes must be a positive integer",
        },
      );
    }
    const one = verifyCallbackEvent(EVENT, { callbackKey: SAMPLE_KEY, maxBodyBytes: 1 });
    assert.equal(!one.ok && one.status, 413);
  });

  it("refuses deep bodies however their leaves are typed", () => {
    let deep: unknown = [1, "s", null, true];
    for (let level = 0; level < 64; level += 1) deep = [deep, null, 0];
    const answer = verifyCallbackEvent(JSON.stringify(deep), { callbackKey: SAMPLE_KEY });
    assert.equal(!answer.ok && answer.status, 400);
    let shallow: unknown = [null, 1];
    for (let level = 0; level < 63; level += 1) shallow = [shallow, null, "x"];
    const fine = verifyCallbackEvent(JSON.stringify(shallow), { callbackKey: SAMPLE_KEY });
    assert.equal(!fine.ok && fine.status, 401);
  });
});
