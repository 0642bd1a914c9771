/**
 * The provider implementation the serialized shim loads by package name
 * (`pulumi-tencentcloud-live-callbacks/provider`). Being a module, it is loaded once per provider
 * process, so the API client (with its rate limiter and shared reads) is shared by every
 * resource the engine drives. Credentials come from `configure` or the environment, at run time.
 *
 * Internal: exported only for the serialized provider; not a public API, and it may change in
 * any release. Use the resource classes from the package root.
 *
 * @packageDocumentation
 * @internal
 */
import { createLiveClient, type LiveClient } from "../api/client";
import { CREDENTIAL_CONFIG_ROOTS } from "../api/credentials";
import { resolveSettings, SETTING_KEYS, type ConfigSource } from "../api/settings";
import { createBindingProvider } from "./binding";
import { ADOPT_MATCHING_KEY, adoptMatchingSetting } from "./adoptMatching";
import type { ProviderContext } from "./context";
import { createTemplateProvider } from "./template";

let config: ConfigSource | undefined;
let configKey = "";
let client: LiveClient | undefined;

/**
 * Receives the stack config from the engine. Called once per serialized provider (so twice: one
 * per resource type) with the same config; the client is rebuilt only if the config changed.
 * The provider plugin (`src/plugin`) calls it too, with its configure request's variables
 * (any `{ config: ConfigSource }` will do, so `dynamic.ConfigureRequest` fits).
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  const keys = [
    ...Object.values(SETTING_KEYS).map((k) => k.config),
    ...CREDENTIAL_CONFIG_ROOTS,
    ADOPT_MATCHING_KEY.config,
  ];
  const key = JSON.stringify(keys.map((k) => req.config.get(k) ?? null));
  if (key !== configKey) {
    config = req.config;
    configKey = key;
    client = undefined;
  }
}

/** The context shared by both resource types in this process. */
export const processContext: ProviderContext = {
  client: () => (client ??= createLiveClient(resolveSettings(config))),
  log: (line) => console.log(line),
  adoptMatching: () => adoptMatchingSetting(config),
};

/** CallbackTemplate's provider functions, for the shim. */
export const template = createTemplateProvider(processContext);

/** DomainCallbackBinding's provider functions, for the shim. */
export const binding = createBindingProvider(processContext);

export { createBindingProvider, pointRule, bindingId, parseBindingId } from "./binding";
export type { DomainCallbackBindingOutputs } from "./binding";
export { createTemplateProvider } from "./template";
export type { CallbackTemplateOutputs } from "./template";
export type { ProviderContext } from "./context";
