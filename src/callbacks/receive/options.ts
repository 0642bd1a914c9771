/**
 * The options every receiver takes (the Node, Fetch and SCF handlers and the core they share),
 * and their validation at creation time: a receiver that would accept forged events or never
 * answer must fail when it is built, not on the first event.
 */
import type { CallbackEvent } from "../events";
import type { CallbackDedupeStore } from "../dedupe/store";
import { resolveCallbackKeys, type CallbackKeys, type ResolvedCallbackKey } from "../keys";
import { logRejection, type CallbackRejectionListener } from "../rejection";
import { signatureLifetimeOption } from "../signature";

/**
 * Default for `maxBodyBytes`: 64 KiB. The largest event body in Tencent's documents (an image
 * audit, 317) is 1 517 bytes as compact JSON, 2 314 pretty-printed; 64 KiB leaves a margin of
 * more than 25 times for long lists of findings, while a flood of bodies at the limit costs
 * the receiver little memory.
 */
export const DEFAULT_MAX_CALLBACK_BODY_BYTES = 64 * 1024;

/**
 * Default for `bodyTimeoutMs`: 10 s. The platform sends a small body at once and gives up on
 * an answer after 20 s; a client still sending after 10 s is not the platform, and every body
 * left open holds memory until then.
 */
export const DEFAULT_CALLBACK_BODY_TIMEOUT_MS = 10_000;

/** What every receiver adds to the context `onEvent` gets, whatever runtime carried the event. */
export interface CallbackEventInfo {
  /** Index (0-based) of the `callbackKey` entry that verified the event. */
  keyIndex: number;
  /** The event's duplicate key, `callbackEventKey(event)`: the same for every delivery of it. */
  eventKey: string;
}

/**
 * Options of every receiver. `TContext` is what the runtime adds to `onEvent`'s context: the
 * `req` of a Node handler, the `request` of a Fetch handler, the SCF event and context.
 */
export interface CallbackReceiverOptions<TContext extends object = object> {
  /**
   * The CallbackKey of the callback template, or several keys tried in order while a rotation
   * reaches every node of the platform (5–10 minutes), e.g.
   * `[newKey, { key: oldKey, notAfter: rotatedAt + 15 * 60_000 }]`. Required; no key may be
   * empty: with an empty key the signature is md5(t), which anyone can compute.
   */
  callbackKey: CallbackKeys;
  /**
   * Called once per authenticated, well-formed event (once per event across deliveries, with
   * `dedupe`); the answer waits for it. Resolve to answer `200 {"code":0}`; throw or reject to
   * answer 500 so the platform retries.
   *
   * Keep it quick: the platform waits at most 20 s for the 200 and otherwise delivers the event
   * again. Without `dedupe`, the same event can arrive more than once: make processing
   * idempotent, e.g. with `context.eventKey`.
   */
  onEvent: (event: CallbackEvent, context: TContext & CallbackEventInfo) => void | Promise<void>;
  /**
   * Largest accepted body, in bytes; larger requests get 413 without being read further.
   * Defaults to {@link DEFAULT_MAX_CALLBACK_BODY_BYTES} (64 KiB).
   */
  maxBodyBytes?: number;
  /**
   * How long reading the body may take, in milliseconds, from when reading starts; a body not
   * complete by then gets 408 (with `Connection: close`) and is not read further. Applies to
   * every adapter that reads a stream (Node, Fetch); SCF hands the body over whole. Defaults to
   * {@link DEFAULT_CALLBACK_BODY_TIMEOUT_MS} (10 s).
   */
  bodyTimeoutMs?: number;
  /**
   * Clock in milliseconds since the epoch, for the signature expiry and the keys' `notAfter`.
   * Defaults to `Date.now`.
   */
  now?: () => number;
  /**
   * How far ahead of now a signature's `t` may lie, in seconds; events signed to live longer
   * get 401. Default `DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS` (3600). Tencent signs with `t`
   * about ten minutes ahead; the signature does not cover the body, so without a bound one
   * leaked signature with a far `t` would forge any event until then.
   */
  maxSignatureLifetimeSeconds?: number;
  /**
   * Told when `onEvent` throws or rejects, or the `dedupe` store fails (the request is answered
   * 500 regardless). Defaults to `console.error`. It may be async; what it throws or rejects
   * with is ignored.
   */
  onError?: (
    error: unknown,
    context: TContext & CallbackEventInfo & { event: CallbackEvent },
  ) => void;
  /**
   * Told about every refused request (400, 401, 405, 408, 413), and about a delivery the
   * receiver itself failed on before it had an event (500, reason `receiver failed: …`), with
   * its status, the reason, the
   * event type when the body had one, and the client's address; never with a key or the
   * signature. Defaults to one line on stderr, so that a callback key changed on one side only
   * (every event then gets 401) does not go unnoticed. It may be async; what it throws or
   * rejects with is ignored.
   */
  onReject?: CallbackRejectionListener;
  /**
   * Handle each event once across deliveries: a store from `createMemoryDedupeStore` (one
   * process) or `createRedisDedupeStore` (several instances). An event already handled is
   * answered 200 without calling `onEvent`; one whose `onEvent` failed is not marked handled,
   * so the platform's retry is processed; one that another delivery is handling right now is
   * answered `409` so the platform retries it later. Default: no deduplication.
   */
  dedupe?: CallbackDedupeStore;
}

