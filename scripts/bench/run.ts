/**
 * Provider functions for the benchmark, wired as the provider process wires them (one client,
 * shared by both resource types) to an emulator known only by its address, since the benchmark
 * runs the emulator in another process. Same shape as the tests' `newRun`.
 */
import { createLiveClient, type LiveClientOptions } from "../../src/api/client";
import { resolveSettings } from "../../src/api/settings";
import type { EmulatorHandle } from "../../src/emulator";
import { createBindingProvider, createTemplateProvider } from "../../src/provider";
import type { ProviderRun } from "../../test/support/providerRun";

/** What a client needs to reach an emulator. */
export type EmulatorAddress = Pick<EmulatorHandle, "url" | "endpoint" | "credentials">;

/** A fresh provider process worth of functions (fresh client, fresh read cache) for `emulator`. */
export function providerRun(
  emulator: EmulatorAddress,
  extraConfig: Record<string, string> = {},
  clientOptions: LiveClientOptions = {},
): ProviderRun {
  const config: Record<string, string> = {
    "tencentcloud:secretId": emulator.credentials.secretId,
    "tencentcloud:secretKey": emulator.credentials.secretKey,
    "tencentcloud-live:endpoint": emulator.url,
    ...extraConfig,
  };
  const client = createLiveClient(resolveSettings({ get: (k) => config[k] }, {}), clientOptions);
  const logs: string[] = [];
  const ctx = { client: () => client, log: (line: string) => logs.push(line) };
  return {
    template: createTemplateProvider(ctx),
    binding: createBindingProvider(ctx),
    client,
    logs,
  };
}
