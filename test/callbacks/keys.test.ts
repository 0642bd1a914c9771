// Contract 1: several keys tried in order, notAfter retiring an entry by itself, keyIndex, and
// bad key lists refused at creation by every entry point without showing a key.
import assert from "node:assert/strict";
import {
  createCallbackHandler,
  createFetchCallbackHandler,
  createMemoryDedupeStore,
  createScfCallbackHandler,
  MAX_DEDUPE_KEY_LENGTH,
  signCallback,
  verifyCallbackEvent,
  verifyCallbackSignature,
} from "../../src/callbacks";

const T = 1700000600;
const NOW = (T - 60) * 1000;
const now = () => NOW;
const body = (key: string) => ({ event_type: 1, stream_id: "s", t: T, sign: signCallback(key, T) });

describe("callbacks/keys", () => {
  it("tries the keys in order and says which one verified", () => {
    assert.deepEqual(verifyCallbackSignature(body("B"), ["A", "B", "C"], { now }), {
      ok: true,
      keyIndex: 1,
    });
    assert.deepEqual(verifyCallbackSignature(body("A"), { key: "A" }, { now }), {
      ok: true,
      keyIndex: 0,
    });
    // The same key twice: the first entry still accepted wins.
    const twice = ["X", { key: "B", notAfter: NOW - 1 }, { key: "B" }];
    assert.deepEqual(verifyCallbackSignature(body("B"), twice, { now }), { ok: true, keyIndex: 2 });
  });

  it("retires an entry after notAfter, given as a Date, milliseconds or ISO text", () => {
    for (const notAfter of [new Date(NOW - 1), NOW - 1, new Date(NOW - 1).toISOString()]) {
      const result = verifyCallbackSignature(body("Old"), ["New", { key: "Old", notAfter }], {
        now,
      });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, "retired-key");
      assert.ok(!result.ok && !result.message.includes("Old"), "the message names no key");
    }
    const atTheMoment = verifyCallbackSignature(
      body("Old"),
      ["New", { key: "Old", notAfter: NOW }],
      { now },
    );
    assert.deepEqual(atTheMoment, { ok: true, keyIndex: 1 });
  });

  it("refuses empty lists, empty keys and unparsable notAfter at creation, naming no key", () => {
    const onEvent = () => undefined;
    const bad: [unknown, RegExp][] = [
      [[], /callbackKey must not be an empty list/],
      [["Good", ""], /callbackKey\[1\] must be a non-empty string/],
      [[{ key: "" }], /callbackKey\[0\]\.key must be a non-empty string/],
      [
        { key: "Secret9", notAfter: "next tuesday" },
        /callbackKey\.notAfter must be a Date.*"next tuesday"/,
      ],
      [
        ["Secret9", { key: "Secret8", notAfter: new Date(Number.NaN) }],
        /callbackKey\[1\]\.notAfter.*invalid Date/,
      ],
      [[42], /callbackKey\[0\] must be a non-empty string or \{ key, notAfter\? \}/],
    ];
    const creators = [
      (callbackKey: unknown) =>
        createCallbackHandler({ callbackKey: callbackKey as never, onEvent }),
      (callbackKey: unknown) =>
        createFetchCallbackHandler({ callbackKey: callbackKey as never, onEvent }),
      (callbackKey: unknown) =>
        createScfCallbackHandler({ callbackKey: callbackKey as never, onEvent }),
      (callbackKey: unknown) => verifyCallbackSignature({}, callbackKey as never),
      (callbackKey: unknown) => verifyCallbackEvent("{}", { callbackKey: callbackKey as never }),
    ];
    for (const create of creators) {
      for (const [keys, message] of bad) {
        assert.throws(
          () => create(keys),
          (error: Error) => {
            assert.equal(error.name, "TypeError");
            assert.match(error.message, message);
            assert.ok(!/Secret[89]/.test(error.message), error.message);
            return true;
          },
        );
      }
    }
  });
});

