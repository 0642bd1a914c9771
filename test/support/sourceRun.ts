/**
 * One credential source through Pulumi's dynamic-provider host: an `up` of one template (and a
 * `destroy` when it succeeded), each in its own host process as the engine runs them, with the
 * source's stack config and environment, the Live, STS and metadata endpoints all behind a
 * {@link RecordingProxy}. Returns what signed each Live call, and every place a credential must
 * never reach: the engine's state, the outputs, `__provider`, the host's output, the error.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  destroy,
  resourceUrn,
  runDeployment,
  up,
  type EngineState,
  type HostLine,
  type StepRecord,
} from "../harness";
import type { HostProject } from "./hostProject";
import type { RecordedRequest, RecordingProxy } from "./recordingProxy";

/** How one case sets its source. */
export interface SourceSetup {
  /** Stack config (namespaced keys); the Live endpoint is added. */
  config?: Record<string, string>;
  /** Keys of `config` sent as secrets, as the engine sends `--secret` config. */
  secretKeys?: string[];
  /** The host's environment (`TENCENTCLOUD_*` variables are kept only when given here). */
  env?: Record<string, string>;
  /** HTTP status every metadata request gets instead of the emulator's answer. */
  metadataStatus?: number;
}

/** What one run did. */
export interface SourceRun {
  /** The up's error, when it failed. */
  error?: Error;
  /** Live calls (not STS, metadata or admin), with what signed each. */
  liveCalls: RecordedRequest[];
  /** STS calls, with what signed each (unsigned ones have an empty SecretId). */
  stsCalls: RecordedRequest[];
  /** Metadata requests. */
  metadataCalls: RecordedRequest[];
  /** Where no secret may be: `[where, text]`. */
  leakTargets: [string, string][];
}

const STS_ACTIONS = new Set(["AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity"]);

/** A HOME without `.tccli`, so that no case picks up a profile from the machine. */
export async function emptyHome(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "live-creds-home-"));
}

/** Runs `setup` (see the module's comment). `home` is the host's HOME. */
export async function runSource(
  suite: HostProject,
  proxy: RecordingProxy,
  home: string,
  name: string,
  setup: SourceSetup,
): Promise<SourceRun> {
  await suite.live().emulator.reset();
  proxy.clear();
  proxy.failMetadata(setup.metadataStatus ?? 0);
  const config = { "tencentcloud-live:endpoint": proxy.url, ...setup.config };
  const options = { env: { HOME: home, ...setup.env }, secretKeys: setup.secretKeys };
  const state: EngineState = new Map();
  const lines: HostLine[] = [];
  const steps: StepRecord[] = [];
  let error: Error | undefined;
  const program = {
    providers: suite.project().providers,
    resources: [
      {
        urn: resourceUrn("template", name),
        kind: "template" as const,
        inputs: { templateName: name, streamBeginNotifyUrl: `https://hooks.example.com/${name}` },
      },
    ],
  };
  const deploy = async (fn: Parameters<typeof runDeployment<StepRecord[]>>[2]) => {
    try {
      const run = await runDeployment(suite.project().dir, config, fn, options);
      lines.push(...run.lines);
      steps.push(...run.result);
    } catch (e) {
      // runDeployment appended the host's output to the message: the error holds both.
      error = e instanceof Error ? e : new Error(String(e));
    }
  };
  await deploy((host) => up(host, state, program));
  if (!error) await deploy((host) => destroy(host, state));
  const requests = proxy.requests();
  return {
    error,
    liveCalls: requests.filter((r) => r.action && !STS_ACTIONS.has(r.action)),
    stsCalls: requests.filter((r) => STS_ACTIONS.has(r.action)),
    metadataCalls: requests.filter((r) => r.path.startsWith("/latest/meta-data/")),
    leakTargets: [
      ["state", JSON.stringify([...state.values()])],
      ["outputs", JSON.stringify(steps.map((s) => s.outputs ?? {}))],
      ["__provider", JSON.stringify(suite.project().providers)],
      ["host output", lines.map((l) => l.text).join("\n")],
      ["error", error ? `${error.message}\n${error.stack ?? ""}` : ""],
    ],
  };
}
