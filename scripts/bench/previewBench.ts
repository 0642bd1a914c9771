/**
 * Section 1 of the benchmark: a preview of an existing stack with the shared reads, against the
 * same preview reading per resource.
 */
import { measure, type CallDelta } from "./calls";
import type { EmulatorProcess } from "./emulatorProcess";
import { engineConcurrency } from "./pool";
import { newRun } from "../../test/support/providerRun";
import { seedStack } from "./seed";
import { ms, ratio } from "./stats";
import { perResourcePreview, preview, type PreviewOutcome } from "./workload";

/** One way of previewing, measured. */
export interface PreviewVariant {
  name: string;
  how: string;
  calls: CallDelta;
  ms: number;
  outcome: PreviewOutcome;
}

/** Everything section 1 measured. */
export interface PreviewResults {
  templates: number;
  bindings: number;
  concurrency: number;
  variants: PreviewVariant[];
  /** Baseline calls / shared calls, and baseline time / shared time, per baseline. */
  ratios: { baseline: string; calls: number; time: number }[];
}

/**
 * Seeds `templates` + `bindings` with no latency, then previews them with `latencyMs` per call:
 * once with the shared reads (the provider as shipped), once with `sharedReads: false`, and once
 * reading per resource the way the Terraform provider does.
 */
export async function benchPreview(
  emulator: EmulatorProcess,
  latencyMs: number,
  templates = 50,
  bindings = 1000,
): Promise<PreviewResults> {
  await emulator.reset();
  await emulator.configure({ latencyMs: 0, rateLimitPerSecond: 0 });
  const stack = await seedStack(emulator, templates, bindings);
  const concurrency = engineConcurrency();
  // Untimed warm-up, so the first measured variant does not pay for JIT compilation alone.
  await preview(newRun(emulator), stack, concurrency);
  await emulator.configure({ latencyMs });

  const variants: PreviewVariant[] = [];
  const run = async (name: string, how: string, fn: () => Promise<PreviewOutcome>) => {
    const { result, ms: time, calls } = await measure(emulator.calls, fn);
    if (result.changed !== 0) throw new Error(`${name}: ${result.changed} diffs reported changes`);
    variants.push({ name, how, calls, ms: ms(time), outcome: result });
  };
  await run("shared reads", "provider diff, sharedReads on (default)", () =>
    preview(newRun(emulator), stack, concurrency),
  );
  await run("sharedReads: false", "provider diff, a listing per resource", () =>
    preview(newRun(emulator, {}, { sharedReads: false }), stack, concurrency),
  );
  await run(
    "per-resource (Terraform-style)",
    "client in the bench: DescribeLiveCallbackTemplate per template, DescribeLiveCallbackRules per binding",
    () =>
      perResourcePreview(newRun(emulator, {}, { sharedReads: false }).client, stack, concurrency),
  );

  const [shared, ...baselines] = variants;
  return {
    templates,
    bindings,
    concurrency,
    variants,
    ratios: baselines.map((b) => ({
      baseline: b.name,
      calls: ratio(b.calls.total, shared.calls.total),
      time: ratio(b.ms, shared.ms),
    })),
  };
}
