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

/** Registers `before`/`after` hooks that start the emulator, the CLI and the project. */
export function useCliSuite(options: { emulator?: EmulatorOptions } = {}): CliSuite {
  let live: LocalLive | undefined;
  let cli: PulumiCli | undefined;
  let project: CliProject | undefined;
  before(async function () {
    // The CLI is built once per machine (minutes, cold); packing and installing the project
    // takes 20-60 s.
    this.timeout(1_800_000);
    live = await startLocalLive(options.emulator);
    cli = await preparePulumiCli();
    project = await prepareCliProject(REPO);
  });
  after(async () => {
    await live?.stop().catch(() => undefined);
    await cli?.cleanup().catch(() => undefined);
    await project?.cleanup().catch(() => undefined);
  });
  return {
    live: () => live ?? assert.fail("the emulator did not start"),
    cli: () => cli ?? assert.fail("the Pulumi CLI is not ready"),
    project: () => project ?? assert.fail("the CLI project was not prepared"),
  };
}
