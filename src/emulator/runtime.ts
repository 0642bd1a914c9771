/**
 * Everything a running emulator holds, as one plain object shared by the API pipeline, the admin
 * routes and the event delivery, with the few operations more than one of them needs. Admin
 * routes added later get the same object.
 */
import { setMaxListeners } from "node:events";
import type { LiveAction } from "../api/models";
import { cloneData, emptyData, type EmulatorData } from "./account/data";
import { createHistory, recordVersion, type AccountHistory } from "./account/history";
import type { StoredRule } from "./account/rules/rule";
import type { StateSaver } from "./account/stateFile";
import type { StoredTemplate } from "./account/templates/fields";
import type { EmulatorCredentials } from "./config/credentials";
import type { AcceptedCredential } from "./protocol/request";
import { resolveConfig, type EmulatorConfig } from "./config/switches";
import { clearDeliveries, type DeliveryState } from "./events/state";
import { toPending, type PendingFault } from "./faults/queue";
import type { FaultSpec } from "./faults/specs";
import { createRateWindows, type RateWindows } from "./protocol/rateLimit";
import type { StsState } from "./sts/state";

/** Calls per action that reached the action stage (authenticated and known). */
export type CallCounts = Partial<Record<LiveAction, number>>;

/** A copy of the emulated account and the call counters, as `GET /_emulator/state` shows it. */
export interface EmulatorSnapshot {
  /** Stored templates, RecordStatusNotifyUrl included. */
  templates: StoredTemplate[];
  /** Stored rules (bindings), in creation order. */
  rules: StoredRule[];
  /** Calls so far, by action (see {@link CallCounts}). */
  calls: CallCounts;
  /** Id the next created template will get. */
  nextTemplateId: number;
}

/** The state of a running emulator. Mutable on purpose: it is the single source of truth. */
export interface EmulatorRuntime {
  /** The key pair (and token) requests must be signed with. */
  readonly credentials: EmulatorCredentials;
  /** Behaviour switchable at run time; replace it through {@link EmulatorHandle.configure}. */
  config: EmulatorConfig;
  /** The emulated account: what the API actions read and write, and the state file persists. */
  data: EmulatorData;
  /**
   * The account's past, one version per change: what emulated events
   * are routed by when `config.propagationSeconds` is above 0. Kept whatever the window, so that
   * the window can be raised at run time.
   */
  history: AccountHistory;
  /** Calls so far, by action (see {@link CallCounts}). */
  calls: CallCounts;
  /** Queued faults, in the order they were added. */
  faults: PendingFault[];
  /** Per-action request counts of the current second, for the emulated rate limits. */
  readonly rateWindows: RateWindows;
  /** Writes the state file after changes, one write at a time. */
  readonly saver: StateSaver;
  /** Settings and history of emulated callback event delivery. */
  readonly delivery: DeliveryState;
  /** The emulated STS: issued credentials, the OIDC issuer, the CVM role. */
  readonly sts: StsState;
  /** Aborted when the emulator stops, cutting short latencies, delayed answers and deliveries. */
  readonly stopping: AbortController;
}

function stopSignal(): AbortController {
  const controller = new AbortController();
  // Every delayed answer listens for the stop; many at once are normal, not a leak.
  setMaxListeners(0, controller.signal);
  return controller;
}

/** Makes the runtime of a starting emulator. */
export function createRuntime(init: {
  credentials: EmulatorCredentials;
  config: EmulatorConfig;
  data: EmulatorData;
  saver: StateSaver;
  delivery: DeliveryState;
  sts: StsState;
}): EmulatorRuntime {
  return {
    ...init,
    history: createHistory(init.data),
    calls: {},
    faults: [],
    rateWindows: createRateWindows(),
    stopping: stopSignal(),
  };
}

/** A deep copy of the account and the counters; changing it does not affect the emulator. */
export function snapshot(runtime: EmulatorRuntime): EmulatorSnapshot {
  const { templates, rules, nextTemplateId } = cloneData(runtime.data);
  return { templates, rules, calls: { ...runtime.calls }, nextTemplateId };
}

/** Writes the account to the state file (if any); resolves once it is on disk. */
export function persist(runtime: EmulatorRuntime): Promise<void> {
  return runtime.saver.save(runtime.data);
}

/**
 * Records the account as it is now as a new version of its history; called after every change
 * an action made, with the time the action ran.
 */
export function recordChange(runtime: EmulatorRuntime, atMs: number): void {
  recordVersion(runtime.history, runtime.data, atMs, runtime.config.propagationSeconds * 1000);
}

/**
 * Empties templates, rules, account history, call counters, pending faults and the delivery
 * history (cancelling deliveries in flight). The id
 * counter keeps going, as an account's would, so ids handed out before the reset are never
 * handed out again.
 */
export async function reset(runtime: EmulatorRuntime): Promise<void> {
  runtime.data = emptyData(runtime.data.nextTemplateId);
  // A reset account has no past: nothing made before it is still propagating.
  runtime.history = createHistory(runtime.data);
  runtime.calls = {};
  runtime.faults = [];
  runtime.rateWindows.clear();
  clearDeliveries(runtime.delivery);
  await persist(runtime);
}

/** Applies a partial config change after validating it; throws an `Error` when it is invalid. */
export function configure(
  runtime: EmulatorRuntime,
  patch: Partial<EmulatorConfig>,
): EmulatorConfig {
  runtime.config = resolveConfig(patch, runtime.config);
  return { ...runtime.config };
}

/** Queues faults behind the pending ones; returns how many are now pending. */
export function addFaults(runtime: EmulatorRuntime, specs: readonly FaultSpec[]): number {
  runtime.faults.push(...toPending(specs));
  return runtime.faults.length;
}

/**
 * The credential a request names: the emulator's own, or a temporary one issued by its STS or
 * CVM metadata (accepted until it expires).
 */
export function lookupCredential(
  runtime: EmulatorRuntime,
  secretId: string,
): AcceptedCredential | undefined {
  if (secretId === runtime.credentials.secretId) return runtime.credentials;
  return runtime.sts.issued.get(secretId);
}

/** Counts a call of `action`. */
export function countCall(runtime: EmulatorRuntime, action: LiveAction): void {
  runtime.calls[action] = (runtime.calls[action] ?? 0) + 1;
}
