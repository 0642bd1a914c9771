/**
 * `npm run demo`: the quickstart stack against the local emulator, narrated. `up` creates it,
 * an edit "in the console" (made with the Tencent SDK) drifts it, `preview` shows the drift,
 * `up` repairs it and `destroy` removes it. With a Pulumi CLI on PATH it runs the real `pulumi`;
 * otherwise it says so and drives Pulumi's own dynamic-provider host instead. It stops every
 * process it started and removes its temporary folder.
 *
 * Flags: `--harness` (use the host even if a CLI is on PATH), `--install-pulumi` (install a CLI
 * with the Automation API when none is on PATH; needs the internet, so it is opt-in).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalLive, type LocalLive } from "../test/harness";
import type { EmulatorSnapshot } from "../src/emulator";
import { cliBackend, harnessBackend, pulumiOnPath, type DemoBackend } from "./demo/backends";
import { accountTables, changes } from "./demo/narrate";

const REPO = path.resolve(__dirname, "..");
const flags = new Set(process.argv.slice(2));

function say(text = ""): void {
  console.log(text);
}

function indent(lines: readonly string[]): string {
  return lines.map((l) => `    ${l}`).join("\n");
}

async function step(
  live: LocalLive,
  title: string,
  action: () => Promise<string[]>,
  tables: boolean,
): Promise<EmulatorSnapshot> {
  say(`\n== ${title}`);
  const before = await live.state();
  const output = await action();
  if (output.length > 0) say(indent(output));
  const after = await live.state();
  say("  in the emulator:");
  say(indent(changes(before, after)));
  if (tables) say(indent(accountTables(after).split("\n")));
  return after;
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-demo-"));
  let live: LocalLive | undefined;
  let backend: DemoBackend | undefined;
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
    live = await startLocalLive({ stateFile: path.join(workDir, "emulator-state.json") });
    say(`Local Live API emulator: ${live.emulator.url} (state file in ${workDir})`);
    const callbackKey = `Demo${randomBytes(8).toString("hex")}`;

    const useCli = !flags.has("--harness") && (pulumiOnPath() || flags.has("--install-pulumi"));
    if (useCli) {
      backend = await cliBackend(REPO, live, callbackKey, workDir, !pulumiOnPath());
    } else {
      say(
        "No Pulumi CLI on PATH (pass --install-pulumi to install one when online): running the same " +
          "steps through Pulumi's dynamic-provider host instead.",
      );
      say("Preparing a consumer project: npm pack + npm install of the library (about 20 s)...");
      backend = await harnessBackend(REPO, live, callbackKey, workDir);
    }
    say(`Running on: ${backend.label}`);

    const b = backend;
    const created = await step(live, "pulumi up: create the quickstart stack", () => b.up(), true);
    const template = created.templates[0];

    const sdk = live.console;
    await step(
      live,
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
      false,
    );
    await step(live, "pulumi preview: the drift shows, nothing changes", () => b.preview(), false);
    await step(live, "pulumi up: the declaration is applied again", () => b.up(), true);
    const end = await step(
      live,
      "pulumi destroy: bindings first, then the template",
      () => b.destroy(),
      true,
    );
    if (end.templates.length + end.rules.length > 0) throw new Error("destroy left objects behind");
    say("\nDone: the emulator is empty again.");
  } finally {
    await backend?.close().catch((e) => console.error(`cleanup: ${e}`));
    await live?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
