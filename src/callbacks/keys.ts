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
  /** The CallbackKey of a callback template. Not blank. */
  key: string;
  /**
   * When this entry stops verifying events: a `Date`, milliseconds since the UNIX epoch, or an
   * ISO 8601 string such as `2025-01-31T12:10:00Z`. The entry verifies events up to and
   * including that millisecond of the receiver's clock, and none after. Omitted: never expires.
   * Refused at creation: an impossible date (`2025-02-30`), or a value that can only be a unit
   * mistake (past the year 3000, or more than a year ahead of now).
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

/**
 * ISO 8601 date or date-time, the forms `Date.parse` reads the same on every engine, with each
 * component captured so that impossible values can be refused (`Date.parse` reads 2025-02-30 as
 * 2 March on V8).
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/i;

/** Latest `notAfter` that is not a unit mistake whatever the clock: 3000-01-01T00:00:00Z. */
const YEAR_3000_MS = Date.UTC(3000, 0, 1);
/**
 * Furthest ahead of now a `notAfter` may lie. It retires a previous key minutes after a rotation;
 * a year ahead is already generous, and a value in microseconds (or nanoseconds) lands
 * thousands of years ahead, so the old key would never retire.
 */
const MAX_NOT_AFTER_AHEAD_MS = 366 * 24 * 3600 * 1000;

/** True when the components of an ISO 8601 text name a real date and time. */
function isRealDate(match: RegExpExecArray): boolean {
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const within = (value: number, max: number): boolean => Number.isNaN(value) || value <= max;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    within(hour, 23) &&
    within(minute, 59) &&
    within(second, 59) &&
    within(offsetHours, 23) &&
    within(offsetMinutes, 59)
  );
}

function parseNotAfter(value: unknown, where: string, nowMs: number): number {
  // The value itself is safe to show: it is a time, never the key.
  const shown =
    value instanceof Date ? "an invalid Date" : (JSON.stringify(value) ?? String(value));
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === "number") {
    ms = value;
  } else if (typeof value === "string") {
    const match = ISO_8601.exec(value.trim());
    if (match && !isRealDate(match)) {
      throw new TypeError(`${where}.notAfter must be a real date and time; got ${shown}`);
    }
    ms = match ? Date.parse(value.trim()) : Number.NaN;
  } else {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new TypeError(
      `${where}.notAfter must be a Date, epoch milliseconds or an ISO 8601 string; got ${shown}`,
    );
  }
  const at = () => (value instanceof Date ? value.toISOString() : shown);
  if (ms >= YEAR_3000_MS) {
    throw new TypeError(
      `${where}.notAfter must be before the year 3000 (epoch milliseconds, not micro- or nanoseconds); got ${at()}`,
    );
  }
  if (ms > nowMs + MAX_NOT_AFTER_AHEAD_MS) {
    throw new TypeError(
      `${where}.notAfter must be at most a year ahead of now (it retires a previous key minutes after a rotation); got ${at()}`,
    );
  }
  return ms;
}

/**
 * Validates `keys` and returns them as a list of entries, in the order given.
 *
 * @param keys - What the user passed as `callbackKey`.
 * @param owner - The function named in errors, e.g. `createCallbackHandler`.
 * @param now - The receiver's clock (epoch milliseconds), when it has one; a `notAfter` more
 *   than a year ahead of it is refused.
 * @throws TypeError naming the entry and the rule (never the key's value) when the list is
 *   empty, an entry is not a string or `{ key }`, a key is blank, or a `notAfter` is unparsable,
 *   an impossible date (2025-02-30), past the year 3000 or more than a year ahead of now.
 */
export function resolveCallbackKeys(
  keys: unknown,
  owner: string,
  now?: unknown,
): ResolvedCallbackKey[] {
  const nowMs = typeof now === "function" ? Number(now()) : Date.now();
  const list: readonly unknown[] = Array.isArray(keys) ? keys : [keys];
  if (list.length === 0) {
    throw new TypeError(`${owner}: callbackKey must not be an empty list`);
  }
  return list.map((entry, index) => {
    const where = Array.isArray(keys) ? `${owner}: callbackKey[${index}]` : `${owner}: callbackKey`;
    if (typeof entry === "string") {
      if (entry.trim().length === 0) {
        // With an empty key the signature is md5(t), which anyone can compute; a blank one is
        // as guessable, and can only be a configuration mistake.
        throw new TypeError(`${where} must be a non-empty string, not blank`);
      }
      return { key: entry };
    }
    if (typeof entry !== "object" || entry === null) {
      throw new TypeError(`${where} must be a non-empty string or { key, notAfter? }`);
    }
    const { key, notAfter } = entry as { key?: unknown; notAfter?: unknown };
    if (typeof key !== "string" || key.trim().length === 0) {
      throw new TypeError(`${where}.key must be a non-empty string, not blank`);
    }
    return notAfter === undefined
      ? { key }
      : { key, notAfterMs: parseNotAfter(notAfter, where, nowMs) };
  });
}
