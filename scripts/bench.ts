/**
 * `npm run bench`: measures, in one run against a local emulator with a fixed latency per call:
 * API calls and wall time of a preview with and without the shared reads, the pace of creating
 * many bindings under the account's rate limit, what `__provider` costs in the state before
 * (0.1.0) and after, the cold start with the live service alone versus the whole SDK, and what
 * the shim probe costs a program's start, and (section 6) `pulumi up` and `pulumi preview` of 50
 * templates and 1000 bindings through the real CLI, beside the harness figures.
 * Prints a table and writes bench/results.json. Everything it starts is stopped before it
 * returns.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { parseBenchArgs } from "./bench/args";
import { startEmulatorProcess } from "./bench/emulatorProcess";
import { REPO_ROOT } from "./bench/paths";
import { benchCli } from "./bench/cliBench";
import { benchColdStart } from "./bench/coldStartBench";
import { benchCreate } from "./bench/createBench";
import { benchPreview } from "./bench/previewBench";
import { benchFootprint } from "./bench/footprint";
import { benchProbe } from "./bench/probeBench";
import { formatReport, type BenchResults } from "./bench/report";

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const emulator = await startEmulatorProcess(args.latencyMs);
  let results: BenchResults;
  try {
    const preview = await benchPreview(emulator, args.latencyMs);
    const create = await benchCreate(emulator, args.latencyMs);
    await emulator.reset();
    await emulator.configure({ latencyMs: args.latencyMs, rateLimitPerSecond: 0 });
    const coldStart = await benchColdStart(emulator, args.coldRuns);
    const probe = await benchProbe(args.coldRuns);
    const cli = args.cli ? await benchCli(emulator, args.latencyMs) : undefined;
    results = {
      when: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      latencyMs: args.latencyMs,
      preview,
      create,
      // Its own emulator, in process: it measures bytes, not time.
      footprint: await benchFootprint(),
      coldStart,
      probe,
      cli,
    };
  } finally {
    await emulator.stop();
  }
  console.log(formatReport(results));
  const out = resolve(REPO_ROOT, args.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nResults written to ${args.out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
