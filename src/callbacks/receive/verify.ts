/**
 * From raw body to verified, typed event, with nothing else: the part of receiving that needs
 * no runtime and no side effect (Stripe's `constructEvent`, Octokit's `verify`).
 */
import { callbackEventKey, parseCallbackEvent, type CallbackEvent } from "../events";
import { resolveCallbackKeys, type CallbackKeys, type ResolvedCallbackKey } from "../keys";
import { eventTypeOf } from "../rejection";
import { signatureLifetimeOption, verifyWithKeys } from "../signature";
import { MAX_CALLBACK_BODY_DEPTH, nestsDeeperThan } from "./depth";
import { DEFAULT_MAX_CALLBACK_BODY_BYTES } from "./options";

/** Options of {@link verifyCallbackEvent}. */
export interface VerifyCallbackEventOptions {
  /** The key, or keys tried in order, as for every receiver; see `CallbackKeys`. */
  callbackKey: CallbackKeys;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** Largest accepted body in bytes; default `DEFAULT_MAX_CALLBACK_BODY_BYTES` (64 KiB). */
  maxBodyBytes?: number;
  /**
   * How far ahead of now `t` may lie, in seconds; default
   * `DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS` (one hour). See `CallbackReceiverOptions`.
   */
  maxSignatureLifetimeSeconds?: number;
}

/** A refused body: the HTTP status a receiver answers, and why. */
export interface CallbackRefusal {
  /** The request was refused; no event. */
  ok: false;
  /**
   * 400 (not JSON, nested too deep, not a well-formed event), 401 (signature), 405 (method),
   * 408 (body not received in time), 413 (size), or 500 (the receiver itself failed before an
   * event existed: a bug, reported rather than hidden).
   */
  status: 400 | 401 | 405 | 408 | 413 | 500;
  /** Why, safe to answer and to log: never a key or the expected signature. */
  reason: string;
  /** For a malformed event: one `path: problem` line per issue. */
  issues?: string[];
  /** The body's numeric `event_type`, when it had one. */
  eventType?: number;
}

/** Outcome of {@link verifyCallbackEvent}. */
export type CallbackVerification =
  | {
      /** The request carried a verified, well-formed event. */
      ok: true;
      /** The typed event. */
      event: CallbackEvent;
      /** Index (0-based) of the key entry that verified it. */
      keyIndex: number;
      /** `callbackEventKey(event)`. */
      eventKey: string;
    }
  | CallbackRefusal;

/** The 413 refusal. */
export function tooLargeRefusal(limit: number): CallbackRefusal {
  return { ok: false, status: 413, reason: `request body exceeds ${limit} bytes` };
}

/** Decodes the body as UTF-8 text, refusing it when it is over `limit` bytes. */
export function bodyText(body: string | Uint8Array, limit: number): string | CallbackRefusal {
  const bytes = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  if (bytes > limit) return tooLargeRefusal(limit);
  return typeof body === "string"
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
}

/** Verifies and types an already-parsed body. */
export function verifyParsedBody(
  value: unknown,
  keys: readonly ResolvedCallbackKey[],
  nowMs: number,
  maxLifetimeSeconds: number,
): CallbackVerification {
  const eventType = eventTypeOf(value);
  const withType = <T extends CallbackRefusal>(refusal: T): T =>
    eventType === undefined ? refusal : { ...refusal, eventType };
  if (nestsDeeperThan(value, MAX_CALLBACK_BODY_DEPTH)) {
    return withType({
      ok: false,
      status: 400,
      reason: `request body nests deeper than ${MAX_CALLBACK_BODY_DEPTH} levels`,
    });
  }
  const signature = verifyWithKeys(value, keys, nowMs, maxLifetimeSeconds);
  if (!signature.ok) {
    return withType({ ok: false, status: 401, reason: signature.message });
  }
  const parsed = parseCallbackEvent(value);
  if (!parsed.ok) {
    return withType({
      ok: false,
      status: 400,
      reason: "malformed callback event",
      issues: parsed.issues,
    });
  }
  return {
    ok: true,
    event: parsed.event,
    keyIndex: signature.keyIndex,
    eventKey: callbackEventKey(parsed.event),
  };
}

/** Parses JSON text, then verifies it. */
export function verifyBodyText(
  text: string,
  keys: readonly ResolvedCallbackKey[],
  nowMs: number,
  maxLifetimeSeconds: number,
): CallbackVerification {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, status: 400, reason: "request body is not valid JSON" };
  }
  return verifyParsedBody(value, keys, nowMs, maxLifetimeSeconds);
}

/**
 * Verifies a raw callback body and types it, without side effects: the core every receiver
 * handler runs, for code that answers HTTP itself. Checks, in order: the size, that the body is
 * JSON, the signature (`t`, `sign`) against each key in order, and the event's shape.
 *
 * @param body - The raw request body, as text or bytes (not re-serialized JSON: pass what
 *   arrived).
 * @param options - Keys, clock, size limit and signature lifetime; see
 *   {@link VerifyCallbackEventOptions}.
 * @returns `{ ok: true, event, keyIndex, eventKey }`, or a {@link CallbackRefusal} with the
 *   status to answer.
 * @throws TypeError when the options are invalid (not an object, an empty key list, a blank key, a bad
 *   `notAfter`, a `maxBodyBytes` that is not a positive integer, a
 *   `maxSignatureLifetimeSeconds` that is not a positive number).
 *
 * @example
 * ```ts
 * const result = verifyCallbackEvent(rawBody, { callbackKey: [newKey, oldKey] });
 * if (!result.ok) return new Response(result.reason, { status: result.status });
 * ```
 */
export function verifyCallbackEvent(
  body: string | Uint8Array,
  options: VerifyCallbackEventOptions,
): CallbackVerification {
  const owner = "verifyCallbackEvent";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${owner}: options must be an object`);
  }
  const keys = resolveCallbackKeys(options.callbackKey, owner, options.now);
  const lifetime = signatureLifetimeOption(owner, options.maxSignatureLifetimeSeconds);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_CALLBACK_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new TypeError(`${owner}: maxBodyBytes must be a positive integer`);
  }
  const text = bodyText(body, limit);
  if (typeof text !== "string") return text;
  return verifyBodyText(text, keys, (options.now ?? Date.now)(), lifetime);
}
