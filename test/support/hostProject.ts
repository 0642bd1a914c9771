/**
 * Mocha hooks for suites that drive Pulumi's dynamic-provider host: one emulator and one
 * consumer project (the packed library installed from its tarball) for the whole suite, both
 * removed afterwards whatever happened.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import type { EmulatorOptions } from "../../src/emulator";
import { prepareConsumer, startLocalLive, type Consumer, type LocalLive } from "../harness";

/** The repository whose packed library the consumer installs. */
export const REPO = path.resolve(__dirname, "../..");

/** Accessors valid from the suite's first test on. */
export interface HostProject {
  /** The running emulator. */
  live(): LocalLive;
  /** The consumer project: run the host in its `dir`, with its `providers`. */
  project(): Consumer;
}

/** Options of {@link useHostProject}. */
export interface HostProjectOptions {
  emulator?: EmulatorOptions;
  /** Extra environment of the program that serializes the providers, given the emulator. */
  programEnv?: (live: LocalLive) => Record<string, string>;
}

/** Registers `before`/`after` hooks that start the emulator and prepare the consumer. */
export function useHostProject(options: HostProjectOptions = {}): HostProject {
  let live: LocalLive | undefined;
  let consumer: Consumer | undefined;
  before(async function () {
    // Packing and installing the consumer dominates: about 10-25 s with a warm npm cache, several
    // minutes on a loaded machine (a build included when dist/ is stale); only a hang should fail.
    this.timeout(600_000);
    live = await startLocalLive(options.emulator);
    consumer = await prepareConsumer({ repoDir: REPO, programEnv: options.programEnv?.(live) });
  });
  after(async () => {
    // Each on its own, so that one failing cannot leave the other behind.
    await live?.stop().catch(() => undefined);
    await consumer?.cleanup().catch(() => undefined);
  });
  return {
    live: () => live ?? assert.fail("the emulator did not start"),
    project: () => consumer ?? assert.fail("the consumer project was not prepared"),
  };
}
