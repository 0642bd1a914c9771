/**
 * The keys a receiver accepts. A callback key rotation takes 5–10 minutes to reach every node of
 * the platform, during which events still arrive signed with the previous key: a receiver keeps
 * both for that window, and `notAfter` retires the previous one by itself once it has passed.
 */

/**
 * One key a receiver accepts; `notAfter` (a Date, epoch milliseconds, or an ISO 8601 string)
 * is the moment after which this entry stops verifying events.
 */
export interface CallbackKeyEntry {
  /** The CallbackKey of a callback template. Non-empty. */
  key: string;
  /**
   * When this entry stops verifying events: a `Date`, milliseconds since the UNIX epoch, or an
   * ISO 8601 string such as `2025-01-31T12:10:00Z`. The entry verifies events up to and
   * including that millisecond of the receiver's clock, and none after. Omitted: never expires.
   */
  notAfter?: Date | number | string;
}

/** What `callbackKey` takes everywhere: one key, one entry, or a list tried in order. */
export type CallbackKeys = string | CallbackKeyEntry | readonly (string | CallbackKeyEntry)[];

/** A key entry after validation: `notAfterMs` is epoch milliseconds, or undefined for "never". */
export interface ResolvedCallbackKey {
  key: string;
  notAfterMs?: number;
}

/** ISO 8601 date or date-time, the forms `Date.parse` reads the same on every engine. */
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseNotAfter(value: unknown, where: string): number {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === "number") {
    ms = value;
  } else if (typeof value === "string" && ISO_8601.test(value.trim())) {
    ms = Date.parse(value.trim());
  } else {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms)) {
    // The value itself is safe to show: it is a time, never the key.
    const shown =
      value instanceof Date ? "an invalid Date" : (JSON.stringify(value) ?? String(value));
    throw new TypeError(
      `${where}.notAfter must be a Date, epoch milliseconds or an ISO 8601 string; got ${shown}`,
    );
  }
  return ms;
}

/**
 * Validates `keys` and returns them as a list of entries, in the order given.
 *
 * @param keys - What the user passed as `callbackKey`.
 * @param owner - The function named in errors, e.g. `createCallbackHandler`.
 * @throws TypeError naming the entry and the rule (never the key's value) when the list is
 *   empty, an entry is not a string or `{ key }`, a key is empty, or a `notAfter` is unparsable.
 */
export function resolveCallbackKeys(keys: unknown, owner: string): ResolvedCallbackKey[] {
  const list: readonly unknown[] = Array.isArray(keys) ? keys : [keys];
  if (list.length === 0) {
    throw new TypeError(`${owner}: callbackKey must not be an empty list`);
  }
  return list.map((entry, index) => {
    const where = Array.isArray(keys) ? `${owner}: callbackKey[${index}]` : `${owner}: callbackKey`;
    if (typeof entry === "string") {
      if (entry.length === 0) {
        // With an empty key the signature is md5(t), which anyone can compute.
        throw new TypeError(`${where} must be a non-empty string`);
      }
      return { key: entry };
    }
    if (typeof entry !== "object" || entry === null) {
      throw new TypeError(`${where} must be a non-empty string or { key, notAfter? }`);
    }
    const { key, notAfter } = entry as { key?: unknown; notAfter?: unknown };
    if (typeof key !== "string" || key.length === 0) {
      throw new TypeError(`${where}.key must be a non-empty string`);
    }
    return notAfter === undefined ? { key } : { key, notAfterMs: parseNotAfter(notAfter, where) };
  });
}
