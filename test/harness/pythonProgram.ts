/**
 * A Python program using the provider plugin, run through the real CLI as a Python Automation
 * API inline program (there is no Python language host here): `test/pulumi/python/driver.py`,
 * run by the venv `scripts/ci/python-pulumi.sh` makes, serves the language protocol in-process
 * and passes `--client` to the `pulumi` on PATH (the CLI's folder comes first there).
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import type { ProgramCommand, ProgramResult } from "./automation";
import { runCommand, type PulumiCli } from "./pulumiCli";

/** The venv holding Python's `pulumi` SDK. */
export const PYTHON_PULUMI_VENV =
  process.env.PULUMI_LIVE_PY_PULUMI ??
  path.join(
    process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"),
    "pulumi-tencentcloud-live-callbacks",
    "py-pulumi",
  );

/** The script that installs {@link PYTHON_PULUMI_VENV}. */
export const PYTHON_PULUMI_INSTALLER = "scripts/ci/python-pulumi.sh";

const PYTHON = path.join(PYTHON_PULUMI_VENV, "bin", "python");
const DRIVER = path.resolve(__dirname, "..", "pulumi", "python", "driver.py");
const RESULT_MARKER = "@@live-callbacks-result ";

/**
 * Skips the current test when the venv is missing, naming the installer; under `CI` fails
 * instead, since CI installs it.
 */
export function requirePythonPulumi(ctx: Mocha.Context): void {
  if (existsSync(PYTHON)) return;
  const reason = `${PYTHON} is missing; run ${PYTHON_PULUMI_INSTALLER} to install Python's pulumi SDK`;
  if (process.env.CI === "true") throw new Error(`CI must run the Python suite: ${reason}`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
}

/** Runs one engine command on the Python quickstart in project folder `dir`. */
export async function runPythonProgram(run: {
  cli: PulumiCli;
  dir: string;
  project: string;
  stack: string;
  command: ProgramCommand;
  /** The Python Automation API's keyword arguments (e.g. `{ expect_no_changes: true }`). */
  options?: Record<string, unknown>;
}): Promise<ProgramResult> {
  const request = { ...run, cli: undefined, options: run.options ?? {} };
  const done = await runCommand(PYTHON, [DRIVER, JSON.stringify(request)], {
    cwd: run.dir,
    env: run.cli.env({ PYTHONDONTWRITEBYTECODE: "1" }),
  });
  const line = done.stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  const parsed = line
    ? (JSON.parse(line.slice(RESULT_MARKER.length)) as { changes?: Record<string, number> })
    : {};
  return { ...done, result: line ? "succeeded" : undefined, changes: parsed.changes };
}
