/**
 * The two ways the demo can run the quickstart stack: the real Pulumi CLI (through the
 * Automation API, with a local file backend), or, when no CLI can be had, Pulumi's own
 * dynamic-provider host driven over gRPC by the test harness, in the order the engine calls it.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  destroy,
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

/** True when a `pulumi` executable answers on PATH. */
export function pulumiOnPath(): boolean {
  const probe = spawnSync("pulumi", ["version"], { encoding: "utf8", timeout: 15_000 });
  return probe.status === 0;
}

/**
 * The real thing: `pulumi up/preview/destroy` on the repository's Pulumi.yaml (whose program is
 * examples/quickstart) with a local file backend and a generated passphrase in `workDir`.
 * With `install`, a CLI is installed into `workDir` first (this needs the internet). The
 * provider calls the API at `endpoint` (the emulator, or a relay in front of it).
 */
export async function cliBackend(
  repoDir: string,
  live: LocalLive,
  endpoint: string,
  callbackKey: string,
  hooksBaseUrl: string,
  workDir: string,
  install: boolean,
): Promise<DemoBackend> {
  const { LocalWorkspace, PulumiCommand } = pulumi.automation;
  const pulumiCommand = install
    ? await PulumiCommand.install({ root: path.join(workDir, "pulumi-cli") })
    : await PulumiCommand.get({ skipVersionCheck: true });
  const stackName = `demo-${randomBytes(3).toString("hex")}`;
  const envVars = {
    PULUMI_BACKEND_URL: `file://${path.join(workDir, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
    TENCENTCLOUD_LIVE_ENDPOINT: endpoint,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: repoDir },
    { pulumiCommand, envVars },
  );
  await stack.setConfig("callbackKey", { value: callbackKey, secret: true });
  await stack.setConfig("hooksBaseUrl", { value: hooksBaseUrl });
  const collect = () => {
    const lines: string[] = [];
    return { lines, onOutput: (out: string) => lines.push(...out.split("\n").filter(Boolean)) };
  };
  return {
    label: `Pulumi CLI ${pulumiCommand.version ?? ""} (local file backend in ${workDir})`,
    async up() {
      const out = collect();
      await stack.up({ onOutput: out.onOutput });
      return out.lines;
    },
    async preview() {
      const out = collect();
      await stack.preview({ onOutput: out.onOutput, diff: true });
      return out.lines;
    },
    async destroy() {
      const out = collect();
      await stack.destroy({ onOutput: out.onOutput });
      return out.lines;
    },
    async rotateKey(key) {
      await stack.setConfig("callbackKey", { value: key, secret: true });
      const out = collect();
      await stack.up({ onOutput: out.onOutput });
      return out.lines;
    },
    async rotation() {
      const outputs = await stack.outputs();
      const text = (name: string) =>
        typeof outputs[name]?.value === "string" ? (outputs[name].value as string) : undefined;
      return {
        previousCallbackKey: text("previousCallbackKey"),
        callbackKeyChangedAt: text("callbackKeyChangedAt"),
      };
    },
    async close() {
      await stack.workspace.removeStack(stackName).catch(() => undefined);
      // The workspace writes Pulumi.<stack>.yaml next to Pulumi.yaml.
      await rm(path.join(repoDir, `Pulumi.${stackName}.yaml`), { force: true });
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
