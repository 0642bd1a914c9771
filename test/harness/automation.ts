/**
 * Running a consumer's Pulumi program through the real CLI. The CLI built here has no Node.js
 * language host (Pulumi's `pulumi-language-nodejs` module is not served by the Go module proxy
 * these machines reach), so a program runs the way the Automation API runs an inline program:
 * a driver process in the consumer project serves Pulumi's language protocol in-process and
 * starts `pulumi up|preview|refresh|destroy --client=<its address>`. Everything else is the
 * real CLI: the engine, its step generation and parallelism, the dynamic-provider plugin it
 * starts in the project folder, the state file, the secrets provider, policy packs.
 *
 * The driver compiles the TypeScript program with the project's own `ts-node`, type-checked, as
 * the language host does, and is a fresh process per command, as every `pulumi` command is.
 */
import type { ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { runCommand, type CliResult, type PulumiCli } from "./pulumiCli";

/** The driver's file name inside the consumer project. */
export const DRIVER_FILE = "live-callbacks-automation.js";

/** The marker before the driver's one-line JSON result on stdout. */
const RESULT_MARKER = "@@live-callbacks-result ";

/**
 * The driver. Its argument is a JSON request: `{ command, stack, program, options }`. It loads
 * `@pulumi/pulumi/automation` from the project (the program and the automation server must
 * share one `@pulumi/pulumi`), selects the stack (`pulumi stack init` made it), runs the command
 * with `options` (the Automation API's: `expectNoChanges`, `parallel`, `policyPacks`, …) and
 * prints the engine's output as it comes, then a result line.
 */
const DRIVER_SOURCE = `"use strict";
// Written by the real-CLI harness of pulumi-tencentcloud-live-callbacks (test/harness/automation.ts).
const path = require("node:path");
const fs = require("node:fs");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function main() {
  const req = JSON.parse(process.argv[2]);
  const dir = process.cwd();
  const tsconfig = path.join(dir, "tsconfig.json");
  require("ts-node").register({
    typeCheck: true,
    project: fs.existsSync(tsconfig) ? tsconfig : undefined,
    compilerOptions: { target: "es2020", module: "commonjs", moduleResolution: "node" },
  });
  const program = async () => require(path.resolve(dir, req.program));
  const pulumiCommand = await PulumiCommand.get({ skipVersionCheck: true });
  const stack = await LocalWorkspace.selectStack(
    { stackName: req.stack, projectName: req.project, program },
    { workDir: dir, pulumiCommand },
  );
  const onOutput = (text) => process.stdout.write(text);
  const onError = (text) => process.stderr.write(text);
  const result = await stack[req.command]({ ...req.options, onOutput, onError });
  const summary = result.summary ?? {};
  process.stdout.write(
    "\\n${RESULT_MARKER}" +
      JSON.stringify({ result: summary.result, resourceChanges: summary.resourceChanges ?? result.changeSummary }) +
      "\\n",
  );
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + "\\n");
  process.exit(1);
});
`;

/** Writes the driver into the consumer project. */
export async function installDriver(projectDir: string): Promise<void> {
  await writeFile(path.join(projectDir, DRIVER_FILE), DRIVER_SOURCE);
}

/** An engine command that runs the program. */
export type ProgramCommand = "up" | "preview" | "refresh" | "destroy";

/** What {@link runProgram} needs. */
export interface ProgramRun {
  cli: PulumiCli;
  /** The consumer project (holding Pulumi.yaml, the driver and node_modules). */
  dir: string;
  /** The Pulumi project name (as in Pulumi.yaml). */
  project: string;
  stack: string;
  /** The program module, relative to `dir` (e.g. `index.ts`). */
  program: string;
  command: ProgramCommand;
  /** The Automation API's options of that command (e.g. `{ expectNoChanges: true }`). */
  options?: Record<string, unknown>;
  /** Extra environment of the driver, the CLI and the plugins it starts. */
  env?: NodeJS.ProcessEnv;
  /** Called once the driver has started (to signal it, or the CLI under it). */
  onSpawn?: (child: ChildProcess) => void;
  onStdout?: (chunk: string) => void;
  timeoutMs?: number;
}

/** What a program command did. */
export interface ProgramResult extends CliResult {
  /** The engine's `result` (`succeeded`, `failed`, …) when the command got that far. */
  result?: string;
  /** Resource changes by operation, e.g. `{ create: 3 }`. */
  changes?: Record<string, number>;
}

/** Runs one engine command on a program through the driver; never throws for a failed command. */
export async function runProgram(run: ProgramRun): Promise<ProgramResult> {
  const request = {
    command: run.command,
    stack: run.stack,
    project: run.project,
    program: run.program,
    options: run.options ?? {},
  };
  const done = await runCommand(process.execPath, [DRIVER_FILE, JSON.stringify(request)], {
    cwd: run.dir,
    env: run.cli.env(run.env),
    onSpawn: run.onSpawn,
    onStdout: run.onStdout,
    timeoutMs: run.timeoutMs,
  });
  const line = done.stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  const parsed = line
    ? (JSON.parse(line.slice(RESULT_MARKER.length)) as {
        result?: string;
        resourceChanges?: Record<string, number>;
      })
    : {};
  return { ...done, result: parsed.result, changes: parsed.resourceChanges };
}

/** Like {@link runProgram}, but throws with the output unless the command succeeded. */
export async function runProgramOk(run: ProgramRun): Promise<ProgramResult> {
  const done = await runProgram(run);
  if (done.code !== 0) {
    throw new Error(
      `pulumi ${run.command} (${run.program}) exited ${done.code ?? done.signal}:\n` +
        `${done.stderr.slice(-6000)}\n${done.stdout.slice(-6000)}`,
    );
  }
  return done;
}
