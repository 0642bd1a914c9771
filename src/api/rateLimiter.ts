/**
 * Client-side pacing of API calls. One limiter lives in each provider process (it is created by
 * the module that the serialized provider loads by package name), so every resource the engine
 * drives in parallel shares it and the process as a whole stays under the account's limits.
 */

/** Spaces calls to at most `ratePerSecond` per key. */
export interface RateLimiter {
  /** Resolves when a call under `key` may start. */
  acquire(key: string, ratePerSecond: number): Promise<void>;
}

/**
 * A limiter that hands out evenly spaced start times per key (a token bucket with a burst of
 * one). Even spacing means no one-second window, however aligned, sees more than `rate + 1`
 * calls, so a server that counts per wall-clock second does not throttle us.
 */
export function createRateLimiter(
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = delay,
): RateLimiter {
  const nextSlot = new Map<string, number>();
  return {
    async acquire(key, ratePerSecond) {
      const interval = 1000 / ratePerSecond;
      const t = now();
      const slot = Math.max(t, nextSlot.get(key) ?? 0);
      nextSlot.set(key, slot + interval);
      if (slot > t) await sleep(slot - t);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
