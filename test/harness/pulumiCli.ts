/**
 * The real Pulumi CLI, offline: the build of `npm run pulumi:bin` (or `LIVE_TEST_PULUMI_BIN`, a
 * folder holding another `pulumi`), a `file://` backend, a `PULUMI_HOME` and a passphrase, all
 * in one temporary folder, with the update check and plugin downloads off. Commands run as a
 * user types them; see `automation.ts` for the commands that run a program.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePulumiBin } from "../../scripts/pulumi/build";
import { cleanEnv } from "./run";

/** A private Pulumi installation and backend. */
export interface PulumiCli {
  /** The folder holding `pulumi` and the plugin scripts. */
  binDir: string;
  /** What `pulumi version` printed. */
  version: string;
  /** The temporary folder holding the backend and `PULUMI_HOME`; removed by `cleanup`. */
  root: string;
  /** The `file://` backend's folder. */
  backendDir: string;
  /** The passphrase of the stacks' secrets provider. */
  passphrase: string;
  /** The environment every command gets, plus `extra`. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Removes `root`. */
  cleanup(): Promise<void>;
}

/** What a finished command did. */
export interface CliResult {
  /** Exit status; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Makes a private home and backend for the CLI in `dir`; without `dir`, `LIVE_TEST_PULUMI_BIN`
 * (a folder with another `pulumi`, whose version is whatever it prints), else this
 * repository's build (built first when missing).
 */
export async function preparePulumiCli(dir?: string): Promise<PulumiCli> {
  const given = dir ?? process.env.LIVE_TEST_PULUMI_BIN;
  const binDir = given ? path.resolve(given) : (await ensurePulumiBin()).dir;
  const root = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-pulumi-"));
  const backendDir = path.join(root, "backend");
  const home = path.join(root, "home");
  await mkdir(backendDir);
  await mkdir(home);
  const passphrase = randomBytes(12).toString("hex");
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
    cleanEnv({
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      // No colour codes in what tests read.
      NO_COLOR: "1",
      PULUMI_SUPPRESS_COPILOT_LINK: "true",
      ...extra,
    });
  const probe = await runCommand(path.join(binDir, "pulumi"), ["version"], {
    cwd: root,
    env: env(),
  });
  if (probe.code !== 0) throw new Error(`pulumi version failed in ${binDir}: ${probe.stderr}`);
  return {
    binDir,
    version: probe.stdout.trim(),
    root,
    backendDir,
    passphrase,
    env,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Options of {@link runCommand}. */
export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Text written to the command's stdin, then closed. */
  input?: string;
  /** SIGKILL after this many ms (the result then has `signal`); default 600 000. */
  timeoutMs?: number;
  /** Called once the child has started, e.g. to signal it mid-run. */
  onSpawn?: (child: ChildProcess) => void;
  /** Called with each chunk of stdout as it comes. */
  onStdout?: (chunk: string) => void;
}

/** Runs a command to its end, whatever its exit status. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      options.onStdout?.(d);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdin.end(options.input ?? "");
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start: ${err.message}`));
    });
    child.on("spawn", () => options.onSpawn?.(child));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Runs `pulumi args` in `cwd` with the CLI's environment. */
export function pulumi(
  cli: PulumiCli,
  args: readonly string[],
  cwd: string,
  options: Partial<CommandOptions> = {},
): Promise<CliResult> {
  return runCommand(path.join(cli.binDir, "pulumi"), args, {
    cwd,
    env: cli.env(),
    ...options,
  });
}

/** Like {@link pulumi}, but throws with the command's output unless it exits 0. */
export async function pulumiOk(
  cli: PulumiCli,
  args: readonly string[],
  cwd: string,
  options: Partial<CommandOptions> = {},
): Promise<CliResult> {
  const result = await pulumi(cli, args, cwd, options);
  if (result.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")} exited ${result.code ?? result.signal}:\n${result.stderr}\n${result.stdout}`,
    );
  }
  return result;
}

/**
 * The text of a stack's state file in the file backend (`.pulumi/stacks/<project>/<stack>.json`).
 * Stacks are per project: without `project`, a stack name found in two projects is an error.
 */
export async function stateFileText(
  cli: PulumiCli,
  stack: string,
  project?: string,
): Promise<string> {
  const stacks = path.join(cli.backendDir, ".pulumi", "stacks");
  const found: { project: string; text: string }[] = [];
  for (const name of project ? [project] : await readdir(stacks)) {
    const text = await readFile(path.join(stacks, name, `${stack}.json`), "utf8").catch(
      () => undefined,
    );
    if (text !== undefined) found.push({ project: name, text });
  }
  if (found.length === 1) return found[0].text;
  const where = found.map((f) => f.project).join(", ");
  throw new Error(
    found.length === 0
      ? `no state file of stack ${stack} under ${stacks}`
      : `stack ${stack} exists in several projects (${where}): name the project`,
  );
}
