/** What the emulator records of one emulated callback event and each attempt to deliver it. */
import type { EventBody } from "./bodies/common";
import type { DeliveryPlan } from "./schedule";

/** One try at delivering an event. */
export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** When the attempt started, in epoch milliseconds. */
  startedMs: number;
  /** The `t` this attempt's body carried (see the `retrySignature` setting). */
  t: unknown;
  /** The `sign` this attempt's body carried. */
  sign: unknown;
  /** HTTP status of the answer; absent when there was none. */
  status?: number;
  /** Why there was no answer (connection refused, timeout, emulator stopping…). */
  error?: string;
  /** Start of the request to end of the answer (or to the failure), in milliseconds. */
  durationMs: number;
  /** The start of the answer's body (at most `MAX_RESPONSE_CHARS` characters). */
  response?: string;
}

/** How a delivery went. */
export interface DeliveryOutcome {
  /** Every attempt so far, in order. */
  attempts: DeliveryAttempt[];
  /** True when an attempt got HTTP 200. */
  delivered: boolean;
}

/** One emulated event, as `POST /_emulator/events` answers it and `GET deliveries` lists it. */
export interface DeliveryRecord extends DeliveryOutcome {
  /** Number of the event in this emulator, from 1; never reused, not even after a reset. */
  id: number;
  /** The template URL the event was POSTed to. */
  url: string;
  /** The numeric event type. */
  eventType: number;
  /** The body of the first attempt, `t` and `sign` included. */
  body: EventBody;
  /** The schedule this delivery follows. */
  plan: DeliveryPlan;
  /**
   * False while attempts may still follow (a `platform` delivery answered after its first
   * attempt); true once it was delivered, ran out of retries, or was cancelled.
   */
  done: boolean;
  /** Why retries stopped early: `the emulator is stopping` or `the emulator was reset`. */
  cancelled?: string;
}
