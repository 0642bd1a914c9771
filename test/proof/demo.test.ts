// `npm run demo` is the README's first command: run it as a user would (on this machine, without
// a Pulumi CLI, it drives the dynamic-provider host) and check what it tells and leaves behind.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.join(__dirname, "../..");

/** Command lines of running processes that belong to a demo (its provider hosts). */
function demoProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes("live-callbacks-demo-")) found.push(cmd);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function demoFolders(): string[] {
  return readdirSync(os.tmpdir()).filter((f) => f.startsWith("live-callbacks-demo-"));
}

describe("npm run demo", function () {
  this.timeout(180_000);

  it("narrates up, the console edit, the drift, the repair and the destroy, and cleans up", async () => {
    const before = new Set(demoFolders());
    const child = spawn(
      process.execPath,
      [path.join(REPO, "node_modules/tsx/dist/cli.mjs"), "scripts/demo.ts", "--harness"],
      { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 0, out);
    for (const expected of [
      "Running on: Pulumi's dynamic-provider host over gRPC",
      '+ template 1000 "prod_hooks" created',
      "+ rule push.example.com/live → template 1000",
      'streamEndNotifyUrl: live "https://console-edit.example.com/end" ≠ declared',
      "(no change in the account)",
      "+ rule push-backup.example.com/live → template 1000",
      '- template 1000 "prod_hooks" deleted',
      "Done: the emulator is empty again.",
    ]) {
      assert.ok(out.includes(expected), `missing "${expected}" in:\n${out}`);
    }
    // The key is shown only as [secret].
    assert.ok(!/Demo[0-9a-f]{16}/.test(out), "the demo printed its callback key");
    assert.deepEqual(
      demoFolders().filter((f) => !before.has(f)),
      [],
      "temporary folder left behind",
    );
    assert.deepEqual(demoProcesses(), [], "a process of the demo is still running");
  });
});