/** Options after validation. */
export interface ResolvedReceiverOptions<TContext extends object> {
  keys: ResolvedCallbackKey[];
  maxSignatureLifetimeSeconds: number;
  onEvent: CallbackReceiverOptions<TContext>["onEvent"];
  onError: NonNullable<CallbackReceiverOptions<TContext>["onError"]> | undefined;
  onReject: CallbackRejectionListener;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  now: () => number;
  dedupe: CallbackDedupeStore | undefined;
}

/**
 * Checks `options` once, when a receiver is created.
 * @param owner - The public function being called, named in the errors.
 * @throws TypeError naming the option and the rule (never a key's value).
 */
export function resolveReceiverOptions<TContext extends object>(
  options: CallbackReceiverOptions<TContext>,
  owner: string,
): ResolvedReceiverOptions<TContext> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${owner}: options must be an object`);
  }
  const keys = resolveCallbackKeys(options.callbackKey, owner, options.now);
  const maxSignatureLifetimeSeconds = signatureLifetimeOption(
    owner,
    options.maxSignatureLifetimeSeconds,
  );
  const { onEvent, onError, onReject, now, dedupe } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_CALLBACK_BODY_BYTES;
  if (typeof onEvent !== "function") {
    throw new TypeError(`${owner}: onEvent must be a function`);
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`${owner}: maxBodyBytes must be a positive integer`);
  }
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_CALLBACK_BODY_TIMEOUT_MS;
  // setTimeout fires at once for anything above 2^31 - 1 ms: a larger value would mean "no time".
  if (!Number.isSafeInteger(bodyTimeoutMs) || bodyTimeoutMs <= 0 || bodyTimeoutMs > 2 ** 31 - 1) {
    throw new TypeError(
      `${owner}: bodyTimeoutMs must be a positive integer number of milliseconds up to 2147483647; got ${String(options.bodyTimeoutMs)}`,
    );
  }
  for (const [name, value] of [
    ["onError", onError],
    ["onReject", onReject],
    ["now", now],
  ] as const) {
    if (value !== undefined && typeof value !== "function") {
      throw new TypeError(`${owner}: ${name} must be a function`);
    }
  }
  if (dedupe !== undefined && (typeof dedupe !== "object" || typeof dedupe?.claim !== "function")) {
    throw new TypeError(`${owner}: dedupe must be a store with a claim method`);
  }
  return {
    keys,
    maxSignatureLifetimeSeconds,
    onEvent,
    onError,
    onReject: onReject ?? logRejection,
    maxBodyBytes,
    bodyTimeoutMs,
    now: now ?? Date.now,
    dedupe,
  };
}
