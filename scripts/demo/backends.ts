/**
 * The two ways the demo can run the quickstart stack: the real Pulumi CLI (through the
 * Automation API, with a local file backend), or, when no CLI can be had, Pulumi's own
 * dynamic-provider host driven over gRPC by the test harness, in the order the engine calls it.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import {
  CLI_PROJECT,
  destroy,
  initStack,
  prepareCliProject,
  preparePulumiCli,
  pulumiOk,
  runProgramOk,
  formatStep,
  prepareConsumer,
  preview,
  QUICKSTART_URNS,
  quickstartResources,
  quickstartTemplate,
  runDeployment,
  up,
  type Consumer,
  type EngineState,
  type LocalLive,
  type StepRecord,
} from "../../test/harness";

/** One way of running `up`, `preview` and `destroy` on the quickstart; each returns lines to show. */
export interface DemoBackend {
  /** Printed once, so nobody mistakes the harness for the CLI. */
  readonly label: string;
  up(): Promise<string[]>;
  preview(): Promise<string[]>;
  destroy(): Promise<string[]>;
  /** Sets a new `callbackKey` in the stack config and runs `up`. */
  rotateKey(callbackKey: string): Promise<string[]>;
  /** The template's rotation outputs after the last `up`. */
  rotation(): Promise<TemplateRotation>;
  close(): Promise<void>;
}

/** What a receiver deployed with the stack reads from the template after a key change. */
export interface TemplateRotation {
  previousCallbackKey?: string;
  callbackKeyChangedAt?: string;
}

/** The folder of a `pulumi` executable that answers on PATH, if any. */
export function pulumiOnPath(): string | undefined {
  const probe = spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8", timeout: 15_000 });
  const found = probe.status === 0 ? probe.stdout.trim() : "";
  if (!found) return undefined;
  const version = spawnSync(found, ["version"], { encoding: "utf8", timeout: 15_000 });
  return version.status === 0 ? path.dirname(found) : undefined;
}

/**
 * The real thing: the Pulumi CLI in `binDir` (this repository's build, or one on PATH) runs
 * `up`, `preview` and `destroy` of the quickstart program in a project that installed the
 * packed library, with a local file backend and a generated passphrase in a temporary folder.
 * The program runs as an Automation API inline program (see test/harness/automation.ts), so a
 * CLI without a Node.js language host (as built here) serves. The provider calls the API at
 * `endpoint` (the emulator, or a relay in front of it).
 */
export async function cliBackend(
  repoDir: string,
  live: LocalLive,
  endpoint: string,
  callbackKey: string,
  hooksBaseUrl: string,
  binDir: string,
  how: string,
): Promise<DemoBackend> {
  const cli = await preparePulumiCli(binDir);
  const project = await prepareCliProject(repoDir).catch(async (e: unknown) => {
    await cli.cleanup();
    throw e;
  });
  const program = await project.addProgram(
    "quickstart.ts",
    path.join(repoDir, "examples", "quickstart", "index.ts"),
  );
  const stack = `demo-${randomBytes(3).toString("hex")}`;
  const dir = project.dir;
  await initStack(cli, dir, stack, live);
  await pulumiOk(cli, ["config", "set", "tencentcloud-live:endpoint", endpoint, "-s", stack], dir);
  await pulumiOk(cli, ["config", "set", "hooksBaseUrl", hooksBaseUrl, "-s", stack], dir);
  const setKey = (key: string) =>
    pulumiOk(cli, ["config", "set", "--secret", "callbackKey", "-s", stack], dir, { input: key });
  await setKey(callbackKey);
  const engine = async (command: "up" | "preview" | "destroy") => {
    const options =
      command === "preview" ? { diff: true } : command === "destroy" ? { yes: true } : {};
    const done = await runProgramOk({
      cli,
      dir,
      project: CLI_PROJECT,
      stack,
      program,
      command,
      options,
    });
    return done.stdout.split("\n").filter((l) => l.trim() && !l.startsWith("@@"));
  };
  return {
    label: `Pulumi CLI ${cli.version} (${how}; local file backend in ${cli.root})`,
    up: () => engine("up"),
    preview: () => engine("preview"),
    destroy: () => engine("destroy"),
    async rotateKey(key) {
      await setKey(key);
      return engine("up");
    },
    async rotation() {
      const shown = await pulumiOk(
        cli,
        ["stack", "output", "--json", "--show-secrets", "-s", stack],
        dir,
      );
      const outputs = JSON.parse(shown.stdout) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      return {
        previousCallbackKey: text(outputs.previousCallbackKey),
        callbackKeyChangedAt: text(outputs.callbackKeyChangedAt),
      };
    },
    async close() {
      await cli.cleanup();
      await project.cleanup();
    },
  };
}

/**
 * The harness: the packed library installed in a consumer project, and one dynamic-provider
 * host per deployment, configured with the stack config the engine would pass, the API being at
 * `endpoint` (the emulator, or a relay in front of it). `why` says, in the label, why the CLI
 * is not used.
 */
export async function harnessBackend(
  repoDir: string,
  live: LocalLive,
  endpoint: string,
  callbackKey: string,
  hooksBaseUrl: string,
  workDir: string,
  why: string,
): Promise<DemoBackend> {
  const consumer: Consumer = await prepareConsumer({ repoDir, workDir });
  const state: EngineState = new Map();
  let key = callbackKey;
  const program = () => ({
    providers: consumer.providers,
    resources: quickstartResources(quickstartTemplate(key, hooksBaseUrl)),
  });
  const deployment = async (fn: typeof up, showProviderOutput: boolean) => {
    const stackConfig = { ...live.stackConfig, "tencentcloud-live:endpoint": endpoint };
    const { result, lines } = await runDeployment(consumer.dir, stackConfig, (host) =>
      fn(host, state, program()),
    );
    const steps = (result as StepRecord[]).map(formatStep);
    const logged = showProviderOutput ? lines.map((l) => `provider: ${l.text}`) : [];
    return [...logged, ...steps];
  };
  return {
    label: `Pulumi's provider host (${why})`,
    up: () => deployment(up, false),
    preview: () => deployment(preview, true),
    destroy: () => deployment((host, s) => destroy(host, s), false),
    rotateKey: (next) => {
      key = next;
      return deployment(up, true);
    },
    rotation: async () => {
      const outputs = state.get(QUICKSTART_URNS.template)?.outputs ?? {};
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      return {
        previousCallbackKey: text(outputs.previousCallbackKey),
        callbackKeyChangedAt: text(outputs.callbackKeyChangedAt),
      };
    },
    close: () => consumer.cleanup(),
  };
}
