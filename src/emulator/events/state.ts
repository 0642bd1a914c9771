/**
 * The delivery settings and history of one emulator: not account data (they are not in the state
 * file), but a test tool's record of what was sent where, and the pushes in progress so that a
 * stream end pairs with its begin.
 */
import type { EventBody } from "./bodies/common";
import { resolveDeliveryConfig, type DeliveryAttempt, type DeliveryConfig } from "./delivery";

/** One delivered (or undelivered) event, as `POST /_emulator/events` answers it. */
export interface DeliveryRecord {
  /** The template URL the event was POSTed to. */
  url: string;
  /** The numeric event type. */
  eventType: number;
  /** The body sent, `t` and `sign` included. */
  body: EventBody;
  /** Every attempt, in order. */
  attempts: DeliveryAttempt[];
  /** True when an attempt got HTTP 200. */
  delivered: boolean;
}

/** Most records kept; older ones are dropped first so a long-running emulator stays small. */
export const MAX_DELIVERY_RECORDS = 1000;

/** A push in progress: what its stream end event must repeat. */
export interface PushSession {
  /** The `sequence` of the stream begin event, repeated by the stream end. */
  sequence: string;
  /** When the stream begin was sent, in epoch milliseconds. */
  startedMs: number;
}

/** Delivery settings and history of one emulator. */
export interface DeliveryState {
  config: DeliveryConfig;
  /**
   * Whether events may go to non-loopback hosts: the emulator's own `allowNonLoopback`, since
   * whoever may expose the emulator may also let it send off-box.
   */
  readonly allowNonLoopback: boolean;
  records: DeliveryRecord[];
  /** Open pushes by `domain/app/stream`. */
  sessions: Map<string, PushSession>;
}

/** The delivery state of a starting emulator. */
export function createDeliveryState(
  config: DeliveryConfig,
  allowNonLoopback: boolean,
): DeliveryState {
  return { config: { ...config }, allowNonLoopback, records: [], sessions: new Map() };
}

/** Applies a partial change of the delivery settings; throws an `Error` when it is invalid. */
export function configureDelivery(
  state: DeliveryState,
  patch: Partial<DeliveryConfig>,
): DeliveryConfig {
  state.config = resolveDeliveryConfig(patch, state.config);
  return { ...state.config };
}

/** A deep copy of the delivery records, oldest first. */
export function listDeliveries(state: DeliveryState): DeliveryRecord[] {
  return structuredClone(state.records);
}

/**
 * Forgets the delivery records and open pushes (part of a reset). A delivery still in flight
 * completes, but its record goes to the forgotten list.
 */
export function clearDeliveries(state: DeliveryState): void {
  state.records = [];
  state.sessions = new Map();
}

/** Keeps `record`, dropping the oldest beyond {@link MAX_DELIVERY_RECORDS}. */
export function keepRecord(records: DeliveryRecord[], record: DeliveryRecord): void {
  records.push(record);
  if (records.length > MAX_DELIVERY_RECORDS) {
    records.splice(0, records.length - MAX_DELIVERY_RECORDS);
  }
}
