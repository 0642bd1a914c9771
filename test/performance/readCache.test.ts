// The shared listing itself (src/api/readCache.ts), with a controlled clock: single flight,
// generations (a read after a write never gets a listing that started before it), and the
// freshness window measured from the start of the listing.
import assert from "node:assert/strict";
import { sharedRead } from "../../src/api/readCache";

/** A listing whose answers the test releases one by one, counting the fetches started. */
function controlledFetch() {
  const answers: ((value: number) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  return {
    fetches: () => answers.length,
    fetch: () =>
      new Promise<number>((resolve, reject) => {
        answers.push(resolve);
        failures.push(reject);
      }),
    answer: (i: number, value: number) => answers[i](value),
    fail: (i: number) => failures[i](new Error("listing failed")),
    failWith: (i: number, error: Error) => failures[i](error),
  };
}

describe("performance: the shared listing (readCache)", () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it("concurrent reads share one listing in flight", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const all = Promise.all([read.get(), read.get(), read.get()]);
    f.answer(0, 7);
    assert.deepEqual(await all, [7, 7, 7]);
    assert.equal(f.fetches(), 1);
  });

  it("a settled listing is reused up to freshMs after it started, not after", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const first = read.get();
    f.answer(0, 1);
    await first;
    now += 5000;
    assert.equal(await read.get(), 1);
    now += 1;
    const second = read.get();
    assert.equal(f.fetches(), 2);
    f.answer(1, 2);
    assert.equal(await second, 2);
  });

  it("a read after a write never gets a listing that started before the write", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const before = read.get();
    const generation = read.invalidate();
    const after = read.get();
    const since = read.getSince(generation);
    // Both wait for the next listing, which starts when the one in flight ends.
    assert.equal(f.fetches(), 1);
    f.answer(0, 1);
    assert.equal(await before, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(f.fetches(), 2);
    f.answer(1, 2);
    assert.deepEqual(await Promise.all([after, since]), [2, 2]);
  });

  it("a failed listing is not served to later reads", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const first = read.get();
    f.fail(0);
    await assert.rejects(first, /listing failed/);
    const second = read.get();
    assert.equal(f.fetches(), 2);
    f.answer(1, 3);
    assert.equal(await second, 3);
  });

  // readCacheSeconds 0 is documented as "never reuse" (src/api/settings.ts); single flight still
  // applies. A listing that settled within the millisecond it started must not count as fresh.
  it("with freshMs 0 a settled listing is never reused, even within the same millisecond", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 0, clock);
    const first = read.get();
    f.answer(0, 1);
    await first;
    const second = read.get();
    assert.equal(f.fetches(), 2, "the second read made its own listing");
    f.answer(1, 2);
    assert.equal(await second, 2);
  });

  it("getFresh with a maximum age refetches a listing older than it, but never beyond the window", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const first = read.get();
    f.answer(0, 1);
    await first;
    now += 999;
    assert.equal(await read.getFresh(0, 1000), 1, "young enough: reused");
    assert.equal(f.fetches(), 1);
    now += 2;
    const young = read.getFresh(0, 1000);
    assert.equal(f.fetches(), 2, "older than 1000 ms: a new listing");
    f.answer(1, 2);
    assert.equal(await young, 2);
    // A maximum age longer than the window is capped by the window.
    now += 6000;
    const capped = read.getFresh(0, 60_000);
    assert.equal(f.fetches(), 3);
    f.answer(2, 3);
    assert.equal(await capped, 3);
  });
});

// The read-back after a create (src/provider/binding/race.ts, template/race.ts): a write whose
// answer has arrived is checked against a listing that started after that answer. `written`
// below is what the client passes for such a read: the generation its write started.
describe("performance: the next-listing barrier of the shared listing", () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });
  /** Lets the chain that starts the next listing run. */
  const settle = () => new Promise((r) => setImmediate(r));
  /** Whether `p` has settled by the time pending callbacks have run. */
  async function settledYet(p: Promise<unknown>): Promise<boolean> {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    await settle();
    return done;
  }

  it("a write answered while a listing runs is checked against the following listing, not that one", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const running = read.get();
    const written = read.invalidate();
    const check = read.getFresh(written);
    f.answer(0, 1);
    assert.equal(await running, 1);
    assert.equal(await settledYet(check), false, "the listing that started before the write");
    assert.equal(f.fetches(), 2);
    f.answer(1, 2);
    assert.equal(await check, 2);
  });

  it("writes answered while one listing runs share exactly one following listing", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const running = read.get();
    const checks = Array.from({ length: 5 }, () => read.getFresh(read.invalidate()));
    assert.equal(f.fetches(), 1, "nothing starts while the listing runs");
    f.answer(0, 1);
    await running;
    await settle();
    assert.equal(f.fetches(), 2);
    f.answer(1, 2);
    assert.deepEqual(await Promise.all(checks), [2, 2, 2, 2, 2]);
  });

  it("writes answered while no listing runs share the next listing", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const generations = Array.from({ length: 4 }, () => read.invalidate());
    const checks = generations.map((g) => read.getFresh(g));
    assert.equal(f.fetches(), 1);
    f.answer(0, 1);
    assert.deepEqual(await Promise.all(checks), [1, 1, 1, 1]);
  });

  it("a failed listing fails every one of its waiters with its own error, once, and is not reused", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const running = read.get();
    const written = [read.invalidate(), read.invalidate(), read.invalidate()];
    const checks = written.map((g) => read.getFresh(g));
    f.answer(0, 1);
    await running;
    await settle();
    const error = Object.assign(new Error("DescribeLiveCallbackRules failed: [InternalError]"), {
      code: "InternalError",
      action: "DescribeLiveCallbackRules",
      requestId: "rid-shared",
    });
    f.failWith(1, error);
    for (const check of checks) {
      await assert.rejects(check, (e) => e === error);
    }
    await settle();
    // The waiters are not retried behind the caller's back: the client's retries already ran.
    assert.equal(f.fetches(), 2);
    // The create whose check failed, checked again: a new listing, not the failed one.
    const again = read.getFresh(written[2]);
    assert.equal(f.fetches(), 3, "the failed listing is not served");
    f.answer(2, 3);
    assert.equal(await again, 3);
  });

  it("starts no listing when nobody waits for one", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    for (let i = 0; i < 5; i++) read.invalidate();
    await settle();
    assert.equal(f.fetches(), 0, "writes alone start nothing");
    const running = read.get();
    read.invalidate();
    f.answer(0, 1);
    await running;
    await settle();
    assert.equal(f.fetches(), 1, "a write during a listing starts nothing after it");
  });

  it("a read that needs only a young listing takes the last answered one instead of joining one in flight", async () => {
    const f = controlledFetch();
    const read = sharedRead(f.fetch, 5000, clock);
    const first = read.get();
    f.answer(0, 1);
    await first;
    now += 300;
    // A write to another rule, and its read-back in flight.
    const check = read.getFresh(read.invalidate());
    assert.equal(f.fetches(), 2);
    const look = read.getFresh(0, 1000);
    assert.equal(await settledYet(look), true, "answered at once");
    assert.equal(await look, 1);
    // Older than the maximum age: the listing in flight serves.
    now += 701;
    const older = read.getFresh(0, 1000);
    assert.equal(await settledYet(older), false);
    f.answer(1, 2);
    assert.deepEqual(await Promise.all([check, older]), [2, 2]);
    assert.equal(f.fetches(), 2);
  });
});
