/**
 * Per-action request limit over wall-clock seconds, the way Tencent Cloud documents its limits
 * ("N calls per second per action"): the count restarts when the second changes, so a burst that
 * straddles a second boundary can pass up to twice the limit, as it can against the real API.
 */

/** Calls counted for one action in one second. */
interface Window {
  second: number;
  count: number;
}

/** Rate-limit counters, one per action. */
export type RateWindows = Map<string, Window>;

/** Empty counters. */
export function createRateWindows(): RateWindows {
  return new Map();
}

/**
 * Counts a call of `action` at `nowMs` and tells whether it is over `limitPerSecond` (0 means
 * unlimited). Refused calls count too, as they do against the real limit.
 */
export function overRateLimit(
  windows: RateWindows,
  action: string,
  limitPerSecond: number,
  nowMs: number,
): boolean {
  const second = Math.floor(nowMs / 1000);
  let window = windows.get(action);
  if (!window || window.second !== second) {
    window = { second, count: 0 };
    windows.set(action, window);
  }
  window.count += 1;
  return limitPerSecond > 0 && window.count > limitPerSecond;
}
