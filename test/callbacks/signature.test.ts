import assert from "node:assert/strict";

import { createHash } from "node:crypto";

import sinon from "sinon";

import {
  DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS,
  signCallback,
  verifyCallbackEvent,
  verifyCallbackSignature,
} from "../../src/callbacks";

// Independent vector, computed once outside this code base with:
//   echo -n "Key8Fzq3Lw1700000600" | md5sum
const KEY = "Key8Fzq3Lw";
const T = 1700000600;
const EXPECTED_SIGN = "94d44a8cc9a7a26bb3852a20c0fa6f12";

/** Lower-case hex MD5 of `text`, computed here rather than by the code under test. */
const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

/** A clock at `seconds` (plus `ms` milliseconds) since the epoch. */
const at =
  (seconds: number, ms = 0) =>
  () =>
    seconds * 1000 + ms;

describe("callbacks/signature", () => {
  describe("signCallback", () => {
    it("matches the hand-computed md5(key + t) vector", () => {
      assert.equal(signCallback(KEY, T), EXPECTED_SIGN);
    });

    it("concatenates the decimal text of t (no separator, no padding)", () => {
      assert.notEqual(signCallback(KEY, T), signCallback(KEY + "1", T));
      assert.equal(signCallback("Key8Fzq3Lw1700000", 600), EXPECTED_SIGN);
    });

    it("refuses a t whose String() is not a plain decimal integer", () => {
      assert.throws(() => signCallback(KEY, 1.5), RangeError);
      assert.throws(() => signCallback(KEY, -1), RangeError);
      assert.throws(() => signCallback(KEY, Number.NaN), RangeError);
      assert.throws(() => signCallback(KEY, 1e21), RangeError);
    });
  });

  describe("verifyCallbackSignature", () => {
    const now = at(T - 300);

    it("accepts the vector while t is in the future", () => {
      assert.deepEqual(verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY, { now }), {
        ok: true,
        keyIndex: 0,
      });
    });

    it("accepts t as a string of digits, as older platform versions send it", () => {
      const result = verifyCallbackSignature({ t: String(T), sign: EXPECTED_SIGN }, KEY, { now });
      assert.deepEqual(result, { ok: true, keyIndex: 0 });
    });

    it("verifies over the received text of a string t", () => {
      const padded = "0" + String(T);
      const sign = signCallback(KEY + "0", T); // md5(KEY + "0" + T) = md5(KEY + padded)
      assert.deepEqual(verifyCallbackSignature({ t: padded, sign }, KEY, { now }), {
        ok: true,
        keyIndex: 0,
      });
    });

    it("accepts an upper-case hex sign", () => {
      const result = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN.toUpperCase() }, KEY, {
        now,
      });
      assert.deepEqual(result, { ok: true, keyIndex: 0 });
    });

    it("ignores the other fields of the body", () => {
      const body = { event_type: 1, stream_id: "s", t: T, sign: EXPECTED_SIGN };
      assert.deepEqual(verifyCallbackSignature(body, KEY, { now }), { ok: true, keyIndex: 0 });
    });

    it("still accepts during the second t names, and rejects from the next one", () => {
      const body = { t: T, sign: EXPECTED_SIGN };
      assert.deepEqual(verifyCallbackSignature(body, KEY, { now: at(T, 999) }), {
        ok: true,
        keyIndex: 0,
      });
      const expired = verifyCallbackSignature(body, KEY, { now: at(T + 1) });
      assert.equal(expired.ok, false);
      assert.equal(!expired.ok && expired.reason, "expired");
    });

    it("reports expired for a genuine but old signature", () => {
      const result = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY, {
        now: at(T + 3600),
      });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, "expired");
      assert.match(!result.ok ? result.message : "", /expired/);
    });

    it("uses Date.now by default", () => {
      const clock = sinon.useFakeTimers({ now: (T + 1) * 1000 });
      try {
        const result = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY);
        assert.equal(!result.ok && result.reason, "expired");
        clock.setSystemTime((T - 1) * 1000);
        assert.deepEqual(verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY), {
          ok: true,
          keyIndex: 0,
        });
      } finally {
        clock.restore();
      }
    });

    const badSignatures: Array<[string, Record<string, unknown>, string]> = [
      ["a tampered sign", { t: T, sign: "0" + EXPECTED_SIGN.slice(1) }, KEY],
      ["a tampered t", { t: T + 60, sign: EXPECTED_SIGN }, KEY],
      ["another key", { t: T, sign: EXPECTED_SIGN }, "OtherKey123"],
      ["a shorter sign (no throw on length mismatch)", { t: T, sign: "abc" }, KEY],
      ["a longer sign", { t: T, sign: EXPECTED_SIGN + "00" }, KEY],
      ["an empty sign", { t: T, sign: "" }, KEY],
      ["a multi-byte sign of 32 characters", { t: T, sign: "é".repeat(32) }, KEY],
    ];
    for (const [name, body, key] of badSignatures) {
      it(`reports bad-signature for ${name}`, () => {
        const result = verifyCallbackSignature(body, key, { now });
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.reason, "bad-signature");
      });
    }

    it("checks the signature before the expiry (a forged old event is bad-signature)", () => {
      const result = verifyCallbackSignature({ t: T, sign: "f".repeat(32) }, KEY, {
        now: at(T + 3600),
      });
      assert.equal(!result.ok && result.reason, "bad-signature");
    });

    const malformed: Array<[string, unknown]> = [
      ["no t", { sign: EXPECTED_SIGN }],
      ["no sign", { t: T }],
      ["null t", { t: null, sign: EXPECTED_SIGN }],
      ["an empty object", {}],
      ["null", null],
      ["an array", [T, EXPECTED_SIGN]],
      ["a string", "t=1700000600"],
      ["a non-numeric t", { t: "17000006OO", sign: EXPECTED_SIGN }],
      ["a negative t", { t: -1, sign: EXPECTED_SIGN }],
      ["a fractional t", { t: T + 0.5, sign: EXPECTED_SIGN }],
      ["a boolean t", { t: true, sign: EXPECTED_SIGN }],
      ["a numeric sign", { t: T, sign: 12345 }],
    ];
    for (const [name, body] of malformed) {
      it(`reports missing-fields for ${name}`, () => {
        const result = verifyCallbackSignature(body, KEY, { now });
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.reason, "missing-fields");
      });
    }

    it("never puts the key or the expected sign in a message", () => {
      const bodies: unknown[] = [
        { t: T, sign: "0".repeat(32) },
        { t: T, sign: EXPECTED_SIGN },
        { t: "x", sign: EXPECTED_SIGN },
        {},
      ];
      for (const body of bodies) {
        for (const clock of [now, at(T + 10)]) {
          const result = verifyCallbackSignature(body, KEY, { now: clock });
          if (!result.ok) {
            assert.ok(!result.message.includes(KEY), result.message);
            if ((body as { sign?: unknown }).sign !== EXPECTED_SIGN) {
              assert.ok(!result.message.includes(EXPECTED_SIGN), result.message);
            }
          }
        }
      }
    });
  });

  describe("exact rules and messages", () => {
    const now = at(T - 300);
    const refusal = (body: unknown, key: Parameters<typeof verifyCallbackSignature>[1] = KEY) => {
      const result = verifyCallbackSignature(body, key, { now });
      assert.equal(result.ok, false);
      return result.ok ? { reason: "", message: "" } : result;
    };

    it("signs t = 0, the smallest t, and refuses it with a message naming the rule", () => {
      assert.equal(signCallback("k", 0), md5("k0"));
      assert.throws(() => signCallback(KEY, -1), {
        name: "RangeError",
        message: "t must be a non-negative integer number of seconds",
      });
      // t = 0 is a well-formed timestamp (long past): genuine, hence expired, not malformed.
      assert.equal(refusal({ t: 0, sign: signCallback(KEY, 0) }).reason, "expired");
      assert.equal(refusal({ t: "0", sign: signCallback(KEY, 0) }).reason, "expired");
    });

    it("takes a string t of 1 to 15 decimal digits only, the whole text", () => {
      for (const t of ["", "x" + T, T + "x", "1".repeat(16), " " + T, "+" + T]) {
        const sign = md5(KEY + t);
        assert.deepEqual(refusal({ t, sign }), {
          ok: false,
          reason: "missing-fields",
          message: "t must be a non-negative integer UNIX timestamp in seconds",
        });
      }
      const fifteen = "0".repeat(5) + String(T);
      assert.equal(fifteen.length, 15);
      assert.equal(
        verifyCallbackSignature({ t: fifteen, sign: md5(KEY + fifteen) }, KEY, { now }).ok,
        true,
      );
    });

    it("says which field is missing or malformed", () => {
      const unsigned = {
        ok: false,
        reason: "missing-fields",
        message: "event is not signed: fields t and sign are both required",
      };
      assert.deepEqual(refusal({ t: null, sign: EXPECTED_SIGN }), unsigned);
      assert.deepEqual(refusal({ t: T, sign: null }), unsigned);
      assert.deepEqual(refusal({ t: T }), unsigned);
      assert.deepEqual(refusal({ sign: EXPECTED_SIGN }), unsigned);
      assert.deepEqual(refusal({ t: T, sign: 7 }), {
        ok: false,
        reason: "missing-fields",
        message: "sign must be a string",
      });
      // An array carrying t and sign as properties is still not a JSON object.
      const array = Object.assign([], { t: T, sign: EXPECTED_SIGN });
      assert.deepEqual(refusal(array), {
        ok: false,
        reason: "missing-fields",
        message: "event body must be a JSON object",
      });
    });

    it("names one key or the number of keys when none matches", () => {
      const body = { t: T, sign: "0".repeat(32) };
      assert.equal(refusal(body).message, "sign does not match md5(CallbackKey + t)");
      assert.equal(
        refusal(body, ["A", "B"]).message,
        "sign does not match md5(any of the 2 CallbackKeys + t)",
      );
    });

    it("reports the first retired entry that matched, and when it stopped being accepted", () => {
      const notAfter = (T - 400) * 1000;
      const keys = ["Other", { key: KEY, notAfter }, { key: KEY, notAfter: notAfter - 1000 }];
      assert.deepEqual(refusal({ t: T, sign: EXPECTED_SIGN }, keys), {
        ok: false,
        reason: "retired-key",
        message: `sign matches callback key entry 1, which stopped being accepted at ${new Date(notAfter).toISOString()}`,
      });
    });

    it("refuses a body that is not an object as such, whatever its text", () => {
      for (const body of ["t=1700000600&sign=" + EXPECTED_SIGN, 1700000600, true, undefined]) {
        assert.deepEqual(refusal(body), {
          ok: false,
          reason: "missing-fields",
          message: "event body must be a JSON object",
        });
      }
    });

    it("stops at the first entry that verifies, even when a later one would too", () => {
      const result = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, [KEY, KEY, KEY], {
        now,
      });
      assert.deepEqual(result, { ok: true, keyIndex: 0 });
    });

    it("reports a retired first entry, not a later retired one", () => {
      const notAfter = (T - 400) * 1000;
      const keys = [
        { key: KEY, notAfter },
        { key: KEY, notAfter: notAfter + 1000 },
      ];
      assert.deepEqual(refusal({ t: T, sign: EXPECTED_SIGN }, keys), {
        ok: false,
        reason: "retired-key",
        message: `sign matches callback key entry 0, which stopped being accepted at ${new Date(notAfter).toISOString()}`,
      });
    });

    it("names t and now in the expired and too-far-ahead messages", () => {
      const expired = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY, {
        now: at(T + 5, 700),
      });
      assert.deepEqual(expired, {
        ok: false,
        reason: "expired",
        message: `signature expired at t=${T}, now is ${T + 5}`,
      });
      // Ahead is measured from the exact now: 3600.5 s ahead is more than 3600.
      const ahead = verifyCallbackSignature({ t: T, sign: EXPECTED_SIGN }, KEY, {
        now: at(T - 3601, 500),
      });
      assert.deepEqual(ahead, {
        ok: false,
        reason: "too-far-ahead",
        message: `t=${T} is more than 3600 s ahead of now (${T - 3601}): the platform signs about 600 s ahead`,
      });
    });
  });

  describe("maximum signature lifetime", () => {
    const NOW = 1_800_000_000;
    const body = (t: number, key = KEY) => ({ event_type: 999, t, sign: signCallback(key, t) });

    it("accepts t up to one hour ahead by default, and refuses a genuine t beyond it", () => {
      assert.equal(DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS, 3600);
      const now = at(NOW);
      assert.deepEqual(verifyCallbackSignature(body(NOW + 600), KEY, { now }), {
        ok: true,
        keyIndex: 0,
      });
      assert.equal(verifyCallbackSignature(body(NOW + 3600), KEY, { now }).ok, true);
      const tenYears = verifyCallbackSignature(body(NOW + 10 * 365 * 86400), KEY, { now });
      assert.equal(!tenYears.ok && tenYears.reason, "too-far-ahead");
      assert.match(!tenYears.ok ? tenYears.message : "", /is more than 3600 s ahead of now/);
      const justOver = verifyCallbackSignature(body(NOW + 3601), KEY, { now });
      assert.equal(!justOver.ok && justOver.reason, "too-far-ahead");
      // A forgery is reported as one, whatever its t.
      const forged = verifyCallbackSignature(body(NOW + 99_999, "Other"), KEY, { now });
      assert.equal(!forged.ok && forged.reason, "bad-signature");
    });

    it("takes maxSignatureLifetimeSeconds, and refuses one that is not a positive number", () => {
      const options = { now: at(NOW), maxSignatureLifetimeSeconds: 7200 };
      assert.equal(verifyCallbackSignature(body(NOW + 7000), KEY, options).ok, true);
      const event = verifyCallbackEvent(JSON.stringify(body(NOW + 7000)), {
        callbackKey: KEY,
        ...options,
      });
      assert.equal(event.ok, true);
      const short = verifyCallbackEvent(JSON.stringify(body(NOW + 700)), {
        callbackKey: KEY,
        now: at(NOW),
        maxSignatureLifetimeSeconds: 60,
      });
      assert.equal(short.ok || short.status, 401);
      for (const bad of [0, -1, Number.NaN, Infinity, "600"]) {
        assert.throws(
          () =>
            verifyCallbackSignature(body(NOW), KEY, {
              maxSignatureLifetimeSeconds: bad as number,
            }),
          {
            name: "TypeError",
            message: `verifyCallbackSignature: maxSignatureLifetimeSeconds must be a positive number of seconds; got ${String(bad)}`,
          },
        );
      }
    });
  });
});
