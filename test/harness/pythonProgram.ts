/**
 * A Python program using the provider plugin, run through the real CLI as a Python Automation
 * API inline program (there is no Python language host here): `test/pulumi/python/driver.py`,
 * run by the venv `scripts/ci/python-pulumi.sh` makes, serves the language protocol in-process
 * and passes `--client` to the `pulumi` on PATH (the CLI's folder comes first there). The
 * programs import `pulumi_tencentcloud_live`, the SDK Pulumi's Python generator writes from
 * the plugin's schema, which {@link installPythonSdk} generates and pip-installs into the venv.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { generateSdks, type GeneratedSdk } from "../../scripts/plugin/sdkGen";
import type { ProgramCommand, ProgramResult } from "./automation";
import { runCommand, type PulumiCli } from "./pulumiCli";
import { run as runOk } from "./run";

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

/**
 * Generates the Python SDK (`sdk/python`, see `scripts/plugin/sdkGen.ts`) and installs it
 * into {@link PYTHON_PULUMI_VENV} with pip, replacing any copy there, so the programs use the
 * SDK of this schema. Resolves with how the SDK was generated.
 */
export async function installPythonSdk(): Promise<GeneratedSdk> {
  const [sdk] = await generateSdks({ languages: ["python"] });
  await runOk(
    path.join(PYTHON_PULUMI_VENV, "bin", "pip"),
    [
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "--force-reinstall",
      "--no-deps",
      sdk.dir,
    ],
    { cwd: sdk.dir, timeoutMs: 300_000 },
  );
  return sdk;
}

/** Runs one engine command on a Python program in project folder `dir`. */
export async function runPythonProgram(run: {
  cli: PulumiCli;
  dir: string;
  project: string;
  stack: string;
  command: ProgramCommand;
  /** The Python Automation API's keyword arguments (e.g. `{ expect_no_changes: true }`). */
  options?: Record<string, unknown>;
  /** The module in `test/pulumi/python` whose `program()` runs; default `quickstart`. */
  program?: string;
  /**
   * A program file written for the language host (top-level code, such as the `__main__.py`
   * the import writes), run instead of `program`.
   */
  programFile?: string;
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
