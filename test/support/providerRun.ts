/**
 * Provider functions wired to a real Live client that talks to an emulator, the way the
 * provider process wires them. Each "run" gets a fresh client, like each `pulumi preview` or
 * `pulumi up` gets a fresh provider process (and so a fresh read cache).
 */
import { createLiveClient, type LiveClient, type LiveClientOptions } from "../../src/api/client";
import { resolveSettings } from "../../src/api/settings";
import type { EmulatorHandle } from "../../src/emulator";

/** What a client needs to reach an emulator (a handle, or the address of one in another process). */
export type EmulatorAddress = Pick<EmulatorHandle, "url" | "endpoint" | "credentials">;
import { createBindingProvider, createTemplateProvider } from "../../src/provider";

/** One provider process worth of functions, plus what they logged. */
export interface ProviderRun {
  template: ReturnType<typeof createTemplateProvider>;
  binding: ReturnType<typeof createBindingProvider>;
  client: LiveClient;
  logs: string[];
}

/** Stack config as the engine would pass it, pointing at `emulator`. */
export function emulatorConfig(
  emulator: EmulatorAddress,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    "tencentcloud:secretId": emulator.credentials.secretId,
    "tencentcloud:secretKey": emulator.credentials.secretKey,
    "tencentcloud-live:endpoint": emulator.url,
    ...extra,
  };
}

/** Fresh provider functions for `emulator`. */
export function newRun(
  emulator: EmulatorAddress,
  extraConfig: Record<string, string> = {},
  clientOptions: LiveClientOptions = {},
): ProviderRun {
  const config = emulatorConfig(emulator, extraConfig);
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
