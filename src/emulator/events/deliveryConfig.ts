/**
 * The delivery settings of emulated callback events: startEmulator options, `POST
 * /_emulator/config` keys and CLI flags. `quick` (the default) uses the three small numbers that
 * keep tests fast; `platform` uses the platform's documented schedule per event family (see
 * `schedule.ts`), scaled by `deliveryTimeScale`.
 */
import { nonNegativeNumber } from "../config/switches";

/** Which retry schedule deliveries follow. */
export const DELIVERY_SCHEDULES = ["quick", "platform"] as const;

/**
 * `quick`: `deliveryRetries` retries `deliveryIntervalMs` apart, each attempt limited to
 * `deliveryTimeoutMs`, and `POST /_emulator/events` answers once delivery has finished.
 * `platform`: the documented schedule of the event's family, every interval and the 20 s timeout
 * multiplied by `deliveryTimeScale`; `POST /_emulator/events` answers after the first attempt
 * and the retries go on in the background (their record is updated as they happen).
 */
export type DeliverySchedule = (typeof DELIVERY_SCHEDULES)[number];

/** What a retry's `t`/`sign` are; the platform does not document it. */
export const RETRY_SIGNATURES = ["same", "fresh"] as const;

/**
 * `same` (the default): every attempt sends the first attempt's body, `t` and `sign` included,
 * so a retry sent after `t` has passed fails a receiver's expiry check. `fresh`: each attempt is
 * signed again when it is sent (`t` = that moment + 600 s), with the same key.
 */
export type RetrySignature = (typeof RETRY_SIGNATURES)[number];

/** Delivery settings. */
export interface DeliveryConfig {
  /** `quick` schedule: retries after a failed first attempt. Default 3. */
  deliveryRetries: number;
  /** `quick` schedule: pause between two attempts, in milliseconds. Default 200. */
  deliveryIntervalMs: number;
  /** `quick` schedule: time one attempt may take, answer included, in ms. Default 2000. */
  deliveryTimeoutMs: number;
  /** Which schedule deliveries follow. Default `quick`. */
  deliverySchedule: DeliverySchedule;
  /**
   * `platform` schedule: factor on every interval and on the 20 s timeout (greater than 0;
   * 1 = real time, 0.005 turns a minute into 300 ms). Default 1. The signature lifetime (`t`)
   * is never scaled: receivers check it against their own clock.
   */
  deliveryTimeScale: number;
  /** Whether retries carry the first attempt's `t`/`sign` or fresh ones. Default `same`. */
  retrySignature: RetrySignature;
}

/** The delivery settings of an emulator started without any. */
export const DEFAULT_DELIVERY_CONFIG: Readonly<DeliveryConfig> = Object.freeze({
  deliveryRetries: 3,
  deliveryIntervalMs: 200,
  deliveryTimeoutMs: 2000,
  deliverySchedule: "quick",
  deliveryTimeScale: 1,
  retrySignature: "same",
});

function integerSetting(
  name: keyof DeliveryConfig,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : `an integer of at least ${min}`;
    throw new Error(`${name} must be ${what}, got ${String(value)}`);
  }
  return value;
}

function modeSetting<T extends string>(
  name: keyof DeliveryConfig,
  modes: readonly T[],
  value: T | undefined,
  fallback: T,
): T {
  const chosen = value ?? fallback;
  if (!modes.includes(chosen)) {
    throw new Error(`${name} must be one of ${modes.join(", ")}, got ${String(chosen)}`);
  }
  return chosen;
}

function scaleSetting(value: number | undefined, fallback: number): number {
  const scale = nonNegativeNumber("deliveryTimeScale", value, fallback);
  if (scale === 0) throw new Error("deliveryTimeScale must be greater than 0, got 0");
  return scale;
}

/**
 * Checks a partial change of the delivery settings and fills the rest from `base`. Throws an
 * `Error` naming the offending setting.
 */
export function resolveDeliveryConfig(
  patch: Partial<DeliveryConfig>,
  base: DeliveryConfig = DEFAULT_DELIVERY_CONFIG,
): DeliveryConfig {
  return {
    deliveryRetries: integerSetting(
      "deliveryRetries",
      patch.deliveryRetries,
      base.deliveryRetries,
      0,
    ),
    deliveryIntervalMs: integerSetting(
      "deliveryIntervalMs",
      patch.deliveryIntervalMs,
      base.deliveryIntervalMs,
      0,
    ),
    deliveryTimeoutMs: integerSetting(
      "deliveryTimeoutMs",
      patch.deliveryTimeoutMs,
      base.deliveryTimeoutMs,
      1,
    ),
    deliverySchedule: modeSetting(
      "deliverySchedule",
      DELIVERY_SCHEDULES,
      patch.deliverySchedule,
      base.deliverySchedule,
    ),
    deliveryTimeScale: scaleSetting(patch.deliveryTimeScale, base.deliveryTimeScale),
    retrySignature: modeSetting(
      "retrySignature",
      RETRY_SIGNATURES,
      patch.retrySignature,
      base.retrySignature,
    ),
  };
}
