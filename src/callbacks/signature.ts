/**
 * The signature Tencent Cloud Live puts on every callback event: `t` is the UNIX time (seconds)
 * at which the signature expires (default: sending time + 10 minutes) and
 * `sign = md5(CallbackKey + t)` in lower-case hex, where `+` is string concatenation.
 *
 * The scheme only proves that the sender knows the key and that `t` has not passed; it does not
 * cover the rest of the body. Anyone who sees one signed event can reuse its `t`/`sign` pair on a
 * forged body until `t` expires, so callback URLs should be HTTPS.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** Options of {@link verifyCallbackSignature}. */
export interface VerifyCallbackSignatureOptions {
  /**
   * Current time in **milliseconds** since the UNIX epoch (same unit as `Date.now`, which is the
   * default). Tests and emulators pass a fixed clock here.
   */
  now?: () => number;
}

/**
 * Why {@link verifyCallbackSignature} refused an event:
 * - `missing-fields`: the body is not an object, or `t`/`sign` is absent or malformed;
 * - `expired`: the signature is genuine but `t` lies in the past (a stale retry or a replay);
 * - `bad-signature`: `sign` is not md5(CallbackKey + t) (wrong key, tampered `t`, or a forgery).
 */
export type CallbackSignatureFailureReason = "missing-fields" | "expired" | "bad-signature";

/** Outcome of {@link verifyCallbackSignature}. */
export type CallbackSignatureResult =
  | { ok: true }
  | {
      ok: false;
      /** Machine-readable reason, stable across versions. */
      reason: CallbackSignatureFailureReason;
      /**
       * Human-readable explanation, safe to return to the caller or to log: it never contains
       * the callback key nor the expected signature.
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
 * Checks the `t` and `sign` fields of a callback event body against the template's CallbackKey.
 *
 * The event is accepted when `t` is a non-negative integer (a number, or a string of decimal
 * digits as older platform versions send), `sign` equals `md5(callbackKey + t)` (hex, compared
 * case-insensitively and in constant time), and `t` is not earlier than the current second.
 *
 * The signature is checked before the expiry so that `"expired"` is only reported for events that
 * were really signed with the key: it then points at a clock problem or a replay rather than at
 * a forgery.
 *
 * @param body - The parsed JSON body of the callback request (any value; non-objects fail).
 * @param callbackKey - The CallbackKey configured on the callback template.
 * @param options - Optional clock, see {@link VerifyCallbackSignatureOptions}.
 * @returns `{ ok: true }`, or `{ ok: false, reason, message }`; never throws.
 */
export function verifyCallbackSignature(
  body: unknown,
  callbackKey: string,
  options: VerifyCallbackSignatureOptions = {},
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

  const expected = Buffer.from(md5Hex(callbackKey, tText), "utf8");
  const received = Buffer.from(sign.toLowerCase(), "utf8");
  // timingSafeEqual throws on different lengths; a different length can only be a wrong
  // signature, and the length of an MD5 hex digest is public, so comparing it first leaks nothing.
  const matches = received.length === expected.length && timingSafeEqual(received, expected);
  if (!matches) {
    return {
      ok: false,
      reason: "bad-signature",
      message: "sign does not match md5(CallbackKey + t)",
    };
  }

  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (Number(tText) < nowSeconds) {
    return {
      ok: false,
      reason: "expired",
      message: `signature expired at t=${tText}, now is ${nowSeconds}`,
    };
  }
  return { ok: true };
}
