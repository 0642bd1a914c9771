/**
 * Section 5 of the benchmark: what the shim probe costs a Pulumi program. The first resource a
 * program declares asks the program's own serializer, in a short child process, whether it
 * records the shim by name (src/resources/shim/probe.ts). This starts a program in a consumer
 * project that installed the packed library, under Pulumi's mocks, in fresh processes, and
 * measures the probe against the whole time from process start to the first resource
 * constructed: for the first program after an install, which asks, and for later ones, which
 * read the answer the first one left in the project's `node_modules/.cache`.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv, prepareConsumer, run } from "../../test/harness";
import { REPO_ROOT } from "./paths";
import { median, ms, ratio } from "./stats";

/** One way the program found the answer: asking the serializer, or the project's cache. */
export interface ProbeVariant {
  name: string;
  /** The probe's own time in each run, and the program's time to its first resource. */
  probeMs: number[];
  programMs: number[];
  medianProbeMs: number;
  medianProgramMs: number;
  /** Median probe time / median program time. */
  share: number;
}

/** Everything section 5 measured. */
export interface ProbeResults {
  /** What the probe decided in the consumer (npm's layout): by name, or why not. */
  decision: string;
  /** First program after an install (no cache), then every later one. */
  variants: ProbeVariant[];
  /** Program start, uncached / cached (medians). */
  ratio: number;
}

/** The program: mocks, the probe timed on its own, then the first resource. */
const PROGRAM = `"use strict";
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
(async () => {
  await pulumi.runtime.setMocks(
    { newResource: (a) => ({ id: "1", state: a.inputs }), call: () => ({}) },
    "bench", "dev", false,
  );
  const root = path.dirname(require.resolve("pulumi-tencentcloud-live-callbacks/package.json"));
  // The module the resources use, by its file: the same instance, so they reuse the decision.
  const shim = require(path.join(root, "dist", "resources", "shim", "index.js"));
  const started = performance.now();
  const decided = shim.shimRecordedByName();
  const probeMs = performance.now() - started;
  const lib = require("pulumi-tencentcloud-live-callbacks");
  new lib.CallbackTemplate("probe", {
    templateName: "probe",
    streamBeginNotifyUrl: "https://hooks.example.com/b",
  });
  const programMs = performance.now();
  console.log(JSON.stringify({ probeMs, programMs, decided }));
})();
`;

/** Runs the program `runs` times per variant, alternating them, each in a fresh process. */
export async function benchProbe(runs: number): Promise<ProbeResults> {
  const consumer = await prepareConsumer({ repoDir: REPO_ROOT });
  try {
    const file = join(consumer.dir, "probe-bench.js");
    await writeFile(file, PROGRAM);
    const cache = join(consumer.dir, "node_modules", ".cache");
    const variants = [
      { name: "first program (asks the serializer)", clear: true },
      { name: "later programs (project cache)", clear: false },
    ].map((v) => ({ ...v, probeMs: [] as number[], programMs: [] as number[] }));
    let decision = "";
    for (let i = 0; i < runs; i++) {
      for (const v of variants) {
        if (v.clear) await rm(cache, { recursive: true, force: true });
        const { stdout } = await run(process.execPath, [file], {
          cwd: consumer.dir,
          env: cleanEnv({}),
          timeoutMs: 60_000,
        });
        const out = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
          probeMs: number;
          programMs: number;
          decided: { byName: boolean; reason?: string };
        };
        v.probeMs.push(ms(out.probeMs));
        v.programMs.push(ms(out.programMs));
        decision = out.decided.byName ? "by name" : `by value (${out.decided.reason})`;
      }
    }
    const measured = variants.map((v) => {
      const medianProbeMs = ms(median(v.probeMs));
      const medianProgramMs = ms(median(v.programMs));
      return {
        name: v.name,
        probeMs: v.probeMs,
        programMs: v.programMs,
        medianProbeMs,
        medianProgramMs,
        share: ratio(medianProbeMs, medianProgramMs),
      };
    });
    return {
      decision,
      variants: measured,
      ratio: ratio(measured[0].medianProgramMs, measured[1].medianProgramMs),
    };
  } finally {
    await consumer.cleanup();
  }
}
