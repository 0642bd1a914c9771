/**
 * What a fault looks like from outside: the entries of `POST /_emulator/faults`, each failing
 * some of the next calls of an action in one way. Faults let tests exercise what a real outage
 * looks like to a client: an API error, an HTTP 500, a connection lost after the change was
 * committed, or an answer that arrives too late.
 */
import { z } from "zod";
import type { LiveAction } from "../../api/models";
import { isLiveAction } from "../protocol/actionNames";

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
  error?: {
    /** The Tencent error code, e.g. `InternalError` or `LimitExceeded`. */
    code: string;
    /** The error message; `Injected fault.` when omitted. */
    message?: string;
  };
  /**
   * `http-500`: answer HTTP 500, not applied. `drop-after-commit`: apply and persist, then destroy
   * the socket without answering. `delay`: apply, then answer after `delayMs` (nothing is sent if
   * the client hung up meanwhile).
   */
  mode?: FaultMode;
  /** Delay of `mode: "delay"`, in milliseconds. */
  delayMs?: number;
}

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
