/**
 * Builders of the faults the scenarios inject: API errors, the emulator's failure modes, delays,
 * emulator restarts, and a seeded random mix of all of them.
 */
import { LIVE_ACTIONS, WRITE_ACTIONS, type LiveAction } from "../../src/api/models";
import type { FaultSpec } from "../../src/emulator";
import { restartEmulator, writeCalls, type FaultEnv } from "./env";

/** A fault that answers `code` (an API error) to `times` calls of `action`. */
export function apiError(
  action: LiveAction | "*",
  code: string,
  times: number,
  every?: number,
): FaultSpec {
  return { action, times, every, error: { code, message: `injected ${code}` } };
}

/** A fault in one of the emulator's modes. */
export function modeFault(
  action: LiveAction | "*",
  mode: "http-500" | "drop-after-commit",
  times: number,
  every?: number,
): FaultSpec {
  return { action, times, every, mode };
}

/** A fault that applies the call and answers `delayMs` later. */
export function delayFault(
  action: LiveAction | "*",
  delayMs: number,
  times: number,
  every?: number,
): FaultSpec {
  return { action, times, every, mode: "delay", delayMs };
}

/**
 * Restarts the emulator once `writes` more write calls have reached it, while the `up` runs,
 * leaving it down for `downMs` in between. Polls the emulator's counters (in-process, cheap)
 * so the restart lands mid-run; gives up (0 faults) if the `up`s end first.
 */
export function restartAfterWrites(
  writes: number,
  downMs = 0,
): (env: FaultEnv, running: () => boolean) => Promise<number> {
  return async (env, running) => {
    const baseline = writeCalls(env.emulator);
    while (writeCalls(env.emulator) - baseline < writes) {
      if (!running()) return 0;
      await new Promise((r) => setTimeout(r, 2));
    }
    await restartEmulator(env, downMs);
    return 1;
  };
}

/** A small deterministic PRNG (mulberry32), so a chaos repetition can be replayed by its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random mix of every fault kind over every action (bounded, so a pipeline gets through). */
export function randomFaults(seed: number): FaultSpec[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const specs: FaultSpec[] = [];
  for (const action of LIVE_ACTIONS) {
    const times = 1 + Math.floor(random() * 3);
    const every = 1 + Math.floor(random() * 3);
    const isWrite = (WRITE_ACTIONS as readonly string[]).includes(action);
    const kind = pick(
      isWrite
        ? ["throttle", "internal", "500", "drop", "delay"]
        : ["throttle", "internal", "500", "delay"],
    );
    if (kind === "throttle") specs.push(apiError(action, "RequestLimitExceeded", times, every));
    if (kind === "internal") specs.push(apiError(action, "InternalError", times, every));
    if (kind === "500") specs.push(modeFault(action, "http-500", times, every));
    if (kind === "drop") specs.push(modeFault(action, "drop-after-commit", times, every));
    if (kind === "delay") specs.push(delayFault(action, 400, 1, every));
  }
  return specs;
}
