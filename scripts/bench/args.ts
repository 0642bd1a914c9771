/** Command-line flags of `npm run bench`. */
import { parseArgs } from "node:util";

/** What the benchmark is asked to do. */
export interface BenchArgs {
  /** Latency the emulator adds to every API call, in milliseconds. */
  latencyMs: number;
  /** Fresh processes started per cold-start variant. */
  coldRuns: number;
  /** Where results.json goes. */
  out: string;
  /** Whether to run section 6 (the real CLI, built by `npm run pulumi:bin` when missing). */
  cli: boolean;
}

const USAGE = `usage: npm run bench -- [--latency-ms N] [--cold-runs N] [--out FILE] [--no-cli]
  --latency-ms N   latency the emulator adds to every API call (default 20)
  --cold-runs N    fresh processes per cold-start variant (default 5)
  --out FILE       where to write the results (default bench/results.json)
  --no-cli         skip section 6, the real Pulumi CLI (built from Go modules when missing)`;

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min}\n${USAGE}`);
  return n;
}

/** Parses `argv` (without node and the script); throws with the usage on a bad flag. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      "latency-ms": { type: "string", default: "20" },
      "cold-runs": { type: "string", default: "5" },
      out: { type: "string", default: "bench/results.json" },
      "no-cli": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    latencyMs: count("latency-ms", values["latency-ms"], 0),
    coldRuns: count("cold-runs", values["cold-runs"], 1),
    out: values.out,
    cli: !values["no-cli"],
  };
}
