/**
 * The attempts of one delivery: the first at once, then a retry after each failure, as the
 * record's plan says, until one gets HTTP 200, the retries run out, or the delivery is cancelled.
 * The record is updated as each attempt ends, so a delivery running in the background can be
 * watched through the delivery list.
 */
import { performance } from "node:perf_hooks";
import { sleep } from "../http";
import type { EventBody } from "./bodies/common";
import { postOnce } from "./delivery";
import type { DeliveryRecord } from "./record";

/** A delivery under way. */
export interface AttemptRun {
  /** Resolves once the first attempt has ended (or the delivery was cancelled before it). */
  firstAttempt: Promise<void>;
  /** Resolves once the record is `done`. Never rejects. */
  finished: Promise<void>;
}

function abortReason(signal: AbortSignal): string {
  return typeof signal.reason === "string" ? signal.reason : "the emulator is stopping";
}

async function attemptLoop(
  record: DeliveryRecord,
  target: URL,
  resign: (nowMs: number) => EventBody,
  signal: AbortSignal,
  afterAttempt: () => void,
): Promise<void> {
  const { plan } = record;
  try {
    for (let attempt = 1; attempt <= 1 + plan.retries; attempt += 1) {
      if (attempt > 1 && !(await sleep(plan.intervalMs, signal))) break;
      if (signal.aborted) break;
      const startedMs = Date.now();
      const started = performance.now();
      const body =
        attempt === 1 || plan.retrySignature === "same" ? record.body : resign(startedMs);
      const base = { attempt, startedMs, t: body.t, sign: body.sign };
      const elapsed = (): number => Math.round(performance.now() - started);
      try {
        const answer = await postOnce(target, JSON.stringify(body), plan.timeoutMs, signal);
        record.attempts.push({ ...base, ...answer, durationMs: elapsed() });
        if (answer.status === 200) {
          record.delivered = true;
          return;
        }
      } catch (err) {
        record.attempts.push({ ...base, error: (err as Error).message, durationMs: elapsed() });
      }
      afterAttempt();
    }
  } finally {
    if (!record.delivered && signal.aborted) record.cancelled = abortReason(signal);
    record.done = true;
    afterAttempt();
  }
}

/**
 * Starts delivering `record.body` to `target`. `resign` makes the body of a retry when the plan's
 * `retrySignature` is `fresh`. Aborting `signal` stops the retries (and an attempt in flight).
 */
export function runAttempts(
  record: DeliveryRecord,
  target: URL,
  resign: (nowMs: number) => EventBody,
  signal: AbortSignal,
): AttemptRun {
  let firstEnded!: () => void;
  const firstAttempt = new Promise<void>((resolve) => (firstEnded = resolve));
  const finished = attemptLoop(record, target, resign, signal, firstEnded).catch(() => {
    // attemptLoop records every failure; nothing is left to report here.
  });
  return { firstAttempt, finished };
}
