/**
 * The queue of pending faults and the decision, per API call, whether one of them fails it.
 */
import type { LiveAction } from "../../api/models";
import type { FaultSpec } from "./specs";

/** A queued {@link FaultSpec} with its progress. */
export interface PendingFault extends FaultSpec {
  /** Matching calls this entry has counted. */
  seen: number;
  /** Calls this entry has failed so far. */
  failed: number;
}

/** What the pipeline must do to the current call. */
export type FaultEffect =
  | { kind: "error"; code: string; message: string }
  | { kind: "http-500" }
  | { kind: "drop-after-commit" }
  | { kind: "delay"; delayMs: number };

/** Makes queue entries out of parsed specs. */
export function toPending(specs: readonly FaultSpec[]): PendingFault[] {
  return specs.map((spec) => ({ ...spec, seen: 0, failed: 0 }));
}

/**
 * Decides whether the current call of `action` fails. The call is offered to the entries in the
 * order they were queued: each matching entry counts it, and the first whose count is a multiple
 * of its `every` fails it; entries after that one do not see the call. An entry is removed from
 * `pending` (mutated in place) once it has failed `times` calls.
 */
export function takeFault(pending: PendingFault[], action: LiveAction): FaultEffect | undefined {
  for (let i = 0; i < pending.length; i += 1) {
    const entry = pending[i];
    if (entry.action !== "*" && entry.action !== action) continue;
    entry.seen += 1;
    if (entry.seen % (entry.every ?? 1) !== 0) continue;
    entry.failed += 1;
    if (entry.failed >= entry.times) pending.splice(i, 1);
    return effectOf(entry);
  }
  return undefined;
}

function effectOf(entry: FaultSpec): FaultEffect {
  if (entry.error) {
    return {
      kind: "error",
      code: entry.error.code,
      message: entry.error.message ?? "Injected fault.",
    };
  }
  if (entry.mode === "delay") return { kind: "delay", delayMs: entry.delayMs ?? 0 };
  return { kind: entry.mode === "http-500" ? "http-500" : "drop-after-commit" };
}
