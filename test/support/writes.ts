/** The write calls in an emulator's call counters, for tests that must prove nothing changed. */
import { WRITE_ACTIONS } from "../../src/api/models";
import type { EmulatorSnapshot } from "../../src/emulator";

/** Calls of each action that changes the account (0 for none), so a diff names the action. */
export function writesByAction(snapshot: Pick<EmulatorSnapshot, "calls">): Record<string, number> {
  const calls = snapshot.calls as Record<string, number | undefined>;
  return Object.fromEntries(WRITE_ACTIONS.map((action) => [action, calls[action] ?? 0]));
}

/** All calls that changed (or may have changed) the account. */
export function writeCount(snapshot: Pick<EmulatorSnapshot, "calls">): number {
  return Object.values(writesByAction(snapshot)).reduce((a, b) => a + b, 0);
}
