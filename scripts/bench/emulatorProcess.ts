/**
 * The emulator in a child process, driven through its admin routes. The benchmark uses it so the
 * emulator's work (signatures, JSON of thousands of rules) does not compete for the CPU of the
 * process being measured, as the real API would not.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { CallCounts, EmulatorConfig, EmulatorSnapshot } from "../../src/emulator";
import { DEFAULT_EMULATOR_CREDENTIALS } from "../../src/emulator";
import { REPO_ROOT } from "./paths";
import type { EmulatorAddress } from "../../test/support/providerRun";

/** A running emulator process. */
export interface EmulatorProcess extends EmulatorAddress {
  /** The call counters (refused calls included). */
  calls(): Promise<CallCounts>;
  /** How many rules the account holds. */
  ruleCount(): Promise<number>;
  /** Empties the account and the counters. */
  reset(): Promise<void>;
  /** Changes latency, rate limit or duplicate-rules mode. */
  configure(patch: Partial<EmulatorConfig>): Promise<void>;
  /** Stops the process (SIGTERM, which the CLI handles) and waits for it to exit. */
  stop(): Promise<void>;
}

function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const text = body === undefined ? "" : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // agent: false, so no keep-alive socket outlives the call and no proxy variable applies.
    const req = http.request(
      new URL(path, url),
      { method, agent: false, headers: { "Content-Type": "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const answer = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) reject(new Error(`${method} ${path}: ${answer}`));
          else resolve(answer ? JSON.parse(answer) : undefined);
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

function waitForUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /^listening on (\S+)$/m.exec(out);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`emulator exited with ${code} before listening: ${stderr()}`)),
    );
  });
}

/** Starts the emulator CLI (TypeScript sources via tsx) on a free loopback port. */
export async function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    ["--require", "tsx/cjs", "src/emulator/cli.ts", "--latency-ms", String(latencyMs)],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  // Its diagnostics are kept, not printed: they matter only if it fails to start, and would
  // otherwise interleave with the report (it warns about many concurrent delays, for one).
  let stderr = "";
  child.stderr?.on(
    "data",
    (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)),
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await waitForUrl(child, () => stderr);
  // Keep reading stdout so that a chatty emulator can never block on a full pipe.
  child.stdout?.resume();
  const state = async () => (await admin(url, "GET", "/_emulator/state")) as EmulatorSnapshot;
  return {
    url,
    endpoint: new URL(url).host,
    credentials: { ...DEFAULT_EMULATOR_CREDENTIALS },
    calls: async () => (await state()).calls,
    ruleCount: async () => (await state()).rules.length,
    reset: async () => void (await admin(url, "POST", "/_emulator/reset")),
    configure: async (patch) => void (await admin(url, "POST", "/_emulator/config", patch)),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
