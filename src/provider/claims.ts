/**
 * Claims on cloud objects inside one provider process. The engine runs many resource operations
 * at once in one provider process per deployment, and the API cannot refuse a second template of
 * one name (names are not unique there) nor, under one of its plausible behaviours, a second
 * create of one rule. So before the first API call, an operation that brings a template name or a
 * (domain, app) pair under a resource's management claims it here; a second resource of the same
 * deployment reaching for the same object is refused at once, before it reads or writes anything.
 */

/** A set of claimed keys, one per cloud object. */
export interface Claims {
  /**
   * Claims `key` and returns the function that gives it back, or `undefined` when another
   * operation of this process already holds it.
   */
  take(key: string): (() => void) | undefined;
}

/** An empty set of claims, for one provider process (one deployment). */
export function createClaims(): Claims {
  const held = new Set<string>();
  return {
    take(key) {
      if (held.has(key)) return undefined;
      held.add(key);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(key);
      };
    },
  };
}

/**
 * Runs `fn` holding the claim on `key`. The claim is kept when `fn` succeeds, since the object is
 * now this resource's for the rest of the deployment, and given back when it fails, so that a
 * corrected retry in the same process is not refused. `refused` builds the error for a key that
 * is already held.
 */
export async function withClaim<T>(
  claims: Claims,
  key: string,
  refused: () => Error,
  fn: () => Promise<T>,
): Promise<T> {
  const release = claims.take(key);
  if (!release) throw refused();
  try {
    return await fn();
  } catch (e) {
    release();
    throw e;
  }
}
