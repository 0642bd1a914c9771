import assert from "node:assert/strict";

import sinon from "sinon";

import {
  classify,
  fromSdkError,
  LiveApiError,
  redact,
  type LiveErrorKind,
} from "../../src/api/errors";
import { createRateLimiter } from "../../src/api/rateLimiter";
import { sharedRead, type SharedRead } from "../../src/api/readCache";
import { backoffDelay, DEFAULT_BACKOFF, isAmbiguous, isRetryable } from "../../src/api/retry";
import { explain } from "../../src/provider/errors";
import { apiError } from "./stubClient";

/** A promise with its resolve and reject exposed. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
const tick = () => new Promise<void>((r) => setImmediate(r));

describe("api/readCache sharedRead", () => {
  it("shares one fetch between concurrent gets", async () => {
    const d = deferred<string[]>();
    const fetch = sinon.stub<[], Promise<string[]>>().returns(d.promise);
    const cache = sharedRead(fetch, 5000, () => 0);
    const a = cache.get();
    const b = cache.get();
    d.resolve(["x"]);
    assert.deepEqual(await Promise.all([a, b]), [["x"], ["x"]]);
    sinon.assert.calledOnce(fetch);
  });

  it("reuses a settled listing within the freshness window, refetches after it", async () => {
    let t = 1000;
    const fetch = sinon.stub<[], Promise<number>>();
    fetch.onFirstCall().resolves(1).onSecondCall().resolves(2);
    const cache = sharedRead(fetch, 5000, () => t);
    assert.equal(await cache.get(), 1);
    t = 6000; // exactly 5000 ms after the fetch started
    assert.equal(await cache.get(), 1);
    sinon.assert.calledOnce(fetch);
    t = 6001;
    assert.equal(await cache.get(), 2);
    sinon.assert.calledTwice(fetch);
  });

  it("after invalidate, waits for the fetch in flight and shares the next one", async () => {
    const old = deferred<string>();
    const fetch = sinon.stub<[], Promise<string>>();
    fetch.onFirstCall().returns(old.promise).onSecondCall().resolves("after write");
    const cache = sharedRead(fetch, 60_000, () => 0);
    const before = cache.get();
    const generation = cache.invalidate();
    assert.equal(generation, 1);
    const afterA = cache.get();
    const afterB = cache.get();
    // The listing in flight started before the write: nobody after the write may use it, and
    // the next listing is started once, when it ends.
    sinon.assert.calledOnce(fetch);
    old.resolve("before write");
    assert.equal(await before, "before write");
    assert.deepEqual(await Promise.all([afterA, afterB]), ["after write", "after write"]);
    sinon.assert.calledTwice(fetch);
    assert.equal(await cache.get(), "after write");
    sinon.assert.calledTwice(fetch);
  });

  it("does not keep a failed fetch", async () => {
    const fetch = sinon.stub<[], Promise<string>>();
    fetch.onFirstCall().rejects(new Error("boom")).onSecondCall().resolves("ok");
    const cache = sharedRead(fetch, 60_000, () => 0);
    await assert.rejects(cache.get(), /boom/);
    await tick();
    assert.equal(await cache.get(), "ok");
    sinon.assert.calledTwice(fetch);
  });

  it("shares a failing fetch with the callers that were waiting on it", async () => {
    const d = deferred<string>();
    const fetch = sinon.stub<[], Promise<string>>().returns(d.promise);
    const cache = sharedRead(fetch, 60_000, () => 0);
    const a = cache.get();
    const b = cache.get();
    d.reject(new Error("down"));
    await assert.rejects(a, /down/);
    await assert.rejects(b, /down/);
    sinon.assert.calledOnce(fetch);
  });

  it("getSince shares a listing started at or after the generation", async () => {
    const d = deferred<string>();
    const fetch = sinon.stub<[], Promise<string>>().returns(d.promise);
    const cache = sharedRead(fetch, 0, () => 0);
    const g = cache.invalidate();
    const a = cache.getSince(g);
    const b = cache.getSince(g);
    const c = cache.get();
    d.resolve("fresh");
    assert.deepEqual(await Promise.all([a, b, c]), ["fresh", "fresh", "fresh"]);
    sinon.assert.calledOnce(fetch);
  });

  it("getSince ignores a listing from before the generation", async () => {
    const fetch = sinon.stub<[], Promise<string>>();
    fetch.onFirstCall().resolves("old").onSecondCall().resolves("new");
    const cache = sharedRead(fetch, 60_000, () => 0);
    assert.equal(await cache.get(), "old");
    const g1 = cache.invalidate();
    // A later write bumps the generation again; the listing made for g1 is still older than g2.
    assert.equal(await cache.getSince(g1), "new");
    const g2 = cache.invalidate();
    fetch.onThirdCall().resolves("newest");
    assert.equal(await cache.getSince(g2), "newest");
    sinon.assert.calledThrice(fetch);
  });

  // Two listings overlap only when a fetch reads the cache itself before it returns: the inner
  // read starts a listing, the outer one then becomes the listing in flight. The inner one
  // ending, either way, must not make the cache forget the outer one still running.
  for (const ending of ["answers", "fails"] as const) {
    it(`a listing started inside another that ${ending} first leaves the outer one in flight`, async () => {
      const inner = deferred<string>();
      const outer = deferred<string>();
      let innerRead: Promise<string> | undefined;
      const fetch = sinon.stub<[], Promise<string>>();
      fetch.onFirstCall().callsFake(() => {
        innerRead = cache.get();
        return outer.promise;
      });
      fetch.onSecondCall().returns(inner.promise);
      fetch.onThirdCall().resolves("after write");
      const cache: SharedRead<string> = sharedRead(fetch, 60_000, () => 0);
      const outerRead = cache.get();
      sinon.assert.calledTwice(fetch);
      if (ending === "answers") inner.resolve("inner");
      else inner.reject(new Error("inner down"));
      await innerRead!.catch(() => undefined);
      await tick();
      cache.invalidate();
      const afterWrite = cache.get();
      await tick();
      // The outer listing started before the write and still runs: the next one waits for it.
      sinon.assert.calledTwice(fetch);
      outer.resolve("outer");
      assert.equal(await outerRead, "outer");
      assert.equal(await afterWrite, "after write");
      sinon.assert.calledThrice(fetch);
    });
  }

  it("getSince ignores freshness: a settled listing of the generation is still used", async () => {
    let t = 0;
    const fetch = sinon.stub<[], Promise<string>>().resolves("x");
    const cache = sharedRead(fetch, 10, () => t);
    const g = cache.invalidate();
    await cache.getSince(g);
    t = 1_000_000;
    await cache.getSince(g);
    sinon.assert.calledOnce(fetch);
    // get() does apply freshness.
    await cache.get();
    sinon.assert.calledTwice(fetch);
  });
});

describe("api/rateLimiter", () => {
  function fakeClock() {
    let t = 0;
    const sleep = sinon.spy(async (ms: number) => {
      t += ms;
    });
    return { now: () => t, sleep, advance: (ms: number) => (t += ms) };
  }

  it("spaces concurrent calls of one key by 1/rate, one after the other", async () => {
    const clock = fakeClock();
    clock.advance(5000);
    const limiter = createRateLimiter(clock.now, clock.sleep);
    const starts: number[] = [];
    await Promise.all(
      [0, 1, 2].map(() =>
        limiter.acquire("CreateLiveCallbackRule", 10).then(() => starts.push(clock.now())),
      ),
    );
    assert.deepEqual(starts, [5000, 5100, 5200]);
  });

  it("keeps a fractional cadence without ever starting a call early", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    const starts: number[] = [];
    for (let i = 0; i < 181; i++) {
      await limiter.acquire("CreateLiveCallbackRule", 180);
      starts.push(clock.now());
    }
    // 180 intervals of 1000/180 ms: the 181st call starts at 1000 ms, not before, not much after.
    starts.forEach((t, i) => assert.ok(t >= (i * 1000) / 180 - 1e-9, `call ${i} at ${t}`));
    assert.ok(starts[180] >= 1000 && starts[180] <= 1001, `last call at ${starts[180]}`);
    // Whole-millisecond sleeps: every sleep was rounded up.
    assert.ok(clock.sleep.args.every(([ms]) => Number.isInteger(ms)));
  });

  it("sequential calls wait 1/rate after the previous one", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    await limiter.acquire("k", 4);
    await limiter.acquire("k", 4);
    await limiter.acquire("k", 4);
    assert.deepEqual(
      clock.sleep.args.map((a) => a[0]),
      [250, 250],
    );
    assert.equal(clock.now(), 500);
  });

  it("does not wait when the interval has already passed", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    await limiter.acquire("k", 10);
    clock.advance(150);
    await limiter.acquire("k", 10);
    sinon.assert.notCalled(clock.sleep);
  });

  it("does not sleep when exactly one interval has passed", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    await limiter.acquire("k", 10);
    clock.advance(100);
    await limiter.acquire("k", 10);
    sinon.assert.notCalled(clock.sleep);
  });

  it("counts from now when a call is late by exactly one interval", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    await limiter.acquire("k", 10);
    // The second call was planned for 100 and starts at 200: a whole interval late, a stall.
    clock.advance(200);
    await limiter.acquire("k", 10);
    await limiter.acquire("k", 10);
    // The third leaves one interval after the second actually started, not at once.
    sinon.assert.calledOnceWithExactly(clock.sleep, 100);
    assert.equal(clock.now(), 300);
  });

  it("keeps keys independent", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(clock.now, clock.sleep);
    await limiter.acquire("DescribeLiveCallbackRules", 2);
    await limiter.acquire("DescribeLiveCallbackTemplates", 2);
    await limiter.acquire("CreateLiveCallbackRule", 2);
    sinon.assert.notCalled(clock.sleep);
    await limiter.acquire("DescribeLiveCallbackRules", 2);
    sinon.assert.calledOnceWithExactly(clock.sleep, 500);
  });
});

describe("api/retry", () => {
  const policy = { baseDelayMs: 200, maxDelayMs: 5000 };

  it("backoffDelay is 0 for random 0 and just under the ceiling near 1", () => {
    assert.equal(
      backoffDelay(1, policy, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(1, policy, () => 0.9999),
      199,
    );
    assert.equal(
      backoffDelay(2, policy, () => 0.9999),
      399,
    );
    assert.equal(
      backoffDelay(3, policy, () => 0.9999),
      799,
    );
  });

  it("backoffDelay doubles up to maxDelayMs and stays there", () => {
    assert.equal(
      backoffDelay(5, policy, () => 0.9999),
      3199,
    );
    assert.equal(
      backoffDelay(6, policy, () => 0.9999),
      4999,
    );
    assert.equal(
      backoffDelay(30, policy, () => 0.9999),
      4999,
    );
    assert.equal(
      backoffDelay(30, policy, () => 0.5),
      2500,
    );
  });

  it("backoffDelay stays within [0, ceiling) with the real random source", () => {
    for (let retry = 1; retry <= 12; retry++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(retry, policy);
        assert.ok(Number.isInteger(d) && d >= 0 && d < ceiling, `${retry}: ${d}`);
      }
    }
  });

  it("uses 200 ms / 5 s as the default shape", () => {
    assert.deepEqual({ ...DEFAULT_BACKOFF }, { baseDelayMs: 200, maxDelayMs: 5000 });
  });

  it("retries throttled and transient failures only; only transient ones are ambiguous", () => {
    const cases: [string, number | undefined, boolean, boolean][] = [
      ["RequestLimitExceeded", undefined, true, false],
      ["InternalError", undefined, true, true],
      ["", undefined, true, true],
      ["", 502, true, true],
      ["FailedOperation.ConfInUsed", undefined, false, false],
      ["AuthFailure.SignatureFailure", undefined, false, false],
      ["InternalError.ConfOutLimit", undefined, false, false],
      ["InvalidParameter", undefined, false, false],
    ];
    for (const [code, httpStatus, retryable, ambiguous] of cases) {
      const err = new LiveApiError({
        action: "CreateLiveCallbackRule",
        code,
        message: "m",
        httpStatus,
      });
      assert.equal(isRetryable(err), retryable, `${code} ${httpStatus}`);
      assert.equal(isAmbiguous(err), ambiguous, `${code} ${httpStatus}`);
    }
  });
});

describe("api/errors", () => {
  // Every code listed in /work/shared/reference/live-callback-api.md.
  const expected: Record<string, LiveErrorKind> = {
    // Template actions
    "FailedOperation.ConfInUsed": "in-use",
    "FailedOperation.NotFound": "not-found",
    InternalError: "transient",
    "InternalError.ArgsNotMatch": "invalid-input",
    "InternalError.ConfInUsed": "in-use",
    "InternalError.ConfNotFound": "not-found",
    "InternalError.InvalidInput": "invalid-input",
    "InternalError.NotFound": "not-found",
    "InternalError.RuleAlreadyExist": "already-exists",
    "InternalError.RuleInUsing": "in-use",
    "InternalError.RuleNotFound": "not-found",
    InvalidParameter: "invalid-input",
    InvalidParameterValue: "invalid-input",
    MissingParameter: "invalid-input",
    "ResourceNotFound.ForbidService": "service-disabled",
    "ResourceNotFound.FreezeService": "service-disabled",
    "ResourceNotFound.StopService": "service-disabled",
    "ResourceNotFound.UserDisableService": "service-disabled",
    // Create / Modify
    "InternalError.ConfOutLimit": "quota",
    "InvalidParameter.ArgsNotMatch": "invalid-input",
    "InvalidParameter.UrlNotSafe": "invalid-input",
    "UnsupportedOperation.NotLVBCodeMode": "invalid-input",
    // CreateLiveCallbackRule
    "InvalidParameter.ConfNotFound": "not-found",
    "InvalidParameter.DomainFormatError": "invalid-input",
    "FailedOperation.RuleAlreadyExist": "already-exists",
    // Common codes
    "AuthFailure.SignatureFailure": "auth",
    "AuthFailure.SignatureExpire": "auth",
    "AuthFailure.SecretIdNotFound": "auth",
    "AuthFailure.InvalidSecretId": "auth",
    "AuthFailure.TokenFailure": "auth",
    "AuthFailure.UnauthorizedOperation": "auth",
    InvalidAction: "invalid-input",
    UnknownParameter: "invalid-input",
    RequestLimitExceeded: "throttled",
    LimitExceeded: "quota",
  };

  for (const [code, kind] of Object.entries(expected)) {
    it(`classifies ${code} as ${kind}`, () => {
      assert.equal(classify(code), kind);
      assert.equal(
        new LiveApiError({ action: "DeleteLiveCallbackTemplate", code, message: "m" }).kind,
        kind,
      );
    });
  }

  it("classifies variants and the absence of a code", () => {
    assert.equal(classify("RequestLimitExceeded.UinLimitExceeded"), "throttled");
    assert.equal(classify("UnauthorizedOperation"), "auth");
    assert.equal(classify("InternalError.SystemError"), "transient");
    assert.equal(classify("ResourceNotFound"), "not-found");
    assert.equal(classify("MissingParameter.Something"), "invalid-input");
    assert.equal(classify("InvalidParameterValue.Bad"), "invalid-input");
    assert.equal(classify("FailedOperation.Other"), "unknown");
    assert.equal(classify(""), "transient");
    assert.equal(classify("", 500), "transient");
    assert.equal(classify("", 503), "transient");
    assert.equal(classify("", 429), "transient");
    assert.equal(classify("", 404), "unknown");
    assert.equal(classify("", 403), "unknown");
  });

  it("puts action, code, message and RequestId in the message", () => {
    const e = new LiveApiError({
      action: "CreateLiveCallbackTemplate",
      code: "InvalidParameter",
      message: "bad url",
      requestId: "rid-1",
      context: "after 3 attempts.",
    });
    assert.equal(
      e.message,
      "CreateLiveCallbackTemplate failed: [InvalidParameter] bad url (RequestId rid-1) after 3 attempts.",
    );
    assert.equal(e.apiMessage, "bad url");
    assert.equal(e.requestId, "rid-1");
    const net = new LiveApiError({
      action: "DescribeLiveCallbackRules",
      code: "",
      message: "ETIMEDOUT",
    });
    assert.equal(net.message, "DescribeLiveCallbackRules failed: [NetworkError] ETIMEDOUT");
    assert.equal(net.name, "LiveApiError");
    assert.equal(net.requestId, "");
    const http = new LiveApiError({
      action: "DescribeLiveCallbackRules",
      code: "",
      message: "x",
      httpStatus: 502,
    });
    assert.match(http.message, /\[HTTP 502\]/);
  });

  it("fromSdkError keeps the code, RequestId and HTTP status and redacts secrets", () => {
    const e = fromSdkError(
      "ModifyLiveCallbackTemplate",
      {
        code: "InvalidParameter",
        message: "key Abc123Secret is bad",
        requestId: "r9",
        httpCode: 200,
      },
      ["Abc123Secret", ""],
    );
    assert.equal(e.code, "InvalidParameter");
    assert.equal(e.requestId, "r9");
    assert.equal(e.httpStatus, 200);
    assert.equal(e.kind, "invalid-input");
    assert.ok(!e.message.includes("Abc123Secret"), e.message);
    assert.match(e.message, /key \[secret\] is bad/);

    const already = apiError("DeleteLiveCallbackRule", "FailedOperation.NotFound");
    assert.equal(fromSdkError("DeleteLiveCallbackRule", already), already);

    const weird = fromSdkError("DescribeLiveCallbackRules", "socket closed");
    assert.equal(weird.kind, "transient");
    assert.match(weird.message, /socket closed/);
    assert.match(fromSdkError("DescribeLiveCallbackRules", {}).message, /no message/);
  });

  it("fromSdkError without secrets keeps any message as it came", () => {
    // Whatever the text, including a mutation tool's placeholder: there is nothing to hide.
    for (const message of ["key Abc123Secret is bad", "Stryker was here", "[secret]"]) {
      const e = fromSdkError("DescribeLiveCallbackRules", { code: "InvalidParameter", message });
      assert.equal(e.apiMessage, message);
      assert.equal(e.message, `DescribeLiveCallbackRules failed: [InvalidParameter] ${message}`);
    }
  });

  it("redact replaces every occurrence and skips empty secrets", () => {
    assert.equal(redact("a LongKey99 b LongKey99", ["LongKey99", ""]), "a [secret] b [secret]");
    assert.equal(redact("unchanged", []), "unchanged");
  });

  it("redact withholds a message holding a short key rather than showing where its letters are", () => {
    const out = redact("The request is invalid", ["e"]);
    assert.equal(out, "[message withheld: it may contain the callback key]");
    assert.equal(redact("nothing here", ["zz"]), "nothing here");
    assert.equal(redact("THE REQUEST", ["e"]), out, "in any case");
  });

  it("redact hides a key in any letter case, and keys that hold regular-expression characters", () => {
    assert.equal(
      redact("key LONGKEY99 or longkey99 or LongKey99", ["LongKey99"]),
      "key [secret] or [secret] or [secret]",
    );
    assert.equal(redact("a.b*c+d? and a.b*c+d?", ["a.b*c+d?"]), "[secret] and [secret]");
    assert.equal(redact("axbxcxdx", ["a.b.c.d."]), "axbxcxdx");
  });
});

describe("provider/errors explain", () => {
  it("keeps the API message and adds the quota hint", () => {
    const cause = apiError("CreateLiveCallbackTemplate", "InternalError.ConfOutLimit", "rid-q");
    const e = explain("Creating X", cause);
    assert.match(
      e.message,
      /^Creating X: CreateLiveCallbackTemplate failed: \[InternalError\.ConfOutLimit\]/,
    );
    assert.match(e.message, /rid-q/);
    assert.match(e.message, /50 callback templates/);
    assert.equal(e.cause, cause);
  });

  it("adds the auth and service hints", () => {
    assert.match(
      explain("d", apiError("DescribeLiveCallbackRules", "AuthFailure.SecretIdNotFound")).message,
      /tencentcloud:secretId.*TENCENTCLOUD_SECRET_ID/,
    );
    assert.match(
      explain("d", apiError("DescribeLiveCallbackRules", "ResourceNotFound.FreezeService")).message,
      /not active/,
    );
    const plain = explain("d", apiError("DescribeLiveCallbackRules", "InvalidParameter", "r"));
    assert.equal(
      plain.message,
      "d: DescribeLiveCallbackRules failed: [InvalidParameter] simulated InvalidParameter (RequestId r)",
    );
  });

  it("adds the unsafe-URL hint to InvalidParameter.UrlNotSafe", () => {
    const cause = apiError("ModifyLiveCallbackTemplate", "InvalidParameter.UrlNotSafe", "rid-u");
    const e = explain("Updating t", cause);
    assert.match(e.message, /\[InvalidParameter\.UrlNotSafe\].*rid-u/);
    assert.match(e.message, /refused the callback URL as not safe/);
    assert.match(e.message, /loopback, private or link-local/);
    assert.match(e.message, /public http\(s\)/);
    assert.equal((e as Error & { kind?: string }).kind, "invalid-input");
  });

  it("tells who may own a rule that already exists, and keeps the API error's name and fields", () => {
    const cause = apiError("CreateLiveCallbackRule", "FailedOperation.RuleAlreadyExist", "rid-e");
    const e = explain("Creating b", cause) as Error & { kind?: string; requestId?: string };
    assert.match(
      e.message,
      /^Creating b: CreateLiveCallbackRule failed: \[FailedOperation\.RuleAlreadyExist\]/,
    );
    assert.ok(
      e.message.endsWith(
        " A rule for this domain and app appeared after this binding looked (another stack, or the console?). " +
          "Find out who owns it; set adopt: true only if this binding should own it.",
      ),
      e.message,
    );
    // Callers (and the engine's output) tell API failures apart by this name.
    assert.equal(e.name, "LiveApiError");
    assert.equal(e.kind, "already-exists");
    assert.equal(e.requestId, "rid-e");
  });

  it("wraps other errors and values", () => {
    const cause = new RangeError("nope");
    const e = explain("Doing", cause);
    assert.equal(e.message, "Doing: nope");
    assert.equal(e.cause, cause);
    assert.equal(explain("Doing", "text").message, "Doing: text");
  });
});
