/**
 * The signature Tencent Cloud Live puts on every callback event: `t` is the UNIX time (seconds)
 * at which the signature expires (default: sending time + 10 minutes) and
 * `sign = md5(CallbackKey + t)` in lower-case hex, where `+` is string concatenation.
 *
 * The scheme only proves that the sender knows the key and that `t` has not passed; it does not
 * cover the rest of the body. Anyone who sees one signed event can reuse its `t`/`sign` pair on a
 * forged body until `t` expires, so callback URLs should be HTTPS, and a `t` further ahead than
 * the platform ever signs (see {@link DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS}) is refused: a
 * signature leaked with `t` ten years ahead would otherwise forge events for ten years.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { resolveCallbackKeys, type CallbackKeys, type ResolvedCallbackKey } from "./keys";

/**
 * Default of `maxSignatureLifetimeSeconds`: one hour. Tencent signs with `t` = sending time + 10
 * minutes by default; an hour leaves room for a clock that is off by minutes and for a template
 * configured with a longer validity, while a leaked signature forges events for an hour at
 * most instead of until whatever `t` its sender chose.
 */
export const DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS = 3600;

/** Options of {@link verifyCallbackSignature}. */
export interface VerifyCallbackSignatureOptions {
  /**
   * How far ahead of now `t` may lie, in seconds; a signature meant to live longer is refused
   * (`too-far-ahead`). Default {@link DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS} (one hour).
   */
  maxSignatureLifetimeSeconds?: number;
  /**
   * Current time in **milliseconds** since the UNIX epoch (same unit as `Date.now`, which is the
   * default). Tests and emulators pass a fixed clock here. It decides both whether `t` has passed
   * and whether a key entry's `notAfter` has.
   */
  now?: () => number;
}

/**
 * Why {@link verifyCallbackSignature} refused an event:
 * - `missing-fields`: the body is not an object, or `t`/`sign` is absent or malformed;
 * - `expired`: the signature is genuine but `t` lies in the past (a stale retry or a replay);
 * - `bad-signature`: `sign` is not md5(CallbackKey + t) for any key given (wrong key, tampered
 *   `t`, or a forgery);
 * - `retired-key`: `sign` matches only key entries whose `notAfter` has passed (a delivery
 *   signed with the previous key, arriving after the rotation window);
 * - `too-far-ahead`: the signature is genuine but `t` lies further ahead than
 *   `maxSignatureLifetimeSeconds` (a signature made to be replayed, or a clock far behind).
 */
export type CallbackSignatureFailureReason =
  "missing-fields" | "expired" | "bad-signature" | "retired-key" | "too-far-ahead";

/** Outcome of {@link verifyCallbackSignature}. */
export type CallbackSignatureResult =
  | {
      /** The signature is valid and current. */
      ok: true;
      /** Index (0-based) of the key entry that verified the event, in the order given. */
      keyIndex: number;
    }
  | {
      /** The event must not be trusted. */
      ok: false;
      /** Machine-readable reason, stable across versions. */
      reason: CallbackSignatureFailureReason;
      /**
       * Human-readable explanation, safe to return to the caller or to log: it never contains
       * a callback key nor the expected signature.
       */
      message: string;
    };

/** A decimal UNIX timestamp as Tencent writes it: digits only, no sign, no exponent. */
const DECIMAL_SECONDS = /^\d{1,15}$/;

/** Lower-case hex MD5 of `callbackKey` immediately followed by the decimal text of `t`. */
function md5Hex(callbackKey: string, tText: string): string {
  return createHash("md5")
    .update(callbackKey + tText, "utf8")
    .digest("hex");
}

/**
 * Computes the `sign` Tencent Cloud Live puts on a callback event: `md5(callbackKey + String(t))`
 * in lower-case hex. Useful to emulate the platform or to build signed test events.
 *
 * @param callbackKey - The CallbackKey of the callback template.
 * @param t - UNIX time in seconds at which the signature expires; must be a non-negative integer.
 * @returns 32 lower-case hex characters.
 * @throws RangeError when `t` is not a non-negative safe integer (its text would not be the
 *   decimal form a receiver concatenates).
 *
 * @example
 * ```ts
 * const t = Math.floor(Date.now() / 1000) + 600;
 * const body = { event_type: 1, stream_id: "s1", t, sign: signCallback(key, t) };
 * ```
 */
export function signCallback(callbackKey: string, t: number): string {
  // String(1e21) is "1e+21" and String(1.5) is "1.5": neither is what the platform signs, so
  // refuse them instead of returning a signature no receiver will accept.
  if (!Number.isSafeInteger(t) || t < 0) {
    throw new RangeError("t must be a non-negative integer number of seconds");
  }
  return md5Hex(callbackKey, String(t));
}

/** Extracts the decimal text of `t` exactly as it was signed, or undefined when unusable. */
function timestampText(t: unknown): string | undefined {
  if (typeof t === "number") {
    return Number.isSafeInteger(t) && t >= 0 ? String(t) : undefined;
  }
  // Older protocol documents type `t` as a string; sign over the received text itself so that a
  // representation we would normalise differently (e.g. leading zeros) still verifies.
  if (typeof t === "string" && DECIMAL_SECONDS.test(t)) {
    return t;
  }
  return undefined;
}

