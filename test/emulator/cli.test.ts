import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import http from "node:http";
import { DEFAULT_EMULATOR_CREDENTIALS } from "../../src/emulator";
import { parseCommandLine } from "../../src/emulator/cli";
import { minimalTemplate } from "./helpers";

const ROOT = resolve(__dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const CLI = join(ROOT, "src/emulator/cli.ts");

/** Output and exit of a finished child. */
interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe("emulator: tencentcloud-live-emulator command", function () {
  // tsx compiles the CLI on the fly; allow for a slow first start.
  this.timeout(15_000);
  const children: ChildProcess[] = [];
  let dir: string;

  function run(args: string[]): { child: ChildProcess; finished: Promise<Finished> } {
    // Its own process group: tsx runs the CLI in a child process, and cleanup must reach both.
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const finished = new Promise<Finished>((resolveExit) =>
      child.on("close", (code, signal) => resolveExit({ code, signal, stdout, stderr })),
    );
    return { child, finished };
  }

  function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolveLine, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => {
        lines.close();
        resolveLine(line);
      });
      child.once("close", (code) =>
        reject(new Error(`exited with ${code} before printing a line`)),
      );
    });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "live-emulator-cli-"));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, "SIGKILL");
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("prints its URL first, serves the API and saves the state on SIGTERM", async () => {
    const stateFile = join(dir, "state.json");
    const { child, finished } = run(["--port", "0", "--state-file", stateFile]);
    const line = await firstLine(child);
    const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    assert.ok(match, `first line: ${line}`);

    const client = new Client({
      credential: { ...DEFAULT_EMULATOR_CREDENTIALS },
      profile: {
        httpProfile: {
          endpoint: `127.0.0.1:${match[1]}`,
          protocol: "http://",
          reqTimeout: 5,
          agent: new http.Agent({ keepAlive: true }),
        },
      },
    });
    const { TemplateId } = await client.CreateLiveCallbackTemplate(minimalTemplate("from-cli"));

    child.kill("SIGTERM");
    const result = await finished;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split("\n"), [
      line,
      `stopped on SIGTERM; state saved to ${stateFile}`,
    ]);
    const saved = JSON.parse(await readFile(stateFile, "utf8"));
    assert.deepEqual(
      saved.templates.map((t: { TemplateId: number; TemplateName: string }) => [
        t.TemplateId,
        t.TemplateName,
      ]),
      [[TemplateId, "from-cli"]],
    );
  });

  it("says on SIGINT that it stopped and that it had no state file", async () => {
    const { child, finished } = run(["--port", "0"]);
    const line = await firstLine(child);
    assert.match(line, /^listening on /);
    child.kill("SIGINT");
    const result = await finished;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split("\n"), [
      line,
      "stopped on SIGINT; no state file, so the state was in memory only and is gone",
    ]);
    assert.equal(result.stderr, "");
  });

  it("exits 2 on bad flags or a non-loopback host, 0 on --help", async () => {
    // One spawn per case, run side by side: each start of tsx costs most of a second.
    const [nonLoopback, unknown, help] = await Promise.all([
      run(["--host", "0.0.0.0", "--port", "0"]).finished,
      run(["--colour", "blue"]).finished,
      run(["--help"]).finished,
    ]);
    assert.equal(nonLoopback.code, 2);
    assert.match(nonLoopback.stderr, /non-loopback/);
    assert.equal(nonLoopback.stdout, "");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /colour/);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tencentcloud-live-emulator/);
  });

  it("turns flags into options and refuses bad values", () => {
    assert.equal(parseCommandLine(["--help"]), undefined);
    assert.deepEqual(
      parseCommandLine([
        "--port=9000",
        "--host",
        "::1",
        "--secret-id",
        "AKIDX",
        "--secret-key",
        "key",
        "--token",
        "tok",
        "--latency-ms",
        "25",
        "--rate-limit",
        "200",
        "--duplicate-rules",
        "overwrite",
        "--state-file",
        "s.json",
      ]),
      {
        port: 9000,
        host: "::1",
        allowNonLoopback: undefined,
        credentials: { secretId: "AKIDX", secretKey: "key", token: "tok" },
        latencyMs: 25,
        rateLimitPerSecond: 200,
        duplicateRules: "overwrite",
        stateFile: "s.json",
      },
    );
    assert.equal(parseCommandLine(["--host", "0.0.0.0", "--allow-non-loopback"])?.host, "0.0.0.0");
    assert.equal(parseCommandLine(["--tls"])?.tls, true);
    assert.equal(parseCommandLine([])?.tls, undefined);
    for (const bad of [
      ["--rate-limit", "fast"],
      ["--latency-ms", "-1"],
      ["--port", "70000"],
      ["--duplicate-rules", "merge"],
      ["--host", "10.1.2.3"],
      ["--secret-key", ""],
      ["extra"],
    ]) {
      assert.throws(() => parseCommandLine(bad), Error, bad.join(" "));
    }
  });
});
