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
 * A limiter that starts calls of one key one at a time, each at least `1 / rate` after the
 * previous call actually started (a queue with a burst of one). Spacing from actual starts, not
 * from planned ones, matters when the event loop stalls (GC, a large JSON parse): the calls that
 * waited then still leave one by one instead of all at once. So no one-second window, however
 * aligned, sees more than `rate + 1` calls, and a server counting per second does not throttle us.
 */
export function createRateLimiter(
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = delay,
): RateLimiter {
  const keys = new Map<string, { lastStart: number; queue: Promise<void> }>();
  return {
    acquire(key, ratePerSecond) {
      const interval = 1000 / ratePerSecond;
      let k = keys.get(key);
      if (!k) {
        k = { lastStart: -Infinity, queue: Promise.resolve() };
        keys.set(key, k);
      }
      const slot = k;
      const turn = slot.queue.then(async () => {
        const planned = slot.lastStart + interval;
        const wait = planned - now();
        // Timers have whole milliseconds and may round a fraction down: never start early.
        if (wait > 0) await sleep(Math.ceil(wait));
        // A little late (timer granularity, a busy loop), keep the planned cadence so the pace
        // stays at the rate; late by a whole interval or more (a stall), count from now so the
        // calls that piled up still leave one interval apart.
        const t = now();
        slot.lastStart = t - planned < interval ? planned : t;
      });
      slot.queue = turn;
      return turn;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
