/**
 * The world a fault scenario runs in: an emulator (that may be restarted on the same port and
 * state file), fresh provider runs wired to it with a fast backoff and a retry counter, and the
 * bookkeeping of how many calls the injected faults actually failed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LiveAction } from "../../src/api/models";
import { WRITE_ACTIONS } from "../../src/api/models";
import {
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
  type FaultSpec,
  type PendingFault,
} from "../../src/emulator";
import { newRun, type ProviderRun } from "../support/providerRun";

/** Backoff used by every scenario: real jitter, but milliseconds instead of seconds. */
export const FAST_BACKOFF = { baseDelayMs: 5, maxDelayMs: 50 } as const;

/** A running emulator plus everything a scenario needs around it. */
export interface FaultEnv {
  /** The emulator now serving; replaced by {@link restartEmulator}. */
  emulator: EmulatorHandle;
  /** Stack config given to every run (e.g. short request timeouts). */
  config: Record<string, string>;
  /** Retries made by every client of this env so far (counted by `onRetry`). */
  retries: number;
  /** Faulted calls of faults already accounted for (see {@link settleFaults}). */
  faultsInjected: number;
  /** Faults injected since the last {@link settleFaults}, in queue order. */
  injected: FaultSpec[];
  /** Options the emulator was started with (a restart reuses them). */
  readonly options: EmulatorOptions;
  /** Temporary directory holding the state file, if any. */
  readonly dir?: string;
}

/**
 * Starts an emulator on a free loopback port. With `withStateFile`, the emulator persists to a
 * file in a fresh temporary directory so that it can be restarted without losing the account.
 */
export async function startFaultEnv(
  options: { withStateFile?: boolean; config?: Record<string, string> } & EmulatorOptions = {},
): Promise<FaultEnv> {
  const { withStateFile, config = {}, ...emulatorOptions } = options;
  const dir = withStateFile ? await mkdtemp(join(tmpdir(), "live-faults-")) : undefined;
  const opts: EmulatorOptions = {
    ...emulatorOptions,
    host: "127.0.0.1",
    stateFile: dir ? join(dir, "state.json") : undefined,
  };
  const emulator = await startEmulator(opts);
  return {
    emulator,
    config,
    retries: 0,
    faultsInjected: 0,
    injected: [],
    options: { ...opts, port: emulator.port },
    dir,
  };
}

/** Stops the emulator and removes the temporary directory. */
export async function stopFaultEnv(env: FaultEnv): Promise<void> {
  await env.emulator.stop();
  if (env.dir) await rm(env.dir, { recursive: true, force: true });
}

/**
 * A fresh provider run (a new client, so a cold read cache, as a new `pulumi up` process has)
 * against the current emulator, counting retries into `env.retries`.
 */
export function freshRun(env: FaultEnv, extraConfig: Record<string, string> = {}): ProviderRun {
  return newRun(
    env.emulator,
    { ...env.config, ...extraConfig },
    {
      backoff: FAST_BACKOFF,
      onRetry: () => {
        env.retries += 1;
      },
    },
  );
}

/** Queues faults and remembers them so that {@link settleFaults} can count what they did. */
export function injectFaults(env: FaultEnv, faults: readonly FaultSpec[]): void {
  if (faults.length === 0) return;
  env.emulator.injectFaults(faults);
  env.injected.push(...faults);
}

/**
 * Counts how many calls the faults injected so far failed, adds that to `env.faultsInjected`,
 * and clears the queue so that later checks run against a healthy API.
 */
export async function settleFaults(env: FaultEnv): Promise<number> {
  const pending = await pendingFaults(env.emulator);
  const failed = countFailed(env.injected, pending);
  env.faultsInjected += failed;
  env.injected = [];
  await adminRequest(env.emulator, "DELETE", "/_emulator/faults");
  return failed;
}

/**
 * Calls failed by `injected` given what is still `pending`. Spent entries leave the queue, so an
 * entry that is gone failed `times` calls; one still queued reports its own count. The queue
 * keeps its order, so a greedy walk pairs them (identical entries have identical `times`, so
 * pairing the "wrong" one of two identical entries gives the same sum).
 */
export function countFailed(
  injected: readonly FaultSpec[],
  pending: readonly PendingFault[],
): number {
  let total = 0;
  let next = 0;
  for (const spec of injected) {
    const candidate = pending[next];
    const matched = candidate !== undefined && sameSpec(spec, candidate);
    if (matched) next += 1;
    // A zero delay answers normally: scenarios use it to let a call through, not to fail it.
    if (spec.mode === "delay" && !spec.delayMs) continue;
    total += matched ? candidate.failed : spec.times;
  }
  return total;
}

function sameSpec(a: FaultSpec, b: FaultSpec): boolean {
  return (
    a.action === b.action &&
    a.times === b.times &&
    (a.every ?? 1) === (b.every ?? 1) &&
    a.mode === b.mode &&
    a.delayMs === b.delayMs &&
    a.error?.code === b.error?.code
  );
}

/** The queue as `GET /_emulator/faults` shows it (the handle has no getter for it). */
async function pendingFaults(emulator: EmulatorHandle): Promise<PendingFault[]> {
  const body = (await adminRequest(emulator, "GET", "/_emulator/faults")) as {
    faults: PendingFault[];
  };
  return body.faults;
}

/** One admin request over loopback, without keep-alive, so nothing lingers after a test. */
export function adminRequest(
  emulator: EmulatorHandle,
  method: string,
  path: string,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: emulator.host, port: emulator.port, method, path, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Stops the emulator and starts a new one on the same port and state file: what a crash and a
 * restart of the API look like to a client. Requests in flight at that moment get a dropped
 * connection; requests sent while it is down (`downMs`, plus the restart itself) are refused.
 */
export async function restartEmulator(env: FaultEnv, downMs = 0): Promise<void> {
  if (!env.options.stateFile) throw new Error("a restart needs an env started withStateFile");
  // Faults live in memory only: count them before they are lost with the old process.
  await settleFaults(env);
  await env.emulator.stop();
  if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
  env.emulator = await startEmulator(env.options);
}

/** Calls of the five write actions the current emulator has counted. */
export function writeCalls(emulator: EmulatorHandle): number {
  const calls = emulator.state().calls;
  return WRITE_ACTIONS.reduce((sum, action) => sum + (calls[action] ?? 0), 0);
}

/** Calls of one action the current emulator has counted. */
export function callsOf(emulator: EmulatorHandle, action: LiveAction): number {
  return emulator.state().calls[action] ?? 0;
}
