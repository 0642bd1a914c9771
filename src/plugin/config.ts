/**
 * The provider plugin's settings. The engine hands a provider only its own config namespace:
 * a default provider gets the stack's `tencentcloud-live:*` keys, an explicit `Provider`
 * resource its inputs, both as the `variables` of its configure request, keyed
 * `tencentcloud-live:config:<name>`. The settings reader (`src/api/settings.ts`) asks for
 * `tencentcloud:secretId`, `tencentcloud-live:endpoint` and so on; this maps each to the
 * plugin's own key of the same name (`secretId`, `endpoint`), and the reader falls back to the
 * environment as it does for the dynamic resources.
 */
import { SETTING_KEYS, type ConfigSource } from "../api/settings";
import { PLUGIN_PACKAGE } from "../resources/typeTokens";

/** The plugin's config key of a setting: its stack config key without the namespace. */
export function pluginConfigName(configKey: string): string {
  return configKey.slice(configKey.indexOf(":") + 1);
}

/** Every config name the plugin reads, by the setting it fills. */
export const PLUGIN_CONFIG_NAMES = Object.fromEntries(
  Object.entries(SETTING_KEYS).map(([setting, keys]) => [setting, pluginConfigName(keys.config)]),
) as { [K in keyof typeof SETTING_KEYS]: string };

/** The settings source of a configure request's `variables`. */
export function pluginConfigSource(variables: ReadonlyMap<string, string>): ConfigSource {
  return {
    get: (key) => variables.get(`${PLUGIN_PACKAGE}:config:${pluginConfigName(key)}`),
  };
}
