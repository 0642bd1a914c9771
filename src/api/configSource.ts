/** Where settings are read from, shared by the settings and the credential sources. */

/** Anything with a `get(key)`: Pulumi's provider config, or a plain map in tests. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** `v` trimmed, or undefined when it is missing or blank. */
export function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

/** A setting that cannot be used, named with where it came from. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}
