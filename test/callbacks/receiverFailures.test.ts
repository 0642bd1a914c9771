// Nothing inside the receiver fails silently: a body too deep to walk is a reported 400 (it used
// to overflow the stack while hashing, a 500 nobody heard of), and a failure the receiver did not
// foresee is a 500 reported to onReject.
import assert from "node:assert/strict";
import {
  createCallbackReceiver,
  signCallback,
  verifyCallbackEvent,
  type CallbackRejection,
} from "../../src/callbacks";

const KEY = "DepthKey1";
const NOW_MS = 1_700_000_000_000;
const T = NOW_MS / 1000 + 600;

function nested(depth: number): string {
  return `{"event_type":999,"t":${T},"sign":"${signCallback(KEY, T)}","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

/** A receiver whose refusals are collected, as an app's onReject would log them. */
function listenedReceiver() {
  const rejections: CallbackRejection[] = [];
  const receiver = createCallbackReceiver({
    callbackKey: KEY,
    now: () => NOW_MS,
    onEvent: () => undefined,
    onReject: (rejection) => void rejections.push(rejection),
  });
  return { receiver, rejections };
}

describe("callbacks/receive: failures reach a listener", () => {
  it("refuses a body nested 100 000 levels deep with 400 instead of overflowing", () => {
    const result = verifyCallbackEvent(nested(100_000), {
      callbackKey: KEY,
      now: () => NOW_MS,
      maxBodyBytes: 1024 * 1024,
    });
    assert.deepEqual(result, {
      ok: false,
      status: 400,
      reason: "request body nests deeper than 64 levels",
      eventType: 999,
    });
  });

  it("accepts 63 levels inside the body (64 with the body itself)", () => {
    const result = verifyCallbackEvent(nested(63), { callbackKey: KEY, now: () => NOW_MS });
    assert.equal(result.ok, true);
    const over = verifyCallbackEvent(nested(64), { callbackKey: KEY, now: () => NOW_MS });
    assert.equal(over.ok || over.status, 400);
  });

  it("answers 500 and tells onReject when a body source fails in an unforeseen way", async () => {
    const { receiver, rejections } = listenedReceiver();
    // A method that is not a string: only a buggy adapter would pass one.
    const answer = await receiver.receive({
      method: 42 as unknown as string,
      body: "{}",
      remoteAddress: "203.0.113.5",
      context: {},
    });
    assert.equal(answer.status, 500);
    assert.deepEqual(JSON.parse(answer.body), { code: -1, message: "internal error" });
    assert.equal(answer.outcome.kind, "refused");
    assert.equal(rejections.length, 1);
    assert.equal(rejections[0].status, 500);
    assert.match(rejections[0].reason, /^receiver failed: TypeError: /);
    assert.equal(rejections[0].remoteAddress, "203.0.113.5");
  });

  it("still answers 500 and reports when even the delivery's address cannot be read", async () => {
    const { receiver, rejections } = listenedReceiver();
    // A buggy adapter's delivery whose address getter throws, in the receiver and in its report.
    const delivery = {
      method: "POST",
      body: "{}",
      context: {},
      get remoteAddress(): string {
        throw new Error("socket gone");
      },
    };
    const answer = await receiver.receive(delivery);
    assert.equal(answer.status, 500);
    assert.equal(answer.outcome.kind, "refused");
    assert.equal(rejections.length, 1);
    assert.equal(rejections[0].reason, "receiver failed: Error: socket gone");
    assert.equal(rejections[0].remoteAddress, undefined);
  });
});
