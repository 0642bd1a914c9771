/**
 * The secrets file: a POSIX shell script with one `pulumi config set --secret` line per callback
 * key. It is the only file that holds the keys; it is written readable by its owner only.
 */
import type { ImportPlan } from "../plan";
import { commentLines } from "./text";

/** The secrets file's name in the project folder. */
export const SECRETS_FILE = "set-secrets.sh";

/** Its mode: read and write for the owner, nothing for anybody else. */
export const SECRETS_FILE_MODE = 0o600;

/** `value` quoted for POSIX `sh`: in single quotes, a `'` inside written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The script's text, or `undefined` when no template has a key. */
export function renderSecretsScript(plan: ImportPlan): string | undefined {
  const secrets = plan.templates.flatMap((t) => (t.secret ? [t.secret] : []));
  if (secrets.length === 0) return undefined;
  return (
    [
      "#!/bin/sh",
      ...commentLines(
        "Sets the callback key of each imported template as a secret of the selected Pulumi stack. " +
          "Written by `tencentcloud-live-callbacks import`. It holds the keys in plain text: run " +
          "it once in this folder, after `pulumi stack init` or `pulumi stack select`, then " +
          "delete it.",
        "# ",
      ),
      "set -e",
      ...secrets.map((s) => `pulumi config set --secret ${s.configKey} ${shellQuote(s.value)}`),
    ].join("\n") + "\n"
  );
}
