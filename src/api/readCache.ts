/**
 * Shared reads. Both list actions return the whole account in one call, so every diff and read
 * in a provider process is answered from one listing: concurrent callers share the call in
 * flight, later callers reuse it for a freshness window, and every write made by this process
 * starts a new generation so that a read after a write always sees the write. A caller that
 * needs a newer listing than the one in flight waits for the next one, shared with everyone
 * else waiting, so a burst of writes costs a few listings rather than one each.
 */

/** A single-flight, generation-checked cache of one listing. */
export interface SharedRead<T> {
  /** A listing that reflects every write made so far (and is fresh), else a new one. */
  get(): Promise<T>;
  /**
   * A listing that started at or after `generation` (as returned by `invalidate`), however old:
   * enough for a caller that only needs to see one write.
   */
  getSince(generation: number): Promise<T>;
  /**
   * Like {@link get}, but only writes up to `generation` need to be reflected, and the listing
   * may be at most `maxAgeMs` old (default: the freshness window).
   */
  getFresh(generation: number, maxAgeMs?: number): Promise<T>;
  /** Starts a new generation (call it after every write) and returns it. */
  invalidate(): number;
}

/** Wraps `fetch` so that it runs at most once per generation and freshness window. */
export function sharedRead<T>(
  fetch: () => Promise<T>,
  freshMs: number,
  now: () => number = Date.now,
): SharedRead<T> {
  let generation = 0;
  let entry:
    { generation: number; startedAt: number; settled: boolean; value: Promise<T> } | undefined;
  let next: Promise<T> | undefined;

  function start(): Promise<T> {
    const mine = { generation, startedAt: now(), settled: false, value: fetch() };
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

  /** `maxAgeMs` undefined: any age will do. */
  function read(min: number, maxAgeMs: number | undefined): Promise<T> {
    // Freshness counts from the start of the fetch: the listing may be as old as that.
    const fresh = (e: NonNullable<typeof entry>) =>
      !e.settled || maxAgeMs === undefined || (maxAgeMs > 0 && now() - e.startedAt <= maxAgeMs);
    if (entry && entry.generation >= min && fresh(entry)) return entry.value;
    if (entry && !entry.settled) {
      // The listing in flight is too old for this caller: share the one that starts after it.
      // It starts later than this call, so its generation is at least `min`.
      const inFlight = entry.value;
      next ??= inFlight
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    }
    return start();
  }

  return {
    get: () => read(generation, freshMs),
    getSince: (since) => read(since, undefined),
    getFresh: (since, maxAgeMs = freshMs) => read(since, Math.min(maxAgeMs, freshMs)),
    invalidate() {
      generation += 1;
      return generation;
    },
  };
}
