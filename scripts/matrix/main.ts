/**
 * `npm run test:matrix`: the host-level proofs in every cell of Node × `@pulumi/pulumi` ×
 * package manager (see cells.ts), each cell a mocha run under its own Node with the harness's
 * knobs set. Prints one table; writes the run to `test/matrix/last-run.json` and the "Supported
 * versions" table of docs/getting-started.md. Exits non-zero when any cell failed or could not run.
 *
 *   --cell <text>   only the cells whose name contains <text> (repeatable); nothing is written
 *                   unless --out is given
 *   --out <file>    where to write the run's JSON (the guide is updated only for the default)
 *   --docs          run nothing: rewrite the guide's table from test/matrix/last-run.json
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../bench/paths";
import { CELLS, cellName, type CellSpec } from "./cells";
import {
  resultTable,
  supportedVersionsTable,
  SUPPORTED_VERSIONS_DOC,
  withSupportedVersionsTable,
  type MatrixRun,
} from "./report";
import { runCell, type CellResult } from "./runCell";
import { cellSuites, MATRIX_SUITES } from "./suites";
import { latestPulumi, latestVersion, nodeBinary, toolBin, versionOf } from "./toolchain";

/** The committed record of the last full run. */
export const LAST_RUN = path.join(REPO_ROOT, "test", "matrix", "last-run.json");

function parseArgs(argv: readonly string[]): {
  filters: string[];
  out?: string;
  docsOnly: boolean;
} {
  const filters: string[] = [];
  let out: string | undefined;
  let docsOnly = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--docs") docsOnly = true;
    else if (argv[i] === "--cell" && argv[i + 1]) filters.push(argv[++i]);
    else if (argv[i] === "--out" && argv[i + 1]) out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --cell <text>, --out <file>)`);
  }
  return { filters, out, docsOnly };
}

/** A failed cell for a spec whose toolchain could not be installed. */
function cannotRun(spec: CellSpec, pulumi: string, e: unknown): CellResult {
  return {
    name: cellName({ ...spec, pulumi }),
    why: spec.why,
    node: `v${spec.node}`,
    pulumi,
    pulumiRequested: spec.pulumi,
    packageManager: spec.packageManager,
    packageManagerVersion: "?",
    suites: [],
    passed: 0,
    failed: 0,
    seconds: 0,
    ok: false,
    reason: `cannot run: ${(e as Error).message.split("\n")[0]}`,
  };
}

/** Rewrites the "Supported versions" table of {@link SUPPORTED_VERSIONS_DOC} from `run`. */
async function writeSupportedVersions(run: MatrixRun): Promise<void> {
  const docPath = path.join(REPO_ROOT, SUPPORTED_VERSIONS_DOC);
  await writeFile(docPath, withSupportedVersionsTable(await readFile(docPath, "utf8"), run));
  console.log(`updated ${SUPPORTED_VERSIONS_DOC}:\n${supportedVersionsTable(run)}`);
}

async function main(): Promise<void> {
  const { filters, out, docsOnly } = parseArgs(process.argv.slice(2));
  if (docsOnly) {
    return writeSupportedVersions(JSON.parse(await readFile(LAST_RUN, "utf8")) as MatrixRun);
  }
  const startedAt = new Date();
  const loadStart = os.loadavg()[0];
  const latest = await latestPulumi();
  // The only optional peer the matrix suites install (the policy pack's): its newest, so every
  // cell proves the peer a new consumer gets. Redis clients are proven by the unit suites.
  const policy = await latestVersion("@pulumi/policy");
  const specs = CELLS.filter((c) => {
    const name = cellName({ ...c, pulumi: c.pulumi === "latest" ? latest : c.pulumi });
    return filters.length === 0 || filters.some((f) => name.includes(f));
  });
  if (specs.length === 0) throw new Error(`no cell matches ${filters.join(", ")}`);
  console.log(
    `@pulumi/pulumi latest: ${latest}; @pulumi/policy latest: ${policy}; ${specs.length} cells; suites: ${MATRIX_SUITES.join(" ")}`,
  );
  const cells: CellResult[] = [];
  for (const spec of specs) {
    const pulumi = spec.pulumi === "latest" ? latest : spec.pulumi;
    let cell: CellResult;
    try {
      const nodeBin = await nodeBinary(spec.node);
      const tools = await toolBin();
      const pmVersion = await versionOf(spec.packageManager, nodeBin, tools);
      console.log(`▶ ${cellName({ ...spec, pulumi })} (${nodeBin})`);
      cell = await runCell(spec, {
        nodeBin,
        toolBin: tools,
        pulumi,
        policy,
        packageManagerVersion: pmVersion,
        suites: cellSuites(spec),
      });
    } catch (e) {
      cell = cannotRun(spec, pulumi, e);
    }
    console.log(
      `  ${cell.ok ? "ok" : `FAILED: ${cell.reason}`} (${cell.passed} passed, ${cell.failed} failed, ${cell.seconds} s)`,
    );
    cells.push(cell);
  }
  const run: MatrixRun = {
    startedAt: startedAt.toISOString(),
    totalSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { cpus: os.cpus().length, loadStart, loadEnd: os.loadavg()[0] },
    suites: [...MATRIX_SUITES],
    cells,
  };
  console.log(`\n${resultTable(cells)}\n`);
  console.log(
    `${cells.length} cells in ${run.totalSeconds} s; load ${loadStart.toFixed(1)} → ${run.machine.loadEnd.toFixed(1)} on ${run.machine.cpus} CPUs`,
  );
  const target = out ?? (filters.length === 0 ? LAST_RUN : undefined);
  if (target) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, JSON.stringify(run, null, 2) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
    if (target === LAST_RUN) await writeSupportedVersions(run);
  }
  if (cells.some((c) => !c.ok)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
