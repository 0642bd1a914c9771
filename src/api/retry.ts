/**
 * When and how long to wait before trying a failed call again: exponential backoff with full
 * jitter, bounded by a number of retries and a total time budget.
 */
import type { LiveApiError } from "./errors";

/** Knobs of the retry loop. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Total budget for all attempts and waits, in milliseconds. */
  budgetMs: number;
  /** First backoff ceiling, in milliseconds; doubles with each retry. */
  baseDelayMs: number;
  /** Largest backoff ceiling, in milliseconds. */
  maxDelayMs: number;
}

/** Default backoff shape; the counts and budget come from settings. */
export const DEFAULT_BACKOFF = { baseDelayMs: 200, maxDelayMs: 5000 } as const;

/**
 * True when trying again can help. Auth failures, invalid input, quota, in-use and not-found
 * never change by themselves, so they are never retried. `InternalError` is retried on reads;
 * on writes the caller reconciles first (the write may have been applied).
 */
export function isRetryable(err: LiveApiError): boolean {
  return err.kind === "throttled" || err.kind === "transient";
}

/**
 * True when a failed write may nevertheless have been applied: no answer, a timeout, HTTP 5xx or
 * `InternalError`. A throttled call was refused before anything happened.
 */
export function isAmbiguous(err: LiveApiError): boolean {
  return err.kind === "transient";
}

/** Full jitter: a random wait between 0 and the exponential ceiling for this retry (1-based). */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
