/**
 * Running a command to completion, for the harness's build, pack and install steps.
 */
import { spawn } from "node:child_process";

/** What a finished command printed, and how long it took. */
export interface RunResult {
  stdout: string;
  stderr: string;
  /** Wall-clock duration in milliseconds. */
  ms: number;
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string;
  /** The whole environment of the command; default: this process's, see {@link cleanEnv}. */
  env?: NodeJS.ProcessEnv;
  /** Killed (and rejected) after this many milliseconds; default 120 000. */
  timeoutMs?: number;
}

/**
 * The variables `npm test` (or `npm run`) sets that describe the repository's own run: the
 * project directory (`npm_config_local_prefix`), its manifest (`npm_package_*`) and the script
 * being run. An `npm` started for the consumer must not inherit them. Other `npm_config_*`
 * variables are the user's effective npm settings (cache, registry, CA file) and are kept.
 */
const RUN_SPECIFIC = /^npm_(config_local_prefix|config_call|package_|lifecycle_|command$)/i;

/** This process's environment without {@link RUN_SPECIFIC} variables, plus `extra`. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!RUN_SPECIFIC.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Runs `command args` without a shell and resolves with its output once it exits with status 0.
 * Rejects with an error holding the command, its status and the tail of its stderr otherwise.
 */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      if (code === 0) return resolve({ stdout, stderr, ms });
      const status = signal ? `was killed (${signal})` : `exited with ${code}`;
      reject(
        new Error(
          `${command} ${args.join(" ")} (in ${options.cwd}) ${status} after ${ms} ms:\n` +
            `${stderr.slice(-4000) || stdout.slice(-4000)}`,
        ),
      );
    });
  });
}
