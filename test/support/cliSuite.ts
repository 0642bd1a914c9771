/**
 * Mocha hooks for suites that run the real Pulumi CLI: one emulator, one CLI (its private home
 * and file backend) and one consumer TypeScript project for the whole suite, all removed
 * afterwards whatever happened. Each test makes its own stacks (see `initStack`).
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

/** Registers `before`/`after` hooks that start the emulator, the CLI and the project. */
export function useCliSuite(options: CliSuiteOptions = {}): CliSuite {
  let live: LocalLive | undefined;
  let stopLive: (() => Promise<void>) | undefined;
  let cli: PulumiCli | undefined;
  let project: CliProject | undefined;
  before(async function () {
    // The CLI is built once per machine (minutes, cold); packing and installing the project
    // takes 20-60 s.
    this.timeout(1_800_000);
    if (options.startLive) {
      const started = await options.startLive();
      live = started.live;
      stopLive = started.stop;
    } else {
      live = await startLocalLive(options.emulator);
      stopLive = () => live?.stop() ?? Promise.resolve();
    }
    cli = await preparePulumiCli();
    project = await prepareCliProject(REPO);
  });
  after(async () => {
    await stopLive?.().catch(() => undefined);
    await cli?.cleanup().catch(() => undefined);
    await project?.cleanup().catch(() => undefined);
  });
  return {
    live: () => live ?? assert.fail("the emulator did not start"),
    cli: () => cli ?? assert.fail("the Pulumi CLI is not ready"),
    project: () => project ?? assert.fail("the CLI project was not prepared"),
  };
}
