/**
 * The recovery switch `tencentcloud-live:adoptMatching` (`TENCENTCLOUD_LIVE_ADOPT_MATCHING`):
 * when on, a create that finds its object already in the account takes it over, as
 * `adopt: true` would, but only when nothing would change (a template of the declared name
 * whose every readable field and key equal the declaration; a rule of the declared domain and
 * app already pointing at the declared template). It is for the `pulumi up` after one that was
 * killed (SIGKILL, a CI runner's timeout): its provider may have made objects that the state
 * never recorded, which a plain `up` refuses to take over. Off by default, since two stacks
 * declaring the same object would otherwise both own it; turn it on for the recovery run only.
 */
import { nonEmpty, SettingsError, type ConfigSource } from "../api/configSource";

/** Where the switch is read: stack config first, then the environment. */
export const ADOPT_MATCHING_KEY = {
  config: "tencentcloud-live:adoptMatching",
  env: "TENCENTCLOUD_LIVE_ADOPT_MATCHING",
} as const;

/** The switch's value: `true` or `false` (default), anything else refused. */
export function adoptMatchingSetting(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const fromConfig = nonEmpty(config?.get(ADOPT_MATCHING_KEY.config));
  const [value, from] =
    fromConfig !== undefined
      ? [fromConfig, `config ${ADOPT_MATCHING_KEY.config}`]
      : [nonEmpty(env[ADOPT_MATCHING_KEY.env]), `environment variable ${ADOPT_MATCHING_KEY.env}`];
  if (value === undefined) return false;
  if (value === "true" || value === "false") return value === "true";
  throw new SettingsError(`${from} must be true or false, got "${value}".`);
}

/** The advice the "already exists" errors end with. */
export const ADOPT_MATCHING_ADVICE =
  `If an earlier pulumi up was interrupted (killed) after making it, run the next pulumi up with ` +
  `${ADOPT_MATCHING_KEY.env}=true (or config ${ADOPT_MATCHING_KEY.config}=true): it takes over ` +
  `objects that already match the program exactly, and nothing else.`;
