/**
 * `npm run demo`: the quickstart stack against the local emulator, narrated. `up` creates it,
 * an edit "in the console" (made with the Tencent SDK) drifts it, `preview` shows the drift,
 * `up` repairs it and `destroy` removes it. It runs the real `pulumi` when this repository has
 * built one (`npm run pulumi:bin`) or one is on PATH, and says which; otherwise it says so and
 * drives Pulumi's own dynamic-provider host instead. It stops every process it started and
 * removes its temporary folder.
 *
 * Flags: `--harness` (use the host even if a CLI is there), `--build-pulumi` (build the CLI from
 * its Go modules first; needs Go and the Go module proxy).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalLive, type LocalLive } from "../test/harness";
import type { EmulatorSnapshot } from "../src/emulator";
import { cliBackend, harnessBackend, pulumiOnPath, type DemoBackend } from "./demo/backends";
import { builtPulumiBin, ensurePulumiBin } from "./pulumi/build";
import { startDemoReceiver, startSending, type DemoReceiver } from "./demo/callbacks";
import { formatCall, startCallRecorder, type CallRecorder } from "./demo/callLog";
import { accountTables, changes } from "./demo/narrate";

const REPO = path.resolve(__dirname, "..");
/** The emulator's propagation window: the platform's 5-10 minutes, shortened to seconds. */
const WINDOW_S = 3;
/** How often the demo asks the emulator for an event while it rotates the key. */
const EVENT_EVERY_MS = 400;
const flags = new Set(process.argv.slice(2));

/** Why the preview lists a binding whose rule was deleted as an update, in plain words. */
const PREVIEW_NOTE = [
  'Why "update" and not "create" for push-backup: Pulumi creates only what is missing from its',
  "state. The binding is still in the state; only the rule behind it was deleted in the console.",
  "So the provider reports a difference, and `pulumi up` updates the binding, which creates the",
  "rule again.",
];

function say(text = ""): void {
  console.log(text);
}

function indent(lines: readonly string[]): string {
  return lines.map((l) => `    ${l}`).join("\n");
}

/** `1234` → `1.2 s`. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What a step shows besides the changes in the account. */
interface StepOptions {
  /** The account as two tables afterwards. */
  tables: boolean;
  /** The API calls the step made, in order (calls made through the recording relay). */
  calls: boolean;
  /** Lines explaining the step's output. */
  note?: readonly string[];
}

async function step(
  live: LocalLive,
  recorder: CallRecorder,
  title: string,
  action: () => Promise<string[]>,
  options: StepOptions,
): Promise<EmulatorSnapshot> {
  say(`\n== ${title}`);
  const before = await live.state();
  recorder.take();
  const started = Date.now();
  const output = await action();
  const took = Date.now() - started;
  if (output.length > 0) say(indent(output));
  const calls = recorder.take();
  if (options.calls) {
    say("  API calls, in the order they were made:");
    say(indent(calls.length > 0 ? calls.map((c, i) => `${i + 1}. ${formatCall(c)}`) : ["(none)"]));
  }
  if (options.note) say(indent(options.note));
  const after = await live.state();
  say("  in the emulator:");
  say(indent(changes(before, after)));
  if (options.tables) say(indent(accountTables(after).split("\n")));
  say(`  (${seconds(took)})`);
  return after;
}

/**
 * Rotates the callback key while events flow: some before `up`, some in the propagation window
 * (still signed with the previous key), some after it; the receiver, redeployed with both keys
 * from the template's outputs, verifies each and refuses none.
 */
