/**
 * The platform's retry schedule per event family, from the event-notification protocol
 * (doc 267/32744, 2025 revision): a delivery fails unless the receiver answers HTTP 200 within
 * 20 s; stream begin/end, recording, image audit and audio audit events are retried up to 12
 * times one minute apart, snapshot events up to 5 times two minutes apart. (An older revision
 * said 3 retries 60 s apart.) Push exception events (321) are not named by the document: the
 * emulator gives them the longer schedule, 12 retries one minute apart, the safer reading for a
 * receiver (more duplicates to cope with).
 */
import { CALLBACK_EVENT_TYPES, type KnownCallbackEventType } from "../../callbacks/events";
import type { DeliveryConfig, DeliverySchedule, RetrySignature } from "./deliveryConfig";

/** Retries after the first attempt and the pause between two attempts. */
export interface RetryRule {
  /** Retries after a failed first attempt. */
  retries: number;
  /** Pause between two attempts, in milliseconds, before scaling. */
  intervalMs: number;
}

/** How long the platform waits for an answer before counting an attempt as failed. */
export const PLATFORM_TIMEOUT_MS = 20_000;

const EVERY_MINUTE: RetryRule = { retries: 12, intervalMs: 60_000 };

/** The documented schedule of each event type, before scaling. */
export const PLATFORM_RETRY_RULES: Readonly<Record<KnownCallbackEventType, RetryRule>> = {
  [CALLBACK_EVENT_TYPES.streamEnd]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.streamBegin]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.recordFile]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.recordStatus]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.recordException]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.imageAudit]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.audioAudit]: EVERY_MINUTE,
  [CALLBACK_EVENT_TYPES.snapshot]: { retries: 5, intervalMs: 120_000 },
  // Not named by the document; see the module comment.
  [CALLBACK_EVENT_TYPES.pushException]: EVERY_MINUTE,
};

/** The schedule one delivery follows, as its record shows it. */
export interface DeliveryPlan {
  /** The schedule the plan was made from (see {@link DeliverySchedule}). */
  schedule: DeliverySchedule;
  /** Retries after a failed first attempt (so at most 1 + this many attempts). */
  retries: number;
  /** Pause between the end of one attempt and the start of the next, in milliseconds. */
  intervalMs: number;
  /** Time one attempt may take, answer included, in milliseconds. */
  timeoutMs: number;
  /** Whether retries are signed again (see {@link RetrySignature}). */
  retrySignature: RetrySignature;
}

/** The plan of an event of `eventType` under `config`. */
export function planFor(config: DeliveryConfig, eventType: KnownCallbackEventType): DeliveryPlan {
  const { retrySignature } = config;
  if (config.deliverySchedule === "quick") {
    return {
      schedule: "quick",
      retries: config.deliveryRetries,
      intervalMs: config.deliveryIntervalMs,
      timeoutMs: config.deliveryTimeoutMs,
      retrySignature,
    };
  }
  const rule = PLATFORM_RETRY_RULES[eventType];
  const scale = config.deliveryTimeScale;
  return {
    schedule: "platform",
    retries: rule.retries,
    intervalMs: rule.intervalMs * scale,
    // At least 1 ms: a timer of 0 would fail every attempt before any answer could arrive.
    timeoutMs: Math.max(1, PLATFORM_TIMEOUT_MS * scale),
    retrySignature,
  };
}
