/**
 * Shared reads. Both list actions return the whole account in one call, so every diff and read
 * in a provider process is answered from one listing: concurrent callers share the call in
 * flight, later callers reuse it for a freshness window, and every write made by this process
 * starts a new generation so that a read after a write always sees the write.
 *
 * A caller that needs a listing newer than the one in flight (it wrote after that listing
 * started, so the listing may not show the write) waits for the next one, which starts when the
 * one in flight ends and is shared with everyone else waiting: however many writes end while a
 * listing runs, they cost one more listing, so at most one listing runs at a time and a burst of
 * writes costs about one listing per listing time, not one per write. The next listing is
 * started only when someone waits for it.
 *
 * A caller that does not need the newest listing (any one started after its own writes and
 * young enough will do) takes the newest one that has already answered instead of joining one
 * in flight: during a burst of writes a listing is nearly always in flight, and joining it would
 * add up to a listing's time to every such read.
 */

/** A single-flight, generation-checked cache of one listing. */
export interface SharedRead<T> {
  /** A listing that reflects every write made so far (and is fresh), else a new one. */
  get(): Promise<T>;
  /**
   * A listing that started at or after `generation` (as returned by `invalidate`), however old:
   * enough for a caller that only needs to see one write. When the listing in flight started
   * before, this waits for the next one.
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

/** One listing: the generation current when it started, and when it started. */
interface Listing<T> {
  generation: number;
  startedAt: number;
  value: Promise<T>;
}

/** Wraps `fetch` so that it runs at most once per generation and freshness window. */
export function sharedRead<T>(
  fetch: () => Promise<T>,
  freshMs: number,
  now: () => number = Date.now,
): SharedRead<T> {
  let generation = 0;
  // The listing running now (at most one), and the newest one that answered. A failed listing
  // becomes neither: its waiters get its error, later callers a new listing.
  let inFlight: Listing<T> | undefined;
  let answered: Listing<T> | undefined;
  // The listing that starts when `inFlight` ends, once someone waits for it.
  let next: Promise<T> | undefined;

  function start(): Promise<T> {
    const mine: Listing<T> = { generation, startedAt: now(), value: fetch() };
    inFlight = mine;
    mine.value.then(
      () => {
        if (inFlight === mine) inFlight = undefined;
        answered = mine;
      },
      () => {
        if (inFlight === mine) inFlight = undefined;
      },
    );
    return mine.value;
  }

  /** `maxAgeMs` undefined: any age will do. */
  function read(min: number, maxAgeMs: number | undefined): Promise<T> {
    // Freshness counts from the start of the fetch: the listing may be as old as that.
    const young = (l: Listing<T>) =>
      maxAgeMs === undefined || (maxAgeMs > 0 && now() - l.startedAt <= maxAgeMs);
    if (answered && answered.generation >= min && young(answered)) return answered.value;
    // A listing in flight started no earlier than any answered one, so it is young enough.
    if (inFlight && inFlight.generation >= min) return inFlight.value;
    // Between the end of one listing and the start of the next one (a few microtasks), the
    // pending one serves: it starts after this call.
    if (!inFlight) return next ?? start();
    // The listing in flight started before a write this caller must see: share the one that
    // starts after it. It starts later than this call, so its generation is at least `min`.
    next ??= inFlight.value
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
