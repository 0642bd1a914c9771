// examples/receiver is what docs/receiving-callbacks.md tells people to run: check what it prints on start, that
// it receives a signed event, and that a missing key is one clear line rather than a stack trace.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { signCallback } from "../../src/callbacks";
import { SAMPLE_EVENTS } from "./fixtures";
import { HOSTILE_RAW_REQUESTS, sendRawRequests } from "./http-helpers";

const REPO = path.join(__dirname, "../..");
const KEY = "ReceiverKey42";

/** Starts the example with `env` added to this process's environment (minus CALLBACK_KEY). */
function startReceiver(env: Record<string, string>): {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
} {
  const base = { ...process.env };
  delete base.CALLBACK_KEY;
  const child = spawn(
    process.execPath,
    ["--require", "tsx/cjs", path.join("examples", "receiver", "server.ts")],
    { cwd: REPO, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = { stdout: "", stderr: "" };
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (output.stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (output.stderr += d));
  return { child, output };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("examples/receiver", function () {
  this.timeout(60_000);

  it("exits with one clear line when CALLBACK_KEY is not set", async () => {
    const { child, output } = startReceiver({});
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 1);
    assert.equal(output.stdout, "");
    assert.equal(output.stderr.trim().split("\n").length, 1, output.stderr);
    assert.match(output.stderr, /set CALLBACK_KEY/);
  });

  it("prints where it listens, receives a signed event and logs a refused one", async () => {
    const { child, output } = startReceiver({ CALLBACK_KEY: KEY, PORT: "0", HOST: "127.0.0.1" });
    try {
      await waitFor(() => /listening on/.test(output.stdout), "the listening line");
      const url = /receiver listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output.stdout)?.[1];
      assert.ok(url, output.stdout);

      const t = Math.floor(Date.now() / 1000) + 600;
      const event = { ...SAMPLE_EVENTS.streamBegin, t, sign: signCallback(KEY, t) };
      const accepted = await fetch(url, { method: "POST", body: JSON.stringify(event) });
      assert.equal(accepted.status, 200);
      assert.deepEqual(await accepted.json(), { code: 0 });
      await waitFor(() => output.stdout.includes("stream began"), "the event line");
      assert.match(output.stdout, /stream began room_1001\n/);

      const lines = await sendRawRequests(Number(new URL(url).port), HOSTILE_RAW_REQUESTS);
      for (const [index, line] of lines.entries()) {
        assert.ok(line === "" || /^HTTP\/1\.1 4\d\d /.test(line), `request ${index}: ${line}`);
      }
      assert.equal(child.exitCode, null, output.stderr);
      // Terminal escapes a client sent never reach the log line.
      await waitFor(() => output.stderr.includes("refused"), "a refusal line");
      assert.ok(!/\p{Cc}/u.test(output.stderr.replace(/\n/g, "")), JSON.stringify(output.stderr));
      output.stderr = "";

      const forged = { ...event, sign: signCallback("OldKey1", t) };
      const refused = await fetch(url, { method: "POST", body: JSON.stringify(forged) });
      assert.equal(refused.status, 401);
      await waitFor(() => output.stderr.includes("refused"), "the refusal line");
      assert.match(
        output.stderr,
        /refused 401 \(sign does not match .*\) event_type 1 from 127\.0\.0\.1\n/,
      );
      assert.ok(!output.stderr.includes(KEY) && !output.stdout.includes(KEY));
    } finally {
      child.kill("SIGTERM");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
    }
  });
});
