/**
 * Mocha hooks for suites that run the real Pulumi CLI. One CLI (its private home and file
 * backend) and one consumer TypeScript project serve every suite of a mocha run, as one user's
 * project serves many stacks; they are made by the first suite that needs them and removed
 * after the run. Each suite has its own emulator, and each test its own stacks (`initStack`).
 */
import assert from "node:assert/strict";
import type { EmulatorOptions } from "../../src/emulator";
import {
  prepareCliProject,
  preparePulumiCli,
  startLocalLive,
  type CliProject,
  type LocalLive,
  type PulumiCli,
} from "../harness";
import { REPO } from "./hostProject";

/** Accessors valid from the suite's first test on. */
export interface CliSuite {
  live(): LocalLive;
  cli(): PulumiCli;
  project(): CliProject;
}

/** Options of {@link useCliSuite}. */
export interface CliSuiteOptions {
  /** Options of the suite's emulator. */
  emulator?: EmulatorOptions;
  /** Starts the suite's account instead (e.g. one filled as a console user left it). */
  startLive?: () => Promise<{ live: LocalLive; stop(): Promise<void> }>;
}

let shared: Promise<{ cli: PulumiCli; project: CliProject }> | undefined;

/** The run's CLI and project, made on first use. */
function sharedCliProject(): Promise<{ cli: PulumiCli; project: CliProject }> {
  shared ??= (async () => {
    const cli = await preparePulumiCli();
    try {
      return { cli, project: await prepareCliProject(REPO) };
    } catch (e) {
      await cli.cleanup();
      throw e;
    }
  })();
  return shared;
}

// A root hook: runs once, after every suite of the run.
after(async () => {
  const made = await shared?.catch(() => undefined);
  await made?.cli.cleanup().catch(() => undefined);
  await made?.project.cleanup().catch(() => undefined);
});

/** Registers `before`/`after` hooks that start the suite's emulator and share the project. */
export function useCliSuite(options: CliSuiteOptions = {}): CliSuite {
  let live: LocalLive | undefined;
  let stopLive: (() => Promise<void>) | undefined;
  let cli: PulumiCli | undefined;
  let project: CliProject | undefined;
  before(async function () {
    // The CLI is built once per machine (minutes, cold); packing and installing the project
    // takes 20-60 s, once per run.
    this.timeout(1_800_000);
    if (options.startLive) {
      const started = await options.startLive();
      live = started.live;
      stopLive = started.stop;
    } else {
      const started = await startLocalLive(options.emulator);
      live = started;
      stopLive = () => started.stop();
    }
    ({ cli, project } = await sharedCliProject());
  });
  after(async () => {
    await stopLive?.().catch(() => undefined);
  });
  return {
    live: () => live ?? assert.fail("the emulator did not start"),
    cli: () => cli ?? assert.fail("the Pulumi CLI is not ready"),
    project: () => project ?? assert.fail("the CLI project was not prepared"),
  };
}
