/**
 * Counting API calls as the emulator saw them: per action, split into reads and writes, and as a
 * difference between two moments so one emulator can serve several measurements.
 */
import { READ_ACTIONS, WRITE_ACTIONS, type LiveAction } from "../../src/api/models";
import type { CallCounts, EmulatorHandle } from "../../src/emulator";

/** Calls made between two snapshots of the emulator's counters. */
export interface CallDelta {
  /** Calls per action (every action present, 0 when not called). */
  byAction: Record<LiveAction, number>;
  reads: number;
  writes: number;
  total: number;
}

/** The calls counted between two values of the emulator's counters. */
export function callsBetween(before: CallCounts, after: CallCounts): CallDelta {
  const byAction = {} as Record<LiveAction, number>;
  const sum = (actions: readonly LiveAction[]) =>
    actions.reduce((total, action) => {
      byAction[action] = (after[action] ?? 0) - (before[action] ?? 0);
      return total + byAction[action];
    }, 0);
  const reads = sum(READ_ACTIONS);
  const writes = sum(WRITE_ACTIONS);
  return { byAction, reads, writes, total: reads + writes };
}

/** The counters of an in-process emulator now (a copy). */
export function callCounts(emulator: EmulatorHandle): CallCounts {
  return emulator.state().calls;
}

/** The calls an in-process emulator counted since `before` (a value of {@link callCounts}). */
export function callsSince(emulator: EmulatorHandle, before: CallCounts): CallDelta {
  return callsBetween(before, callCounts(emulator));
}

/**
 * Measures `fn`: its result, its wall time in milliseconds, and the calls counted meanwhile by
 * the emulator whose counters `counts` returns.
 */
export async function measure<R>(
  counts: () => Promise<CallCounts>,
  fn: () => Promise<R>,
): Promise<{ result: R; ms: number; calls: CallDelta }> {
  const before = await counts();
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  return { result, ms, calls: callsBetween(before, await counts()) };
}
