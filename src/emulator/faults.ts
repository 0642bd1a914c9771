/**
 * Fault injection: a queue of entries, each failing some of the next calls of an action in one
 * way. Faults let tests exercise what a real outage looks like to a client: an API error, an HTTP
 * 500, a connection lost after the change was committed, or an answer that arrives too late.
 */
import { z } from "zod";
import type { LiveAction } from "../api/models";
import { isLiveAction } from "./actions";

/** How a faulted call can fail, besides answering an API error. */
export const FAULT_MODES = ["http-500", "drop-after-commit", "delay"] as const;

/** One of {@link FAULT_MODES}. */
export type FaultMode = (typeof FAULT_MODES)[number];

/** One entry of `POST /_emulator/faults`. */
export interface FaultSpec {
  /** Action the entry applies to, or `*` for every action. */
  action: LiveAction | "*";
  /** How many calls fail before the entry is used up. */
  times: number;
  /** Fail only every k-th matching call (default 1: every one). */
  every?: number;
  /** Answer this API error; the call is not applied. Exclusive with `mode`. */
  error?: { code: string; message?: string };
  /**
   * `http-500`: answer HTTP 500, not applied. `drop-after-commit`: apply and persist, then destroy
   * the socket without answering. `delay`: apply, then answer after `delayMs` (nothing is sent if
   * the client hung up meanwhile).
   */
  mode?: FaultMode;
  /** Delay of `mode: "delay"`, in milliseconds. */
  delayMs?: number;
}

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

const specSchema = z
  .strictObject({
    action: z.string().refine((a) => a === "*" || isLiveAction(a), {
      message: "must be one of the eight Live callback actions or *",
    }),
    times: z.int().min(1).default(1),
    every: z.int().min(1).optional(),
    error: z.strictObject({ code: z.string().min(1), message: z.string().optional() }).optional(),
    mode: z.enum(FAULT_MODES).optional(),
    delayMs: z.int().min(0).optional(),
  })
  .refine((s) => (s.error === undefined) !== (s.mode === undefined), {
    message: "give exactly one of `error` and `mode`",
  })
  .refine((s) => (s.mode === "delay") === (s.delayMs !== undefined), {
    message: "`delayMs` is required with mode `delay` and only allowed with it",
  });

/**
 * Parses the body of `POST /_emulator/faults`: one entry or a list of entries. Throws an `Error`
 * describing every problem when the body is not acceptable; nothing is queued in that case.
 */
export function parseFaultSpecs(body: unknown): FaultSpec[] {
  const parsed = z.array(specSchema).safeParse(Array.isArray(body) ? body : [body]);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data as FaultSpec[];
}

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
