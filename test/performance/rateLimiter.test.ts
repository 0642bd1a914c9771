// The process-wide limiter (src/api/rateLimiter.ts) with a simulated clock: calls start evenly
// spaced, so no one-second window sees more than rate + 1 of them, as its documentation promises
// and as a server counting per wall-clock second requires. Nothing real is timed.
import assert from "node:assert/strict";
import { createRateLimiter } from "../../src/api/rateLimiter";

/** A clock and a sleep that only move when the test says so. */
function simulatedTime() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  // Lets every promise chain that can move on do so (all pending microtasks run first).
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    /** The event loop was blocked until `until`: every sleeper due by then wakes at that moment. */
    async stallUntil(until: number) {
      await flush();
      now = until;
      const due = sleepers.filter((s) => s.at <= until);
      for (const s of due) sleepers.splice(sleepers.indexOf(s), 1);
      for (const s of due) s.wake();
      await flush();
    },
    /** Runs every sleeper in time order (new ones included) until none is left. */
    async runAll() {
      await flush();
      while (sleepers.length > 0) {
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
        await flush();
      }
    },
  };
}

/** The most starts that fall in any window [t, t + 1000) among `starts`. */
function busiestSecond(starts: number[]): number {
  return Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length));
}

describe("performance: the rate limiter", () => {
  const RATE = 10;

  async function startTimes(calls: number, stallUntil?: number): Promise<number[]> {
    const time = simulatedTime();
    const limiter = createRateLimiter(time.now, time.sleep);
    const starts: number[] = [];
    const all = Array.from({ length: calls }, () =>
      limiter.acquire("CreateLiveCallbackRule", RATE).then(() => starts.push(time.now())),
    );
    if (stallUntil !== undefined) await time.stallUntil(stallUntil);
    await time.runAll();
    await Promise.all(all);
    return starts;
  }

  it("spaces a burst evenly: no one-second window sees more than rate + 1 starts", async () => {
    const starts = await startTimes(40);
    assert.equal(starts.length, 40);
    assert.ok(busiestSecond(starts) <= RATE + 1, `busiest second: ${busiestSecond(starts)}`);
  });

  // After the event loop was blocked (GC, a large JSON parse, a busy machine), callers whose slot
  // passed meanwhile must not all send at once: a limiter that fixed slots at acquire time let
  // 19 starts into one second at rate 10. Spacing from the previous actual start keeps rate + 1.
  it("keeps the spacing after the event loop was blocked past several slots", async () => {
    const starts = await startTimes(40, 1000);
    assert.equal(starts.length, 40);
    assert.ok(busiestSecond(starts) <= RATE + 1, `busiest second: ${busiestSecond(starts)}`);
  });
});
