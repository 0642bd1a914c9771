/**
 * Section 4 of the benchmark: time from a fresh process to its first API call answered, loading
 * the SDK's live service alone (the client as shipped) or the whole SDK first.
 */
import { firstCallInFreshProcess, hasDist, sdkServicesLoaded } from "./coldStart";
import type { EmulatorAddress } from "../../test/support/providerRun";
import { median, ms, ratio } from "./stats";

/** One variant: every run's time, their median and what the last run loaded. */
export interface ColdStartVariant {
  name: string;
  runsMs: number[];
  medianMs: number;
  sdkServices: number;
  modules: number;
}

/** Everything section 4 measured. */
export interface ColdStartResults {
  source: "dist" | "src";
  variants: ColdStartVariant[];
  /** Whole SDK median / live-only median. */
  ratio: number;
}

/**
 * Starts `runs` fresh processes per variant, alternating the variants so that a noisy moment of
 * the machine does not fall on one of them only. Uses the compiled package when it is built.
 */
export async function benchColdStart(
  emulator: EmulatorAddress,
  runs: number,
): Promise<ColdStartResults> {
  const source = hasDist() ? "dist" : "src";
  const variants = [
    { name: "live service only", wholeSdk: false, runsMs: [] as number[], last: [] as string[] },
    { name: "whole SDK first", wholeSdk: true, runsMs: [] as number[], last: [] as string[] },
  ];
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const report = await firstCallInFreshProcess(emulator, {
        source,
        via: "client",
        wholeSdk: v.wholeSdk,
      });
      v.runsMs.push(ms(report.ms));
      v.last = report.modules;
    }
  }
  const results = variants.map((v) => ({
    name: v.name,
    runsMs: v.runsMs,
    medianMs: ms(median(v.runsMs)),
    sdkServices: sdkServicesLoaded(v.last).length,
    modules: v.last.length,
  }));
  return { source, variants: results, ratio: ratio(results[1].medianMs, results[0].medianMs) };
}