async function rotateKey(live: LocalLive, b: DemoBackend, receiver: DemoReceiver): Promise<void> {
  say(`\n== Callbacks while the key is rotated (window: ${WINDOW_S} s)`);
  const started = Date.now();
  // The rules were made more than a window ago: events for push.example.com are delivered.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000));
  const sending = startSending(live.emulator, EVENT_EVERY_MS, 1);
  await new Promise((resolve) => setTimeout(resolve, 2 * EVENT_EVERY_MS));
  const before = receiver.take();
  const newKey = `Demo${randomBytes(8).toString("hex")}`;
  const output = await b.rotateKey(newKey);
  const { previousCallbackKey, callbackKeyChangedAt } = await b.rotation();
  if (!previousCallbackKey || !callbackKeyChangedAt) {
    throw new Error("the template did not report the key it replaced");
  }
  const notAfter = Date.parse(callbackKeyChangedAt) + WINDOW_S * 1000 + 2_000;
  receiver.deploy(
    [newKey, { key: previousCallbackKey, notAfter }],
    ["the new key", "the previous key"],
  );
  const during = receiver.take();
  say("  pulumi up with a new callbackKey:");
  say(indent(output));
  say(
    `  the receiver is redeployed with [callbackKey, { key: previousCallbackKey, notAfter: ` +
      `callbackKeyChangedAt + ${WINDOW_S + 2} s }] from the template's outputs`,
  );
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, notAfter - Date.now() - 1_000)));
  const { sent, failures } = await sending.stop();
  const after = receiver.take();
  const show = (label: string, events: readonly { stream: string; verdict: string }[]) => {
    say(`  ${label}:`);
    say(indent(events.map((e) => `${e.stream}: verified with ${e.verdict}`)));
  };
  show("before the up", before);
  show("during the up", during);
  show("after the up (the previous key until the window is over, then the new one)", after);
  const all = [...before, ...during, ...after];
  const refused = all.filter((e) => e.verdict.startsWith("refused"));
  const byPrevious = after.filter((e) => e.verdict === "the previous key").length;
  const byNew = after.filter((e) => e.verdict === "the new key").length;
  say(
    `  ${sent} events sent, ${all.length - refused.length} verified (${byPrevious} after the up ` +
      `with the previous key, ${byNew} with the new key), ${refused.length} refused, ` +
      `${failures.length} not delivered`,
  );
  for (const f of failures) say(`    not delivered: ${f}`);
  if (refused.length + failures.length > 0 || all.length !== sent) {
    throw new Error("an event was lost or refused during the key rotation");
  }
  say(`  (${seconds(Date.now() - started)})`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const workDir = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-demo-"));
  let live: LocalLive | undefined;
  let recorder: CallRecorder | undefined;
  let backend: DemoBackend | undefined;
  let receiver: DemoReceiver | undefined;
  try {
    say("Building the library (tsc)...");
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: REPO,
        stdio: "inherit",
      },
    );
    live = await startLocalLive({
      stateFile: path.join(workDir, "emulator-state.json"),
      propagationSeconds: WINDOW_S,
    });
    say(
      `Local Live API emulator: ${live.emulator.url} (state file in ${workDir}; changes reach ` +
        `event delivery after ${WINDOW_S} s, where the platform takes 5-10 minutes)`,
    );
    // The provider talks to the emulator through a relay that notes the order of the calls.
    recorder = await startCallRecorder(live.emulator.url);
    const callbackKey = `Demo${randomBytes(8).toString("hex")}`;
    receiver = await startDemoReceiver(callbackKey, "the first key");
    say(`Callback receiver (the package's createCallbackHandler): ${receiver.base}`);

    // The CLI: this repository's build (`npm run pulumi:bin`, or --build-pulumi now), else a
    // `pulumi` on PATH; --harness skips both.
    if (flags.has("--build-pulumi") && !flags.has("--harness")) {
      say(
        "Building the Pulumi CLI from its Go modules (npm run pulumi:bin; minutes the first time)...",
      );
      await ensurePulumiBin((line) => say(`  ${line}`));
    }
    const built = flags.has("--harness") ? undefined : await builtPulumiBin();
    const onPath = flags.has("--harness") || built ? undefined : pulumiOnPath();
    const cliDir = built ?? onPath;
    if (cliDir) {
      say(
        "Installing the packed library into a temporary project, as a user would (about 30 s)...",
      );
      backend = await cliBackend(
        REPO,
        live,
        recorder.url,
        callbackKey,
        receiver.base,
        cliDir,
        built ? "built from Go modules by npm run pulumi:bin" : `found on PATH in ${cliDir}`,
      );
    } else {
      if (!flags.has("--harness")) {
        say(
          "No Pulumi CLI: none built (npm run pulumi:bin, or pass --build-pulumi; needs Go) and " +
            "none on PATH. The same steps run through Pulumi's provider host instead, called in " +
            "the order `pulumi` would call it.",
        );
      }
      say(
        "Installing the packed library into a temporary project, as a user would (about 20 s)...",
      );
      const why = flags.has("--harness") ? "--harness given" : "no Pulumi CLI found";
      backend = await harnessBackend(
        REPO,
        live,
        recorder.url,
        callbackKey,
        receiver.base,
        workDir,
        why,
      );
    }
    say(`Running on: ${backend.label} (ready after ${seconds(Date.now() - started)})`);

    const b = backend;
    const r = recorder;
    const pulumiStep = { calls: true, tables: true };
    const created = await step(
      live,
      r,
      "pulumi up: create the quickstart stack",
      () => b.up(),
      pulumiStep,
    );
    const template = created.templates[0];

    const sdk = live.console;
    await step(
      live,
      r,
      "Someone edits in the console (Tencent SDK): a new stream-end URL, and push-backup's rule deleted",
      async () => {
        await sdk.ModifyLiveCallbackTemplate({
          TemplateId: template.TemplateId,
          StreamEndNotifyUrl: "https://console-edit.example.com/end",
        });
        await sdk.DeleteLiveCallbackRule({
          DomainName: "push-backup.example.com",
          AppName: "live",
        });
        return [];
      },
      { calls: false, tables: false },
    );
    await step(live, r, "pulumi preview: the drift shows, nothing changes", () => b.preview(), {
      calls: true,
      tables: false,
      note: PREVIEW_NOTE,
    });
    await step(live, r, "pulumi up: the declaration is applied again", () => b.up(), pulumiStep);
    await rotateKey(live, b, receiver);
    const end = await step(
      live,
      r,
      "pulumi destroy: bindings first, then the template",
      () => b.destroy(),
      pulumiStep,
    );
    if (end.templates.length + end.rules.length > 0) throw new Error("destroy left objects behind");
    say(`\nDone: the emulator is empty again. The demo took ${seconds(Date.now() - started)}.`);
  } finally {
    await backend?.close().catch((e) => console.error(`cleanup: ${e}`));
    await receiver?.close();
    await recorder?.close();
    await live?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
