// `npm run demo` is the README's first command: run it as a user would (on this machine, without
// a Pulumi CLI, it drives the dynamic-provider host) and check what it tells and leaves behind.
// The demo runs with a temporary directory of its own, so that only what this run created is
// checked: other runs on the same machine may have demos in flight.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.join(__dirname, "../..");

/** Command lines of running processes that mention `marker` (the demo's provider hosts). */
function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(marker)) found.push(cmd);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The part of the demo's output under the step whose title starts with `title`. */
function section(out: string, title: string): string {
  const start = out.indexOf(`== ${title}`);
  assert.notEqual(start, -1, `no step "${title}" in:\n${out}`);
  const next = out.indexOf("\n== ", start + 1);
  return out.slice(start, next === -1 ? undefined : next);
}

describe("npm run demo", function () {
  this.timeout(180_000);
  let tmp: string;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "demo-test-"));
  });

  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it("narrates up, the console edit, the drift, the repair and the destroy, and cleans up", async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO, "node_modules/tsx/dist/cli.mjs"), "scripts/demo.ts", "--harness"],
      {
        cwd: REPO,
        env: { ...process.env, TMPDIR: tmp },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 0, out);
    for (const expected of [
      '+ template 1000 "prod_hooks" created',
      "+ rule push.example.com/live → template 1000",
      'streamEndNotifyUrl: live "https://console-edit.example.com/end" ≠ declared',
      'Why "update" and not "create" for push-backup',
      "(no change in the account)",
      "+ rule push-backup.example.com/live → template 1000",
      '- template 1000 "prod_hooks" deleted',
      "Done: the emulator is empty again.",
    ]) {
      assert.ok(out.includes(expected), `missing "${expected}" in:\n${out}`);
    }
    assert.match(
      out,
      /Running on: Pulumi's provider host \((no Pulumi CLI found|--harness given)\)/,
    );
    assert.match(out, /The demo took \d+\.\d s\./);
    assert.equal(out.match(/^ {2}\(\d+\.\d s\)$/gm)?.length, 6, "each of the six steps is timed");

    // Callbacks reach the package's own receiver through a key rotation: the previous key
    // verifies the events of the propagation window, the new one those after it, none refused.
    const rotation = section(out, "Callbacks while the key is rotated");
    assert.match(
      rotation,
      /callbackKey changed at \S+Z; the platform applies it within 5-10 minutes/,
    );
    assert.match(rotation, /demo-1: verified with the first key/);
    assert.match(rotation, /demo-\d+: verified with the previous key/);
    assert.match(rotation, /demo-\d+: verified with the new key/);
    const summary =
      /(\d+) events sent, (\d+) verified \((\d+) after the up with the previous key, (\d+) with the new key\), 0 refused, 0 not delivered/.exec(
        rotation,
      );
    assert.ok(summary, rotation);
    assert.equal(summary[1], summary[2]);
    assert.ok(Number(summary[3]) >= 1 && Number(summary[4]) >= 1, rotation);

    // The API calls, in order: a preview only reads; destroy removes the rules, then the template.
    const calls = (title: string) =>
      [...section(out, title).matchAll(/^ {4}\d+\. (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(calls("pulumi preview"), [
      "DescribeLiveCallbackTemplates",
      "DescribeLiveCallbackRules",
    ]);
    assert.deepEqual(calls("pulumi destroy"), [
      "DeleteLiveCallbackRule push-backup.example.com/live",
      "DeleteLiveCallbackRule push.example.com/live",
      "DeleteLiveCallbackTemplate template 1000",
    ]);
    // The account's changes are listed in the same order.
    const destroyed = section(out, "pulumi destroy");
    assert.ok(
      destroyed.indexOf("- rule push.example.com/live deleted") <
        destroyed.indexOf('- template 1000 "prod_hooks" deleted'),
      destroyed,
    );

    // The key is shown only as [secret].
    assert.ok(!/Demo[0-9a-f]{16}/.test(out), "the demo printed its callback key");
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.startsWith("live-callbacks-demo-")),
      [],
      "temporary folder left behind",
    );
    assert.deepEqual(processesMentioning(tmp), [], "a process of the demo is still running");
  });
});
