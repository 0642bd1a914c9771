/**
 * Shared reads. Both list actions return the whole account in one call, so every diff and read
 * in a provider process is answered from one listing: concurrent callers share the call in
 * flight, later callers reuse it for a short freshness window, and any write made by this
 * process starts a new generation so that a read after a write always sees the write.
 */

/** A single-flight, generation-checked cache of one listing. */
export interface SharedRead<T> {
  /** The listing: from the cache when fresh and of the current generation, else fetched. */
  get(): Promise<T>;
  /**
   * A listing that started at or after `generation` (as returned by `invalidate`): enough for a
   * caller that only needs to see its own write, and shareable with other such callers.
   */
  getSince(generation: number): Promise<T>;
  /** Forget the listing and start a new generation; returns it. Called after every write. */
  invalidate(): number;
}

/**
 * Wraps `fetch` so that it runs at most once per generation and freshness window.
 * A fetch that started before a write never satisfies a caller that arrives after it.
 */
export function sharedRead<T>(
  fetch: () => Promise<T>,
  freshMs: number,
  now: () => number = Date.now,
): SharedRead<T> {
  let generation = 0;
  let entry:
    { generation: number; startedAt: number; settled: boolean; value: Promise<T> } | undefined;
  return {
    get() {
      const t = now();
      // Freshness counts from the start of the fetch: the listing may be as old as that.
      if (
        entry &&
        entry.generation === generation &&
        (!entry.settled || (freshMs > 0 && t - entry.startedAt <= freshMs))
      ) {
        return entry.value;
      }
      return start(t);
    },
    getSince(since) {
      if (entry && entry.generation >= since) return entry.value;
      return start(now());
    },
    invalidate() {
      generation += 1;
      entry = undefined;
      return generation;
    },
  };

  function start(t: number): Promise<T> {
    const mine = { generation, startedAt: t, settled: false, value: fetch() };
    entry = mine;
    mine.value.then(
      () => {
        mine.settled = true;
      },
      () => {
        // A failed listing must not be served to later callers.
        if (entry === mine) entry = undefined;
      },
    );
    return mine.value;
  }
}
