/**
 * `npm run chaos [-- --repeat N] [-- --only TEXT]`: runs every fault scenario of the test suite
 * (test/faults/scenarios.ts) N times (default 5), each repetition with its own seed and its own
 * emulator on 127.0.0.1:0, and prints one summary table. Exits 1 when any run left a duplicate,
 * an orphan or drift behind (or did not converge), 2 on bad arguments.
 */
import { runScenario, type Scenario, type ScenarioResult } from "../test/faults/runScenario";
import { CONVERGING_SCENARIOS } from "../test/faults/scenarios";
import { renderTable, type Column } from "./lib/table";

/** Totals of one scenario over its repetitions. */
interface Row {
  name: string;
  runs: number;
  notConverged: number;
  faults: number;
  retries: number;
  duplicates: number;
  orphans: number;
  drift: number;
  wallMs: number;
  /** A few problem descriptions, for the report under the table. */
  samples: string[];
}

function parseArgs(argv: readonly string[]): { repeat: number; only?: string } {
  let repeat = 5;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--repeat") {
      repeat = Number(argv[++i]);
      if (!Number.isInteger(repeat) || repeat < 1)
        throw new Error("--repeat needs an integer >= 1");
    } else if (arg === "--only") {
      only = argv[++i];
      if (!only) throw new Error("--only needs a text to match scenario names");
    } else {
      throw new Error(`unknown argument ${arg}; use --repeat N and --only TEXT`);
    }
  }
  return { repeat, only };
}

/** Runs one scenario `repeat` times; seeds differ so the random scenario varies. */
async function runRepeated(scenario: Scenario, repeat: number): Promise<Row> {
  const row: Row = {
    name: scenario.name,
    runs: 0,
    notConverged: 0,
    faults: 0,
    retries: 0,
    duplicates: 0,
    orphans: 0,
    drift: 0,
    wallMs: 0,
    samples: [],
  };
  for (let seed = 1; seed <= repeat; seed++) {
    const r = await runScenario(scenario, seed);
    add(row, r, seed);
    process.stderr.write(`  ${scenario.name} #${seed}: ${(r.wallMs / 1000).toFixed(1)} s\n`);
  }
  return row;
}

function add(row: Row, r: ScenarioResult, seed: number): void {
  row.runs += 1;
  row.notConverged += r.ok ? 0 : 1;
  row.faults += r.faultsInjected;
  row.retries += r.retries;
  row.duplicates += r.duplicates.length;
  row.orphans += r.orphans.length;
  // Drift after the run: what the account still lacks, plus anything the next `up` changed.
  row.drift += r.drift.length + r.rerunWrites + r.rerunChanges;
  row.wallMs += r.wallMs;
  const problems = [
    ...r.duplicates,
    ...r.orphans,
    ...r.drift,
    ...(r.rerunWrites ? [`the next up wrote ${r.rerunWrites} time(s)`] : []),
    ...(r.ok ? [] : [`no up succeeded; last error: ${r.upErrors.at(-1) ?? "?"}`]),
  ];
  row.samples.push(...problems.slice(0, 3).map((p) => `seed ${seed}: ${p}`));
}

const COLUMNS: Column[] = [
  { header: "scenario" },
  { header: "runs", numeric: true },
  { header: "faults injected", numeric: true },
  { header: "retries made", numeric: true },
  { header: "duplicates", numeric: true },
  { header: "orphans", numeric: true },
  { header: "drift after run", numeric: true },
  { header: "wall time", numeric: true },
];

function cells(row: Row): string[] {
  return [
    row.notConverged ? `${row.name} (${row.notConverged} not converged)` : row.name,
    String(row.runs),
    String(row.faults),
    String(row.retries),
    String(row.duplicates),
    String(row.orphans),
    String(row.drift),
    `${(row.wallMs / 1000).toFixed(1)} s`,
  ];
}

function total(rows: readonly Row[]): Row {
  const sum = (pick: (r: Row) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    name: "TOTAL",
    runs: sum((r) => r.runs),
    notConverged: sum((r) => r.notConverged),
    faults: sum((r) => r.faults),
    retries: sum((r) => r.retries),
    duplicates: sum((r) => r.duplicates),
    orphans: sum((r) => r.orphans),
    drift: sum((r) => r.drift),
    wallMs: sum((r) => r.wallMs),
    samples: [],
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`chaos: ${(e as Error).message}\n`);
    return 2;
  }
  const scenarios = CONVERGING_SCENARIOS.filter((s) => !args.only || s.name.includes(args.only));
  process.stderr.write(`chaos: ${scenarios.length} scenarios × ${args.repeat} runs\n`);
  const rows: Row[] = [];
  // One scenario at a time: they share the process-wide rate limiter, and wall times stay honest.
  for (const scenario of scenarios) rows.push(await runRepeated(scenario, args.repeat));

  const sum = total(rows);
  console.log(renderTable(COLUMNS, [...rows, sum].map(cells)));
  const failed = rows.filter((r) => r.duplicates + r.orphans + r.drift + r.notConverged > 0);
  for (const row of failed) {
    console.log(`\n${row.name}:`);
    for (const sample of row.samples.slice(0, 5)) console.log(`  - ${sample}`);
  }
  return failed.length > 0 ? 1 : 0;
}

// Emulators are stopped by each scenario; setting the exit code (not calling exit) lets the
// process end by itself, which also proves nothing was left running.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
