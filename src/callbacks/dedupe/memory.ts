/** Duplicate detection inside one process: a bounded map of event keys. */
import {
  DEFAULT_DEDUPE_LEASE_SECONDS,
  DEFAULT_DEDUPE_TTL_SECONDS,
  dedupeKeyProblem,
  secondsOption,
  type CallbackDedupeStore,
  type CallbackDedupeStoreOptions,
} from "./store";

/** Options of {@link createMemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions extends CallbackDedupeStoreOptions {
  /**
   * Most keys kept; beyond it the oldest are forgotten first (a forgotten event delivered again
   * is processed again). Default 100 000. Keys are at most `MAX_DEDUPE_KEY_LENGTH` characters,
   * so the store holds at most about `maxEntries` × 1 KiB (with the default, under 100 MiB;
   * with `callbackEventKey`'s 90-character keys, about a third of that).
   */
  maxEntries?: number;
}

/** Default of {@link MemoryDedupeStoreOptions.maxEntries}. */
export const DEFAULT_DEDUPE_MAX_ENTRIES = 100_000;

interface Entry {
  state: "in-progress" | "done";
  expiresAt: number;
  token: symbol;
}

/**
 * A {@link CallbackDedupeStore} in this process's memory: right for a receiver running as one
 * instance. Several instances (or processes of a cluster) each have their own memory and must
 * share a `createRedisDedupeStore` instead.
 *
 * @param options - Retention, lease and size; see {@link MemoryDedupeStoreOptions}.
 * @param now - Clock in epoch milliseconds; defaults to `Date.now` (tests pass their own).
 * @throws TypeError when a number is not positive (or `maxEntries` not an integer).
 */
export function createMemoryDedupeStore(
  options: MemoryDedupeStoreOptions = {},
  now: () => number = Date.now,
): CallbackDedupeStore {
  const owner = "createMemoryDedupeStore";
  const ttlMs = secondsOption(owner, "ttlSeconds", options.ttlSeconds, DEFAULT_DEDUPE_TTL_SECONDS);
  const leaseMs = secondsOption(
    owner,
    "leaseSeconds",
    options.leaseSeconds,
    DEFAULT_DEDUPE_LEASE_SECONDS,
  );
  const maxEntries = options.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
    throw new TypeError(
      `${owner}: maxEntries must be a positive integer; got ${String(maxEntries)}`,
    );
  }
  // A Map iterates in insertion order; every write re-inserts, so the first entry is the oldest.
  const entries = new Map<string, Entry>();

  const put = (key: string, entry: Entry): void => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) {
      entries.delete(entries.keys().next().value as string);
    }
  };

  return {
    claim(key) {
      const problem = dedupeKeyProblem(owner, key);
      if (problem) return Promise.reject(problem);
      const at = now();
      const current = entries.get(key);
      if (current && current.expiresAt > at) {
        return Promise.resolve({ status: current.state });
      }
      const token = Symbol(key);
      put(key, { state: "in-progress", expiresAt: at + leaseMs, token });
      const ours = (): boolean => entries.get(key)?.token === token;
      return Promise.resolve({
        status: "claimed" as const,
        complete: () => {
          put(key, { state: "done", expiresAt: now() + ttlMs, token });
          return Promise.resolve();
        },
        release: () => {
          if (ours()) entries.delete(key);
          return Promise.resolve();
        },
      });
    },
  };
}
