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
