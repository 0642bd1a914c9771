/**
 * Running a client that lives outside Node (the Python SDK, tccli, the Go SDK) for one call, and
 * finding where it was installed. A missing install skips its tests with the reason and the
 * script that installs it, except under `CI`, where it fails: CI installs every client.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ClientResult } from "./round";

/** The venv `scripts/ci/python-clients.sh` installs the Python clients into. */
export const PYTHON_VENV =
  process.env.PULUMI_LIVE_PY_CLIENTS ??
  join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
    "pulumi-tencentcloud-live-callbacks",
    "py",
  );

/**
 * Skips the current test (or fails it under `CI`) when `path` does not exist.
 */
export function requireInstalled(ctx: Mocha.Context, path: string, installedBy: string): void {
  if (existsSync(path)) return;
  const reason = `${path} is missing; run ${installedBy} to install it`;
  if (process.env.CI) throw new Error(`CI must run every client test: ${reason}`);
  ctx.skip();
}

/** Environment for a child client: no proxy for the loopback emulator. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_PROXY: "127.0.0.1,localhost,::1",
    no_proxy: "127.0.0.1,localhost,::1",
    ...extra,
  };
}

/** Runs `file` with `args`; resolves with stdout, stderr and the exit code. */
export function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env, cwd, timeout: 120_000, maxBuffer: 8 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") reject(err);
        else resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Parses the one JSON line a driver (`python/call.py`, `go/main.go`) prints. */
export function driverResult(out: { code: number; stdout: string; stderr: string }): ClientResult {
  const line = out.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as ClientResult;
  } catch {
    throw new Error(`the client printed no result (exit ${out.code}): ${out.stdout}${out.stderr}`);
  }
}