describe("callbacks/keys: implausible keys and notAfter", () => {
  const DAY = 86_400_000;
  const now = () => NOW;
  const make = (callbackKey: unknown) =>
    createCallbackHandler({ callbackKey: callbackKey as never, onEvent: () => undefined, now });

  it("refuses blank keys", () => {
    for (const keys of [" ", ["Good", "\t\n"], [{ key: "  " }]]) {
      assert.throws(() => make(keys), { name: "TypeError", message: /not blank/ });
    }
  });

  it("refuses impossible dates instead of rolling them over", () => {
    for (const notAfter of [
      "2023-02-29",
      "2023-11-31T00:00:00Z",
      "2023-13-01",
      "2023-11-14T24:00:00Z",
      "2023-11-14T23:60:00Z",
      "2023-11-14T23:59:60Z",
      "2023-11-14T12:00:00+25:00",
    ]) {
      assert.throws(() => make(["New", { key: "Old", notAfter }]), {
        name: "TypeError",
        message: `createCallbackHandler: callbackKey[1].notAfter must be a real date and time; got ${JSON.stringify(notAfter)}`,
      });
    }
    assert.doesNotThrow(() => make(["New", { key: "Old", notAfter: "2024-02-29T23:59:59Z" }]));
  });

  it("refuses values that can only be a unit mistake: past 3000, or over a year ahead", () => {
    const microseconds = NOW * 1000;
    for (const [notAfter, rule] of [
      [microseconds, /before the year 3000/],
      [new Date(Date.UTC(3000, 0, 1)), /before the year 3000/],
      ["3001-01-01T00:00:00Z", /before the year 3000/],
      [NOW + 367 * DAY, /at most a year ahead of now/],
    ] as const) {
      assert.throws(() => make({ key: "Old", notAfter }), { name: "TypeError", message: rule });
    }
    assert.doesNotThrow(() => make(["New", { key: "Old", notAfter: NOW + 300 * DAY }]));
    // "Ahead" is judged on the receiver's clock, not the machine's.
    assert.throws(
      () =>
        createCallbackHandler({
          callbackKey: { key: "Old", notAfter: NOW + 300 * DAY },
          onEvent: () => undefined,
          now: () => NOW - 100 * DAY,
        }),
      /at most a year ahead/,
    );
  });
});

describe("callbacks/dedupe: memory store", () => {
  it("forgets the oldest keys beyond maxEntries and handled keys after ttlSeconds", async () => {
    let clock = 0;
    const store = createMemoryDedupeStore({ maxEntries: 2, ttlSeconds: 10 }, () => clock);
    for (const key of ["a", "b", "c"]) {
      const claim = await store.claim(key);
      if (claim.status === "claimed") await claim.complete();
    }
    assert.equal((await store.claim("a")).status, "claimed", "a was evicted");
    assert.equal((await store.claim("c")).status, "done");
    clock = 10_001;
    assert.equal((await store.claim("c")).status, "claimed", "c expired");
  });

  it("refuses keys over MAX_DEDUPE_KEY_LENGTH or with a lone surrogate, naming no key", async () => {
    const store = createMemoryDedupeStore();
    assert.equal((await store.claim("k".repeat(MAX_DEDUPE_KEY_LENGTH))).status, "claimed");
    await assert.rejects(store.claim("k".repeat(MAX_DEDUPE_KEY_LENGTH + 1)), {
      name: "TypeError",
      message: `createMemoryDedupeStore: claim(key) takes keys of at most ${MAX_DEDUPE_KEY_LENGTH} characters; got ${MAX_DEDUPE_KEY_LENGTH + 1}`,
    });
    await assert.rejects(store.claim("secret\udc00"), (error: Error) => {
      assert.match(error.message, /lone surrogate/);
      assert.ok(!error.message.includes("secret"));
      return true;
    });
  });

  it("lets a claim expire after its lease, and ignores the late release of an expired claim", async () => {
    let clock = 0;
    const store = createMemoryDedupeStore({ leaseSeconds: 1 }, () => clock);
    const stale = await store.claim("k");
    assert.equal((await store.claim("k")).status, "in-progress");
    clock = 1_001;
    const fresh = await store.claim("k");
    assert.equal(fresh.status, "claimed");
    if (stale.status === "claimed") await stale.release();
    assert.equal((await store.claim("k")).status, "in-progress");
  });
});
