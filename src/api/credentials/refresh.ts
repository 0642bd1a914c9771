/**
 * The cache in front of every source: temporary credentials are renewed `marginMs` before they
 * expire (at most half their lifetime early, so short test lifetimes work too), concurrent
 * callers share one fetch, a failed fetch is never cached (the next call fetches again), a
 * failed renewal keeps serving the current credential while it is still valid, and a credential
 * that comes back already due is used rather than re-requested in a loop.
 */
import type { Credential, CredentialProvider, CredentialSource } from "./types";

/** Options of {@link refreshing}. */
export interface RefreshOptions {
  /** How long before expiry to renew, in ms (capped at half the credential's lifetime). */
  marginMs: number;
  /** Shortest time between two fetches while the current credential is valid, in ms. */
  minIntervalMs?: number;
  /** Clock; tests inject one. */
  now?: () => number;
}

function sameCredential(a: Credential, b: Credential): boolean {
  return a.secretId === b.secretId && a.token === b.token;
}

/** A provider caching `source`'s credential as described in the module comment. */
export function refreshing(source: CredentialSource, options: RefreshOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  let current: Credential | undefined;
  let fetchedAtMs = 0;
  let stale = false;
  let inflight: Promise<Credential> | undefined;
  let count = 0;

  const due = (c: Credential, t: number): boolean => {
    if (stale) return true;
    if (c.expiresAtMs === undefined) return false;
    if (t - fetchedAtMs < minIntervalMs && t < c.expiresAtMs) return false;
    const lifetime = Math.max(0, c.expiresAtMs - fetchedAtMs);
    return t >= c.expiresAtMs - Math.min(options.marginMs, lifetime / 2);
  };

  const fetchOnce = (): Promise<Credential> => {
    inflight ??= (async () => {
      try {
        count += 1;
        const fresh = await source.fetch();
        current = fresh;
        fetchedAtMs = now();
        stale = false;
        return fresh;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    label: source.label,
    fetches: () => count,
    async getCredential() {
      const t = now();
      const held = current;
      if (held && !due(held, t)) return held;
      if (held && !stale && held.expiresAtMs !== undefined && t < held.expiresAtMs) {
        // Renewing early: if it fails, the current credential still works until it expires.
        return fetchOnce().catch(() => held);
      }
      return fetchOnce();
    },
    invalidate(failed?: Credential) {
      if (!current) return;
      // Several calls may fail with the same old credential: only the first one counts.
      if (failed && !sameCredential(failed, current)) return;
      stale = true;
    },
  };
}
