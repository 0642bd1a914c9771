// The same table of cases on every receiver adapter (Node, Fetch, SCF): each must give the same
// answers, call onEvent with the same event, keyIndex and eventKey, and stop reading an
// oversized body at the limit.
import assert from "node:assert/strict";
import sinon from "sinon";
import {
  callbackEventKey,
  createMemoryDedupeStore,
  signCallback,
  type CallbackEvent,
  type CallbackReceiverOptions,
  type CallbackRejection,
} from "../../src/callbacks";
import { ADAPTERS, CHUNK, type Driver } from "./adapterDrivers";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T, type SampleBody } from "./fixtures";

const NOW_MS = (SAMPLE_T - 300) * 1000;
const LIMIT = 4096;
const OTHER_KEY = "OtherKey77";

/** `body` signed with `key` for expiry `t`. */
function signed(body: SampleBody, key = SAMPLE_KEY, t = SAMPLE_T): string {
  return JSON.stringify({ ...body, t, sign: signCallback(key, t) });
}

for (const adapter of ADAPTERS) {
  describe(`callbacks/adapters: ${adapter.name}`, () => {
    const drivers: Driver[] = [];
    let onEvent: sinon.SinonStub;
    let onError: sinon.SinonSpy;
    let rejections: CallbackRejection[];

    async function make(extra: Partial<CallbackReceiverOptions<object>> = {}): Promise<Driver> {
      const driver = await adapter.make({
        callbackKey: SAMPLE_KEY,
        onEvent,
        onError,
        onReject: (r) => rejections.push(r),
        maxBodyBytes: LIMIT,
        now: () => NOW_MS,
        ...extra,
      });
      drivers.push(driver);
      return driver;
    }

    beforeEach(() => {
      onEvent = sinon.stub().resolves();
      onError = sinon.spy();
      rejections = [];
    });
    afterEach(async () => {
      await Promise.all(drivers.splice(0).map((d) => d.close()));
    });

    for (const [name, body] of Object.entries(SAMPLE_EVENTS)) {
      it(`accepts a valid ${name} (${body.event_type}) event`, async () => {
        const driver = await make();
        const answer = await driver.send({ body: JSON.stringify(body) });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.json, { code: 0 });
        assert.match(answer.headers["content-type"], /^application\/json/);
        sinon.assert.calledOnce(onEvent);
        const [event, context] = onEvent.firstCall.args as [CallbackEvent, Record<string, unknown>];
        assert.equal(event.event_type, body.event_type);
        assert.equal(context.keyIndex, 0);
        assert.equal(context.eventKey, callbackEventKey(body));
        adapter.checkContext(context);
        assert.deepEqual(rejections, []);
      });
    }

    it("refuses a bad signature with 401, reported without the key", async () => {
      const driver = await make();
      const answer = await driver.send({ body: signed(SAMPLE_EVENTS.streamBegin, OTHER_KEY) });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, {
        code: -1,
        message: "sign does not match md5(CallbackKey + t)",
      });
      sinon.assert.notCalled(onEvent);
      assert.equal(rejections.length, 1);
      assert.equal(rejections[0].status, 401);
      assert.equal(rejections[0].eventType, 1);
      assert.ok(!JSON.stringify(rejections).includes(SAMPLE_KEY));
    });

    it("refuses an expired t with 401", async () => {
      const driver = await make();
      const t = SAMPLE_T - 600;
      const answer = await driver.send({ body: signed(SAMPLE_EVENTS.streamEnd, SAMPLE_KEY, t) });
      assert.equal(answer.status, 401);
      assert.match((answer.json as { message: string }).message, /signature expired at t=/);
      sinon.assert.notCalled(onEvent);
    });

    it("refuses a t further ahead than maxSignatureLifetimeSeconds (default one hour)", async () => {
      const nowSeconds = NOW_MS / 1000;
      const farT = nowSeconds + 3601;
      const driver = await make();
      const far = await driver.send({ body: signed(SAMPLE_EVENTS.streamBegin, SAMPLE_KEY, farT) });
      assert.equal(far.status, 401);
      assert.match((far.json as { message: string }).message, /more than 3600 s ahead of now/);
      assert.equal(rejections[0].status, 401);
      sinon.assert.notCalled(onEvent);
      const longer = await make({ maxSignatureLifetimeSeconds: 7200 });
      const ok = await longer.send({ body: signed(SAMPLE_EVENTS.streamBegin, SAMPLE_KEY, farT) });
      assert.equal(ok.status, 200);
    });

    it("refuses a body that is not JSON, and a malformed signed event, with 400", async () => {
      const driver = await make();
      const notJson = await driver.send({ body: '{"event_type":1,' });
      assert.equal(notJson.status, 400);
      assert.deepEqual(notJson.json, { code: -1, message: "request body is not valid JSON" });
      const malformed = await driver.send({
        body: signed({ ...SAMPLE_EVENTS.recordFile, file_size: "big" }),
      });
      assert.equal(malformed.status, 400);
      const { issues } = malformed.json as { issues: string[] };
      assert.ok(
        issues.some((issue) => issue.startsWith("file_size:")),
        issues.join("\n"),
      );
      sinon.assert.notCalled(onEvent);
      assert.deepEqual(
        rejections.map((r) => r.status),
        [400, 400],
      );
    });

    it("refuses a deeply nested signed body with 400, reported to onReject", async () => {
      const driver = await make();
      const depth = 1500;
      const body = signed({
        event_type: 999,
        x: JSON.parse("[".repeat(depth) + "]".repeat(depth)),
      });
      const answer = await driver.send({ body });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.json, {
        code: -1,
        message: "request body nests deeper than 64 levels",
      });
      sinon.assert.notCalled(onEvent);
      assert.deepEqual(
        rejections.map((r) => [r.status, r.eventType]),
        [[400, 999]],
      );
    });

    it("refuses a wrong method with 405 and Allow: POST", async () => {
      const driver = await make();
      const answer = await driver.send({ method: "GET" });
      assert.equal(answer.status, 405);
      assert.equal(answer.headers.allow, "POST");
      sinon.assert.notCalled(onEvent);
      assert.equal(rejections[0].status, 405);
    });

    it("refuses an oversized body with 413, reading no more than the limit", async () => {
      const driver = await make();
      // 64 MiB offered; a reader that buffered it all would pull all of it.
      const offered = 64 * 1024 * 1024;
      const answer = await driver.send({ streamBytes: offered });
      assert.equal(answer.status, 413);
      assert.deepEqual(answer.json, { code: -1, message: `request body exceeds ${LIMIT} bytes` });
      sinon.assert.notCalled(onEvent);
      assert.equal(rejections[0].status, 413);
      if (adapter.name.startsWith("fetch")) {
        // Pulled on demand: the limit plus the chunk that crossed it, plus one read ahead at most.
        assert.ok(driver.pulled() <= LIMIT + 2 * CHUNK, `pulled ${driver.pulled()} bytes`);
      } else if (adapter.streams) {
        // Over TCP the kernel's buffers absorb some megabytes the server never reads; what
        // matters is that the client was stopped long before the end of the body.
        assert.ok(driver.pulled() < offered / 4, `the client wrote ${driver.pulled()} bytes`);
      }
    });

    it("answers 408 to a body that never finishes, within bodyTimeoutMs", async function () {
      if (!adapter.streams) this.skip(); // SCF hands the body over whole: nothing to wait for.
      const driver = await make({ bodyTimeoutMs: 150 });
      const answer = await driver.send({ stall: true });
      assert.equal(answer.status, 408);
      assert.deepEqual(answer.json, {
        code: -1,
        message: "request body not received within 150 ms",
      });
      if (adapter.name.startsWith("node")) assert.equal(answer.headers.connection, "close");
      assert.deepEqual(
        rejections.map((r) => r.status),
        [408],
      );
      sinon.assert.notCalled(onEvent);
    });

    it("refuses a bodyTimeoutMs that is not a positive integer of milliseconds", async () => {
      for (const bad of [0, -5, 1.5, Number.NaN, 2 ** 31, "100"]) {
        await assert.rejects(async () => make({ bodyTimeoutMs: bad as number }), {
          name: "TypeError",
          message: /bodyTimeoutMs must be a positive integer number of milliseconds/,
        });
      }
    });

    it("answers 500 when onEvent fails, and tells onError", async () => {
      onEvent.rejects(new Error("database down"));
      const driver = await make();
      const answer = await driver.send({ body: JSON.stringify(SAMPLE_EVENTS.streamBegin) });
      assert.equal(answer.status, 500);
      assert.deepEqual(answer.json, { code: -1, message: "event handler failed" });
      sinon.assert.calledOnce(onError);
      const [error, context] = onError.firstCall.args as [Error, { event: CallbackEvent }];
      assert.equal(error.message, "database down");
      assert.equal(context.event.event_type, 1);
      assert.deepEqual(rejections, []);
    });

    it("survives onReject and onError that throw or reject, answering as usual", async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown): void => void unhandled.push(reason);
      process.on("unhandledRejection", record);
      try {
        let rejectCalls = 0;
        let errorCalls = 0;
        for (const mode of ["async", "sync"] as const) {
          const fail = (what: string) => {
            if (mode === "sync") throw new Error(`${what} down`);
            return Promise.reject(new Error(`${what} down`));
          };
          onEvent.rejects(new Error("database down"));
          const driver = await make({
            onReject: () => {
              rejectCalls += 1;
              return fail("metrics");
            },
            onError: () => {
              errorCalls += 1;
              return fail("alerting");
            },
          });
          const refused = await driver.send({ body: "{}" });
          assert.equal(refused.status, 401, mode);
          const failed = await driver.send({ body: JSON.stringify(SAMPLE_EVENTS.streamBegin) });
          assert.equal(failed.status, 500, mode);
        }
        assert.deepEqual([rejectCalls, errorCalls], [2, 2]);
        // Rejections are reported after the microtasks that follow them: give them a turn.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(unhandled, []);
      } finally {
        process.off("unhandledRejection", record);
      }
    });

    it("accepts an event signed with the second key, with keyIndex 1", async () => {
      const driver = await make({ callbackKey: [OTHER_KEY, SAMPLE_KEY] });
      const answer = await driver.send({ body: JSON.stringify(SAMPLE_EVENTS.recordFile) });
      assert.equal(answer.status, 200);
      assert.equal((onEvent.firstCall.args[1] as { keyIndex: number }).keyIndex, 1);
      const first = await driver.send({ body: signed(SAMPLE_EVENTS.recordFile, OTHER_KEY) });
      assert.equal(first.status, 200);
      assert.equal((onEvent.secondCall.args[1] as { keyIndex: number }).keyIndex, 0);
    });

    it("refuses a key whose notAfter has passed, and accepts it up to that millisecond", async () => {
      const retired = await make({
        callbackKey: [OTHER_KEY, { key: SAMPLE_KEY, notAfter: new Date(NOW_MS - 1) }],
      });
      const refused = await retired.send({ body: JSON.stringify(SAMPLE_EVENTS.streamBegin) });
      assert.equal(refused.status, 401);
      assert.match(
        (refused.json as { message: string }).message,
        /^sign matches callback key entry 1, which stopped being accepted at /,
      );
      const lastMoment = await make({
        callbackKey: [OTHER_KEY, { key: SAMPLE_KEY, notAfter: new Date(NOW_MS).toISOString() }],
      });
      assert.equal(
        (await lastMoment.send({ body: JSON.stringify(SAMPLE_EVENTS.streamBegin) })).status,
        200,
      );
      sinon.assert.calledOnce(onEvent);
    });

    it("answers a duplicate 200 without calling onEvent again (re-signed retry)", async () => {
      const driver = await make({ dedupe: createMemoryDedupeStore() });
      const first = await driver.send({ body: signed(SAMPLE_EVENTS.streamEnd) });
      const retry = await driver.send({
        body: signed(SAMPLE_EVENTS.streamEnd, SAMPLE_KEY, SAMPLE_T + 60),
      });
      assert.deepEqual([first.status, retry.status], [200, 200]);
      assert.deepEqual(retry.json, { code: 0 });
      sinon.assert.calledOnce(onEvent);
      // Another event of the same stream is not a duplicate.
      await driver.send({ body: signed(SAMPLE_EVENTS.streamBegin) });
      sinon.assert.calledTwice(onEvent);
    });

    it("processes the retry of an event whose onEvent failed, and 409s one in progress", async () => {
      const driver = await make({ dedupe: createMemoryDedupeStore() });
      onEvent.onFirstCall().rejects(new Error("first attempt fails"));
      const failed = await driver.send({ body: signed(SAMPLE_EVENTS.recordStatus) });
      assert.equal(failed.status, 500);

      let finish!: () => void;
      onEvent.onSecondCall().returns(new Promise<void>((resolve) => (finish = resolve)));
      const retry = driver.send({ body: signed(SAMPLE_EVENTS.recordStatus) });
      while (onEvent.callCount < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const concurrent = await driver.send({ body: signed(SAMPLE_EVENTS.recordStatus) });
      assert.equal(concurrent.status, 409);
      assert.equal(concurrent.headers["retry-after"], "60");
      finish();
      assert.equal((await retry).status, 200);
      assert.equal((await driver.send({ body: signed(SAMPLE_EVENTS.recordStatus) })).status, 200);
      sinon.assert.calledTwice(onEvent);
    });
  });
}
