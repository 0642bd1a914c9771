/**
 * The time-stamped past of the emulated account, so that events can be routed and signed by the
 * account as it was `propagationSeconds` ago while the API shows the present (the platform takes
 * 5–10 minutes to apply a change; its control plane shows the change at once).
 *
 * Plain data: one version of the whole account (templates and rules) per change. A version
 * shares every object that did not change with the version before it, so a change costs one
 * copy of what it changed plus two arrays of references.
 */
import type { StoredRule } from "./rules/rule";
import type { StoredTemplate } from "./templates/fields";

/** The templates and rules of the account from `sinceMs` until the next version. */
export interface AccountVersion {
  /**
   * When this version became the account's state, in epoch milliseconds; `-Infinity` for the
   * state an emulator started with (empty, or loaded from a state file), which counts as in
   * effect since before any window.
   */
  readonly sinceMs: number;
  /** The account's templates in this version, in creation order. */
  readonly templates: readonly Readonly<StoredTemplate>[];
  /** The account's rules (bindings) in this version, in creation order. */
  readonly rules: readonly Readonly<StoredRule>[];
}

/** Versions of the account, oldest first; never empty. */
export interface AccountHistory {
  versions: AccountVersion[];
}

/**
 * Versions kept at least this long whatever the window, so that raising `propagationSeconds` at
 * run time (up to the platform's documented 10 minutes) routes by a past that was recorded.
 */
export const MIN_HISTORY_RETENTION_MS = 15 * 60_000;

/**
 * Most versions kept; beyond it the oldest go first (an event older than the oldest kept version
 * is then routed by that version). Bounds memory in a long run with many changes.
 */
export const MAX_HISTORY_VERSIONS = 2000;

function frozenCopy<T extends object>(value: T): Readonly<T> {
  const copy = structuredClone(value);
  for (const member of Object.values(copy)) if (Array.isArray(member)) Object.freeze(member);
  return Object.freeze(copy);
}

/** Copies of `items`, reusing the identical (same JSON) frozen objects of `previous`. */
function share<T extends object>(items: readonly T[], previous: readonly Readonly<T>[]): T[] {
  const known = new Map(previous.map((p) => [JSON.stringify(p), p]));
  return items.map(
    (item) => (known.get(JSON.stringify(item)) as T | undefined) ?? frozenCopy(item),
  );
}

/** A history whose only version is `data`, in effect since before any window. */
export function createHistory(data: {
  templates: readonly StoredTemplate[];
  rules: readonly StoredRule[];
}): AccountHistory {
  return {
    versions: [
      Object.freeze({
        sinceMs: -Infinity,
        templates: Object.freeze(share(data.templates, [])),
        rules: Object.freeze(share(data.rules, [])),
      }),
    ],
  };
}

/** The newest version. */
export function currentVersion(history: AccountHistory): AccountVersion {
  return history.versions[history.versions.length - 1];
}

/**
 * Records `data` as the account's state from `atMs` on, then forgets versions that ended more
 * than `retainMs` before `atMs` (see {@link pruneHistory}). A clock that went backwards is
 * treated as no time having passed, so versions stay in order.
 */
export function recordVersion(
  history: AccountHistory,
  data: { templates: readonly StoredTemplate[]; rules: readonly StoredRule[] },
  atMs: number,
  retainMs: number,
): void {
  const last = currentVersion(history);
  const sinceMs = Math.max(atMs, last.sinceMs);
  history.versions.push(
    Object.freeze({
      sinceMs,
      templates: Object.freeze(share(data.templates, last.templates)),
      rules: Object.freeze(share(data.rules, last.rules)),
    }),
  );
  pruneHistory(history, sinceMs, retainMs);
}

/**
 * Forgets what no event can be routed by any more: every version but the newest one that began
 * at or before `nowMs - max(retainMs, MIN_HISTORY_RETENTION_MS)`, and the oldest beyond
 * {@link MAX_HISTORY_VERSIONS}.
 */
export function pruneHistory(history: AccountHistory, nowMs: number, retainMs: number): void {
  const cutoff = nowMs - Math.max(retainMs, MIN_HISTORY_RETENTION_MS);
  let base = 0;
  while (base + 1 < history.versions.length && history.versions[base + 1].sinceMs <= cutoff) {
    base += 1;
  }
  base = Math.max(base, history.versions.length - MAX_HISTORY_VERSIONS);
  if (base > 0) history.versions.splice(0, base);
}

/** The version in effect at `atMs`: the newest that began at or before it (else the oldest). */
export function versionAt(history: AccountHistory, atMs: number): AccountVersion {
  for (let i = history.versions.length - 1; i >= 0; i -= 1) {
    if (history.versions[i].sinceMs <= atMs) return history.versions[i];
  }
  return history.versions[0];
}

/** The versions that began after `atMs`, oldest first: what is not yet in effect at `atMs`. */
export function versionsAfter(history: AccountHistory, atMs: number): AccountVersion[] {
  return history.versions.filter((v) => v.sinceMs > atMs);
}
