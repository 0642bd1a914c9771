// SCF event functions: API Gateway events (plain and base64, mixed-case headers) and function URL
// events (lower-case headers, x-scf-remote-addr, no isBase64Encoded), shaped as docs 583/31927 and
// 583/96099 show them; the response checked field by field (doc 583/40714 refuses other shapes).
import assert from "node:assert/strict";
import {
  createScfCallbackHandler,
  formatRejection,
  type CallbackRejection,
} from "../../src/callbacks";
import { apiGatewayEvent, functionUrlEvent } from "./adapterDrivers";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T } from "./fixtures";

const NOW_MS = (SAMPLE_T - 300) * 1000;
const BODY = JSON.stringify(SAMPLE_EVENTS.streamBegin);

describe("callbacks/scf", () => {
  const received: number[] = [];
  const rejections: CallbackRejection[] = [];
  const handle = createScfCallbackHandler({
    callbackKey: SAMPLE_KEY,
    now: () => NOW_MS,
    maxBodyBytes: 4096,
    onEvent: (event) => {
      received.push(event.event_type);
    },
    onReject: (r) => rejections.push(r),
  });
  beforeEach(() => {
    received.length = 0;
    rejections.length = 0;
  });

  it("answers an API Gateway event with exactly isBase64Encoded, statusCode, headers, body", async () => {
    const response = await handle(apiGatewayEvent("POST", BODY), {});
    assert.deepEqual(response, {
      isBase64Encoded: false,
      statusCode: 200,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: '{"code":0}',
    });
    assert.deepEqual(received, [1]);
  });

  it("decodes a base64 body when isBase64Encoded is true", async () => {
    const response = await handle(apiGatewayEvent("POST", BODY, true), {});
    assert.equal(response.statusCode, 200);
    assert.deepEqual(received, [1]);
    // The same text not marked as base64 is not JSON.
    const event = apiGatewayEvent("POST", BODY, true);
    event.isBase64Encoded = false;
    assert.equal((await handle(event, {})).statusCode, 400);
  });

  it("answers a function URL event without isBase64Encoded, reporting x-scf-remote-addr", async () => {
    const ok = await handle(functionUrlEvent("POST", BODY), {});
    assert.deepEqual(Object.keys(ok).sort(), ["body", "headers", "statusCode"]);
    assert.deepEqual(ok, {
      statusCode: 200,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: '{"code":0}',
    });
    const refused = await handle(
      functionUrlEvent("POST", BODY.replace(/"sign":"\w+"/, '"sign":"0"')),
      {},
    );
    assert.equal(refused.statusCode, 401);
    assert.deepEqual(rejections, [
      {
        status: 401,
        reason: "sign does not match md5(CallbackKey + t)",
        eventType: 1,
        remoteAddress: "203.0.113.10",
      },
    ]);
  });

  it("reads headers in any letter case and takes the gateway's sourceIp as the address", async () => {
    const event = apiGatewayEvent("POST", "not json");
    event.headers = { "X-SCF-REMOTE-ADDR": "198.51.100.1", "content-type": "application/json" };
    assert.equal((await handle(event, {})).statusCode, 400);
    assert.equal(rejections[0].remoteAddress, "203.0.113.9");
    delete event.requestContext;
    assert.equal((await handle(event, {})).statusCode, 400);
    assert.equal(rejections[1].remoteAddress, "198.51.100.1");
  });

  it("answers 405 with Allow to another method, and to an invocation that is not HTTP", async () => {
    const get = await handle(apiGatewayEvent("GET", ""), {});
    assert.equal(get.statusCode, 405);
    assert.equal(get.headers.Allow, "POST");
    const test = await handle({ key1: "test value 1" } as never, {});
    assert.equal(test.statusCode, 405);
    assert.deepEqual(received, []);
  });

  it("answers 413 to a body over the limit, plain or base64, without a Connection header", async () => {
    const big = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, pad: "x".repeat(5000) });
    for (const base64 of [false, true]) {
      const response = await handle(apiGatewayEvent("POST", big, base64), {});
      assert.equal(response.statusCode, 413);
      assert.deepEqual(Object.keys(response.headers), ["Content-Type"]);
    }
    assert.deepEqual(received, []);
  });

  it("strips every control character a client sent from the address and the log line", async () => {
    const event = functionUrlEvent("POST", "{}");
    const headers = event.headers as Record<string, string>;
    headers["x-scf-remote-addr"] =
      "\x1b[2J\x1b]0;pwned\x07203.0.113.9\u202e\r\nfake line" + "x".repeat(500);
    const response = await handle(event, {});
    assert.equal(response.statusCode, 401);
    const [rejection] = rejections;
    assert.ok(rejection.remoteAddress);
    assert.ok(!/[\p{Cc}\u202e]/u.test(rejection.remoteAddress), rejection.remoteAddress);
    assert.ok(rejection.remoteAddress.length <= 100);
    assert.match(rejection.remoteAddress, /^\[2J ]0;pwned 203\.0\.113\.9 fake linex+$/);
    const line = formatRejection({
      ...rejection,
      reason: "bad\x1b[31m\x9b\x7f\u2028reason",
      remoteAddress: "\x07\x1b[1A",
    });
    assert.ok(!/[\p{Cc}\u2028]/u.test(line), JSON.stringify(line));
    assert.match(
      line,
      /^tencentcloud-live callback: refused 401 \(bad \[31m reason\) from {2}\[1A$/,
    );
  });
});
