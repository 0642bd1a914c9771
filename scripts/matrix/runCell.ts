/**
 * Runs one cell: mocha with the matrix suites under the cell's Node, the harness knobs set
 * (contract 3), and the JSON reporter; then reads what the consumers really installed from
 * the harness's cell report.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { CellReportLine } from "../../test/harness/cellReport";
import { REPO_ROOT } from "../bench/paths";
import { cellName, type CellSpec } from "./cells";

/** One suite file's outcome in a cell. */
export interface SuiteResult {
  file: string;
  passed: number;
  failed: number;
}

/** What a cell proved, as the table and the JSON record it. */
export interface CellResult {
  name: string;
  /** Why the cell exists (from cells.ts). */
  why: string;
  /** Node's full version, e.g. `v24.22.3`. */
  node: string;
  /** The `@pulumi/pulumi` the consumers installed (the requested one if none got that far). */
  pulumi: string;
  /** What the cell asked for: a version or "latest". */
  pulumiRequested: string;
  packageManager: string;
  packageManagerVersion: string;
  suites: SuiteResult[];
  passed: number;
  failed: number;
  /** `__provider` bytes of each type, as the suites' consumers serialized them. */
  templateBytes?: number;
  bindingBytes?: number;
  /** "by name" (a require of the shim's subpath) or "by value". */
  providerForm?: "by name" | "by value";
  seconds: number;
  ok: boolean;
  /** Why the cell failed, when it did. */
  reason?: string;
}

/** Everything {@link runCell} needs besides the spec. */
export interface CellContext {
  nodeBin: string;
  toolBin: string;
  /** The resolved `@pulumi/pulumi` version to install. */
  pulumi: string;
  /** The `@pulumi/policy` version the policy suite installs (the registry's newest). */
  policy: string;
  packageManagerVersion: string;
  suites: readonly string[];
}

interface MochaJson {
  stats: { passes: number; failures: number };
  passes: { file?: string }[];
  failures: { file?: string; fullTitle: string; err: { message?: string } }[];
}

/** Runs `command` and resolves with its status and the tail of its output; never rejects. */
function spawnTail(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const keep = (d: Buffer) => (tail = (tail + d.toString("utf8")).slice(-6000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (e) => resolve({ code: -1, tail: e.message }));
    child.on("close", (code) => resolve({ code, tail }));
  });
}

/** Groups mocha's tests by file, keeping the suites' listed order. */
function bySuite(json: MochaJson, suites: readonly string[]): SuiteResult[] {
  return suites.map((file) => {
    const abs = path.join(REPO_ROOT, file);
    return {
      file,
      passed: json.passes.filter((t) => t.file === abs).length,
      failed: json.failures.filter((t) => t.file === abs).length,
    };
  });
}

/** Runs the cell; a cell that cannot run comes back failed with the reason. */
export async function runCell(spec: CellSpec, ctx: CellContext): Promise<CellResult> {
  const started = Date.now();
  const work = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-matrix-"));
  try {
    const result = await attempt(spec, ctx, work);
    return { ...result, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function attempt(spec: CellSpec, ctx: CellContext, work: string): Promise<CellResult> {
  const base: CellResult = {
    name: cellName({ ...spec, pulumi: ctx.pulumi }),
    why: spec.why,
    node: "",
    pulumi: ctx.pulumi,
    pulumiRequested: spec.pulumi,
    packageManager: spec.packageManager,
    packageManagerVersion: ctx.packageManagerVersion,
    suites: [],
    passed: 0,
    failed: 0,
    seconds: 0,
    ok: false,
  };
  {
    const reportFile = path.join(work, "consumers.jsonl");
    const mochaOut = path.join(work, "mocha.json");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [path.dirname(ctx.nodeBin), ctx.toolBin, process.env.PATH].join(path.delimiter),
      LIVE_TEST_PULUMI_VERSION: ctx.pulumi,
      LIVE_TEST_POLICY_VERSION: ctx.policy,
      LIVE_TEST_PACKAGE_MANAGER: spec.packageManager,
      LIVE_TEST_CELL_REPORT: reportFile,
    };
    const version = await spawnTail(ctx.nodeBin, ["--version"], env);
    base.node = version.tail.trim();
    if (version.code !== 0)
      return { ...base, reason: `Node ${spec.node} does not start: ${version.tail}` };
    const mocha = path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js");
    const args = [
      mocha,
      "--no-config",
      "--require",
      "tsx/cjs",
      "--extension",
      "ts",
      "--timeout",
      "20000",
      "--exit",
      "--reporter",
      "json",
      "--reporter-option",
      `output=${mochaOut}`,
      ...ctx.suites,
    ];
    const result = await spawnTail(ctx.nodeBin, args, env);
    if (!existsSync(mochaOut)) {
      return { ...base, reason: `mocha wrote no results (exit ${result.code}): ${result.tail}` };
    }
    const json = JSON.parse(await readFile(mochaOut, "utf8")) as MochaJson;
    const suites = bySuite(json, ctx.suites);
    const lines = existsSync(reportFile)
      ? (await readFile(reportFile, "utf8"))
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as CellReportLine)
      : [];
    const first = lines[0];
    const cell: CellResult = {
      ...base,
      pulumi: first?.pulumi ?? ctx.pulumi,
      suites,
      passed: json.stats.passes,
      failed: json.stats.failures,
      templateBytes: first?.templateBytes,
      bindingBytes: first?.bindingBytes,
      providerForm: first ? (first.byName ? "by name" : "by value") : undefined,
    };
    const problems: string[] = [];
    const installed = new Set(lines.map((l) => l.pulumi));
    if (lines.length === 0) problems.push("no consumer project was prepared");
    if (installed.size > 1 || (first && first.pulumi !== ctx.pulumi)) {
      problems.push(
        `consumers installed @pulumi/pulumi ${[...installed].join(", ")}, not ${ctx.pulumi}`,
      );
    }
    for (const s of suites) if (s.passed === 0) problems.push(`${s.file} passed no test`);
    for (const f of json.failures.slice(0, 5)) {
      problems.push(`${f.fullTitle}: ${(f.err.message ?? "").split("\n")[0]}`);
    }
    if (result.code !== 0 && problems.length === 0) problems.push(`mocha exited ${result.code}`);
    return { ...cell, ok: problems.length === 0, reason: problems.join("; ") || undefined };
  }
}