/**
 * Checks the `t` and `sign` fields of a callback event body against the template's CallbackKey,
 * or against several keys tried in order (a key rotation in progress).
 *
 * The event is accepted when `t` is a non-negative integer (a number, or a string of decimal
 * digits as older platform versions send), `sign` equals `md5(key + t)` (hex, compared
 * case-insensitively and in constant time) for a key entry whose `notAfter` has not passed, and
 * `t` is neither earlier than the current second nor further ahead than
 * `maxSignatureLifetimeSeconds`.
 *
 * The signature is checked before the expiry so that `"expired"` is only reported for events that
 * were really signed with a key: it then points at a clock problem or a replay rather than at
 * a forgery.
 *
 * @param body - The parsed JSON body of the callback request (any value; non-objects fail).
 * @param callbackKey - The CallbackKey configured on the callback template, one
 *   {@link CallbackKeyEntry}, or a list of them tried in order.
 * @param options - Optional clock and lifetime bound, see {@link VerifyCallbackSignatureOptions}.
 * @returns `{ ok: true, keyIndex }`, or `{ ok: false, reason, message }`.
 * @throws TypeError when `callbackKey` is an empty list, holds a blank key, or a `notAfter`
 *   that is not a plausible time, or `maxSignatureLifetimeSeconds` is not a positive number (a
 *   programming error, not a property of the event).
 */
export function verifyCallbackSignature(
  body: unknown,
  callbackKey: CallbackKeys,
  options: VerifyCallbackSignatureOptions = {},
): CallbackSignatureResult {
  const owner = "verifyCallbackSignature";
  const keys = resolveCallbackKeys(callbackKey, owner, options.now);
  const lifetime = signatureLifetimeOption(owner, options.maxSignatureLifetimeSeconds);
  return verifyWithKeys(body, keys, (options.now ?? Date.now)(), lifetime);
}

/**
 * Validates `maxSignatureLifetimeSeconds` (a positive number of seconds) and applies its default.
 * @throws TypeError naming the option, the rule and the value.
 */
export function signatureLifetimeOption(owner: string, value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `${owner}: maxSignatureLifetimeSeconds must be a positive number of seconds; got ${String(value)}`,
    );
  }
  return value;
}

/**
 * {@link verifyCallbackSignature} over keys validated once, at a receiver's creation, and a time
 * read once per request so that `notAfter` and `t` are judged at the same instant.
 */
export function verifyWithKeys(
  body: unknown,
  keys: readonly ResolvedCallbackKey[],
  nowMs: number,
  maxLifetimeSeconds: number = DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS,
): CallbackSignatureResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: "missing-fields", message: "event body must be a JSON object" };
  }
  const { t, sign } = body as { t?: unknown; sign?: unknown };
  if (t === undefined || t === null || sign === undefined || sign === null) {
    return {
      ok: false,
      reason: "missing-fields",
      message: "event is not signed: fields t and sign are both required",
    };
  }
  const tText = timestampText(t);
  if (tText === undefined) {
    return {
      ok: false,
      reason: "missing-fields",
      message: "t must be a non-negative integer UNIX timestamp in seconds",
    };
  }
  if (typeof sign !== "string") {
    return { ok: false, reason: "missing-fields", message: "sign must be a string" };
  }

  const received = Buffer.from(sign.toLowerCase(), "utf8");
  let keyIndex = -1;
  let retiredIndex = -1;
  for (let index = 0; index < keys.length && keyIndex < 0; index += 1) {
    const expected = Buffer.from(md5Hex(keys[index].key, tText), "utf8");
    // timingSafeEqual throws on different lengths; a different length can only be a wrong
    // signature, and the length of an MD5 hex digest is public, so comparing it first leaks
    // nothing. Which entry matched is not secret either (it is reported as keyIndex).
    const matches = received.length === expected.length && timingSafeEqual(received, expected);
    if (!matches) continue;
    const { notAfterMs } = keys[index];
    if (notAfterMs !== undefined && nowMs > notAfterMs) {
      if (retiredIndex < 0) retiredIndex = index;
    } else {
      keyIndex = index;
    }
  }
  if (keyIndex < 0) {
    if (retiredIndex >= 0) {
      const at = new Date(keys[retiredIndex].notAfterMs!).toISOString();
      return {
        ok: false,
        reason: "retired-key",
        message: `sign matches callback key entry ${retiredIndex}, which stopped being accepted at ${at}`,
      };
    }
    const which = keys.length === 1 ? "CallbackKey" : `any of the ${keys.length} CallbackKeys`;
    return { ok: false, reason: "bad-signature", message: `sign does not match md5(${which} + t)` };
  }

  const nowSeconds = Math.floor(nowMs / 1000);
  if (Number(tText) < nowSeconds) {
    return {
      ok: false,
      reason: "expired",
      message: `signature expired at t=${tText}, now is ${nowSeconds}`,
    };
  }
  if (Number(tText) - nowMs / 1000 > maxLifetimeSeconds) {
    return {
      ok: false,
      reason: "too-far-ahead",
      message: `t=${tText} is more than ${maxLifetimeSeconds} s ahead of now (${nowSeconds}): the platform signs about 600 s ahead`,
    };
  }
  return { ok: true, keyIndex };
}
