/**
 * Runs one fault scenario and measures it: applies its stacks under faults, retrying the whole
 * `up` as a pipeline would, then records what the issue cares about (duplicates, orphans, drift,
 * and whether a further run still wants to write anything). Used by the tests and the chaos run.
 */
import type { FaultSpec } from "../../src/emulator";
import type { StackDecl } from "./declared";
import {
  freshRun,
  injectFaults,
  settleFaults,
  startFaultEnv,
  stopFaultEnv,
  writeCalls,
  type FaultEnv,
} from "./env";
import { applyStack, emptyState, upUntilOk, type StackState } from "./stack";
import { checkConvergence, type Convergence } from "./verify";

/** One phase: a stack version applied while `faults` are pending. */
export interface Phase {
  stack: StackDecl;
  faults: FaultSpec[];
  /**
   * Runs alongside the phase's `up`s (e.g. restarts the emulator) and resolves to the faults it
   * caused; `running()` turns false once the `up`s are over.
   */
  during?: (env: FaultEnv, running: () => boolean) => Promise<number>;
}

/** A scenario: stack config, what is applied cleanly first, then the faulty phases. */
export interface Scenario {
  name: string;
  /** Extra stack config (e.g. a short request timeout). */
  config?: Record<string, string>;
  /** Needs an emulator with a state file (to restart it). */
  withStateFile?: boolean;
  /** Applied without faults before the faulty phases. */
  setup?: StackDecl[];
  /** Builds the phases; `seed` varies the random scenarios between repetitions. */
  phases: (seed: number) => Phase[];
  /**
   * Timing-dependent: whether it hits a given race differs from run to run, so it belongs in
   * `npm run chaos` (many repetitions), not in the deterministic test suite.
   */
  chaosOnly?: boolean;
}

/** The measurements of one scenario run (summed over its phases). */
export interface ScenarioResult {
  name: string;
  /** `up`s run in the faulty phases, including the failed ones. */
  ups: number;
  /** True when every phase ended with a successful `up`. */
  ok: boolean;
  upErrors: string[];
  faultsInjected: number;
  retries: number;
  duplicates: string[];
  orphans: string[];
  drift: string[];
  /** Write calls made by the run after each phase (must be 0). */
  rerunWrites: number;
  /** Resources the run after each phase wanted to change (must be 0). */
  rerunChanges: number;
  wallMs: number;
}

/** How many `up`s a pipeline tries before giving up. */
export const MAX_UPS = 5;

/** Runs a scenario on its own emulator and measures it. Never throws for a failed `up`. */
export async function runScenario(scenario: Scenario, seed = 1): Promise<ScenarioResult> {
  const started = Date.now();
  const env = await startFaultEnv({
    withStateFile: scenario.withStateFile,
    config: scenario.config,
  });
  const result: ScenarioResult = {
    name: scenario.name,
    ups: 0,
    ok: true,
    upErrors: [],
    faultsInjected: 0,
    retries: 0,
    duplicates: [],
    orphans: [],
    drift: [],
    rerunWrites: 0,
    rerunChanges: 0,
    wallMs: 0,
  };
  try {
    const state = emptyState();
    for (const stack of scenario.setup ?? []) {
      const clean = await upUntilOk(() => freshRun(env), stack, state, 1);
      if (!clean.ok) {
        throw new Error(`setup failed: ${clean.errors.map((e) => e.message).join("\n")}`);
      }
    }
    env.retries = 0;
    for (const phase of scenario.phases(seed)) await runPhase(env, phase, state, result);
    result.retries = env.retries;
    result.faultsInjected = env.faultsInjected;
  } finally {
    await stopFaultEnv(env);
  }
  result.wallMs = Date.now() - started;
  return result;
}

async function runPhase(env: FaultEnv, phase: Phase, state: StackState, result: ScenarioResult) {
  injectFaults(env, phase.faults);
  let running = true;
  const during = phase.during?.(env, () => running) ?? Promise.resolve(0);
  const loop = await upUntilOk(() => freshRun(env), phase.stack, state, MAX_UPS).finally(() => {
    running = false;
  });
  env.faultsInjected += await during;
  await settleFaults(env);
  result.ups += loop.ups;
  result.ok &&= loop.ok;
  result.upErrors.push(...loop.errors.map((e) => e.message));
  addProblems(result, checkConvergence(env.emulator.state(), phase.stack, state));

  // A converged stack gives the next `up` nothing to do: no diff, and above all no write.
  const writesBefore = writeCalls(env.emulator);
  const rerun = await applyStack(freshRun(env), phase.stack, state);
  result.rerunWrites += writeCalls(env.emulator) - writesBefore;
  result.rerunChanges += rerun.steps.filter((s) => s.op !== "same").length;
}

function addProblems(result: ScenarioResult, c: Convergence): void {
  result.duplicates.push(...c.duplicates);
  result.orphans.push(...c.orphans);
  result.drift.push(...c.drift);
}
