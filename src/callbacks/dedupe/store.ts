/**
 * What a receiver needs from a store to handle each event once: claim the event's key before
 * `onEvent`, then either mark it done (a later delivery is a duplicate) or give the claim back
 * (the platform's retry is processed). A claim is a lease: if the instance holding it dies, the
 * claim expires and a redelivery is processed by whoever gets it next.
 */

/** A claim this delivery now holds: finish it one way or the other. */
export interface CallbackDedupeClaim {
  /** The event is handled by this delivery. */
  status: "claimed";
  /** `onEvent` succeeded: remember the key as handled for the store's ttl. */
  complete(): Promise<void>;
  /** `onEvent` failed: drop the claim (only if it is still this one) so a retry is processed. */
  release(): Promise<void>;
}

/** What {@link CallbackDedupeStore.claim} found. */
export type CallbackDedupeClaimResult =
  | CallbackDedupeClaim
  | {
      /** `done`: handled already (answer 200); `in-progress`: another delivery holds the lease. */
      status: "done" | "in-progress";
    };

/**
 * A store of handled event keys shared by the deliveries of one receiver (memory) or of several
 * instances (Redis). See `createMemoryDedupeStore` and `createRedisDedupeStore`; any object with
 * this method can be passed as the `dedupe` option.
 */
export interface CallbackDedupeStore {
  /**
   * Atomically claims `key` unless it is handled or claimed already. The stores of this
   * library reject (TypeError) a key longer than {@link MAX_DEDUPE_KEY_LENGTH} characters or
   * holding a lone surrogate, which keeps what they hold bounded in bytes.
   * @param key - The event's `callbackEventKey`.
   */
  claim(key: string): Promise<CallbackDedupeClaimResult>;
}

/** Options shared by the stores of this library. */
export interface CallbackDedupeStoreOptions {
  /**
   * How long a handled key is remembered, in seconds. Must outlast the platform's retries: up to
   * 12 retries one minute apart, so the default is 86 400 (one day).
   */
  ttlSeconds?: number;
  /**
   * How long a claim holds while `onEvent` runs, in seconds; default 60. After it, a delivery of
   * the same event is processed again, which is what lets an event survive an instance that
   * crashed mid-`onEvent`. Keep it above the time `onEvent` takes (the platform gives up on an
   * answer after 20 s anyway).
   */
  leaseSeconds?: number;
}

/** Default of {@link CallbackDedupeStoreOptions.ttlSeconds}: one day. */
export const DEFAULT_DEDUPE_TTL_SECONDS = 86_400;
/** Default of {@link CallbackDedupeStoreOptions.leaseSeconds}. */
export const DEFAULT_DEDUPE_LEASE_SECONDS = 60;

/** Validates a positive number of seconds (fractions allowed) and returns milliseconds. */
export function secondsOption(
  owner: string,
  name: string,
  value: unknown,
  fallback: number,
): number {
  const seconds = value === undefined ? fallback : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new TypeError(
      `${owner}: ${name} must be a positive number of seconds; got ${String(value)}`,
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}

/**
 * Longest key the stores of this library accept, in UTF-16 characters (so at most 768 bytes of
 * UTF-8). `callbackEventKey` writes about 90 ASCII characters; the bound is what keeps a store
 * bounded in bytes (a memory store holds at most `maxEntries` such keys) even for keys built by
 * other code.
 */
export const MAX_DEDUPE_KEY_LENGTH = 256;

/**
 * Why `key` cannot be stored, or undefined when it can: longer than
 * {@link MAX_DEDUPE_KEY_LENGTH}, or not well-formed UTF-16 (a lone surrogate becomes U+FFFD in
 * UTF-8, so two different keys would share one Redis key). The message never shows the key.
 */
export function dedupeKeyProblem(owner: string, key: unknown): TypeError | undefined {
  if (typeof key !== "string" || key === "") {
    return new TypeError(`${owner}: claim(key) needs a non-empty string key`);
  }
  if (key.length > MAX_DEDUPE_KEY_LENGTH) {
    return new TypeError(
      `${owner}: claim(key) takes keys of at most ${MAX_DEDUPE_KEY_LENGTH} characters; got ${key.length}`,
    );
  }
  if (/\p{Surrogate}/u.test(key)) {
    return new TypeError(
      `${owner}: claim(key) needs well-formed text; the key has a lone surrogate`,
    );
  }
  return undefined;
}
