/**
 * The delivery settings and history of one emulator: not account data (they are not in the state
 * file), but a test tool's record of what was sent where, the deliveries still under way (so that
 * a test can wait for them), and the pushes in progress so that a stream end pairs with its begin.
 */
import { setMaxListeners } from "node:events";
import { resolveDeliveryConfig, type DeliveryConfig } from "./deliveryConfig";
import type { DeliveryRecord } from "./record";

/** Most records kept; older ones are dropped first so a long-running emulator stays small. */
export const MAX_DELIVERY_RECORDS = 1000;

/** A push in progress: what its stream end event must repeat. */
export interface PushSession {
  /** The `sequence` of the stream begin event, repeated by the stream end. */
  sequence: string;
  /** When the stream begin was sent, in epoch milliseconds. */
  startedMs: number;
}

/** A delivery whose record is not `done` yet. */
interface InFlight {
  record: DeliveryRecord;
  finished: Promise<void>;
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
  /** Id of the next record. */
  nextId: number;
  /** Deliveries under way, by record id. */
  readonly inFlight: Map<number, InFlight>;
  /** Aborted (and replaced) by a reset: the deliveries started before it stop. */
  cancel: AbortController;
}

function cancelController(): AbortController {
  const controller = new AbortController();
  // Every delivery in flight listens for it; many at once are normal, not a leak.
  setMaxListeners(0, controller.signal);
  return controller;
}

/** The delivery state of a starting emulator. */
export function createDeliveryState(
  config: DeliveryConfig,
  allowNonLoopback: boolean,
): DeliveryState {
  return {
    config: { ...config },
    allowNonLoopback,
    records: [],
    sessions: new Map(),
    nextId: 1,
    inFlight: new Map(),
    cancel: cancelController(),
  };
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
 * Forgets the delivery records and open pushes (part of a reset), and cancels the deliveries
 * under way: their next retry is never sent, an attempt in flight is cut off, and their record
 * (in the forgotten list) says `cancelled: "the emulator was reset"`.
 */
export function clearDeliveries(state: DeliveryState): void {
  state.cancel.abort("the emulator was reset");
  state.cancel = cancelController();
  state.records = [];
  state.sessions = new Map();
}

/** Gives `record` the next id and keeps it, dropping the oldest beyond the maximum. */
export function keepRecord(
  state: DeliveryState,
  record: Omit<DeliveryRecord, "id">,
): DeliveryRecord {
  const kept: DeliveryRecord = { id: state.nextId, ...record };
  state.nextId += 1;
  const { records } = state;
  records.push(kept);
  if (records.length > MAX_DELIVERY_RECORDS) {
    records.splice(0, records.length - MAX_DELIVERY_RECORDS);
  }
  return kept;
}

/** Tracks a delivery under way until `finished` resolves. */
export function trackDelivery(
  state: DeliveryState,
  record: DeliveryRecord,
  finished: Promise<void>,
): void {
  state.inFlight.set(record.id, { record, finished });
  void finished.then(() => state.inFlight.delete(record.id));
}

/** Why {@link EmulatorHandle.waitForDeliveries} could not answer. */
export class DeliveryWaitError extends Error {
  /** 404: no record has the id; 408: still under way at the deadline. */
  readonly status: 404 | 408;

  constructor(status: 404 | 408, message: string) {
    super(message);
    this.name = "DeliveryWaitError";
    this.status = status;
  }
}

/**
 * Waits until the delivery with `id` (or, without one, every delivery under way now) is done,
 * for at most `timeoutMs`, and resolves with copies of the records waited for (for no id: every
 * kept record). Rejects with a {@link DeliveryWaitError}.
 */
export async function waitForDeliveries(
  state: DeliveryState,
  id: number | undefined,
  timeoutMs: number,
): Promise<DeliveryRecord[]> {
  let awaited: InFlight[];
  if (id === undefined) {
    awaited = [...state.inFlight.values()];
  } else {
    const pending = state.inFlight.get(id);
    const record = pending?.record ?? state.records.find((r) => r.id === id);
    if (!record) throw new DeliveryWaitError(404, `no delivery record has id ${id}`);
    awaited = pending ? [pending] : [];
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.all(awaited.map((a) => a.finished)), deadline]);
    if (result === "timeout") {
      const left = awaited.filter((a) => !a.record.done).map((a) => a.record.id);
      throw new DeliveryWaitError(
        408,
        `deliveries ${left.join(", ")} were still under way after ${timeoutMs} ms`,
      );
    }
  } finally {
    clearTimeout(timer);
  }
  if (id === undefined) return listDeliveries(state);
  const record = awaited[0]?.record ?? state.records.find((r) => r.id === id);
  return record ? [structuredClone(record)] : [];
}
