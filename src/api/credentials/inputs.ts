/**
 * The credential settings, read from the stack config (nested objects arrive from the engine as
 * JSON text, as `pulumi config set --path` writes them) and the environment, and checked with
 * zod. Every error names the key or variable, the rule and the value (never a secret's value).
 */
import { homedir } from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { nonEmpty, SettingsError, type ConfigSource } from "../configSource";
import { CREDENTIAL_KEYS, type CredentialKey } from "./keys";

/** The RoleArn forms CAM issues: `qcs::cam::uin/<uin>:roleName/<name>` or `:role/<id>`. */
export const ROLE_ARN = /^qcs::cam::uin\/\d+:(roleName|role)\/[\w+=,.@/-]+$/;
/** STS RoleSessionName: 2–128 of letters, digits and `_+=,.@-`. */
export const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;
/** Longest session STS grants, in seconds. */
export const MAX_SESSION_SECONDS = 43_200;
/** Session length asked for when none is set, as the Terraform provider does. */
export const DEFAULT_SESSION_SECONDS = 7_200;
/** Session name used when none is set. */
export const DEFAULT_SESSION_NAME = "pulumi-tencentcloud-live";
/** Web-identity provider id used when none is set (Terraform's default). */
export const DEFAULT_PROVIDER_ID = "OIDC";

/** Where a value came from, for error messages: `config tencentcloud:x` or `env X`. */
export type Origin = string;

/** A credential setting that cannot be used: the settings' own error type. */
export { SettingsError as CredentialSettingsError };

/** AssumeRole parameters. */
export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  sessionDuration: number;
  policy?: string;
  externalId?: string;
  sourceIdentity?: string;
  /** The key or variable that set the role, for messages. */
  origin: Origin;
}

/** AssumeRoleWithWebIdentity parameters: a token or a token file, a role or a role file. */
export interface WebIdentityInput {
  providerId: string;
  roleArn?: string;
  /** Terraform's JSON file `{"role_arn": "..."}`. */
  roleArnFile?: string;
  sessionName: string;
  sessionDuration: number;
  token?: string;
  /** Terraform's JSON file `{"web_identity_token": "..."}`, re-read at each renewal. */
  tokenFile?: string;
  origin: Origin;
}

/** Everything the credential chain is built from. */
export interface CredentialInputs {
  static?: { secretId: string; secretKey: string; token?: string; origin: Origin };
  /** The tccli profile; `explicit` when a key or variable named it (then it must exist). */
  profile: { name: string; dir: string; explicit: boolean; origin: Origin };
  camRole?: { name: string; origin: Origin };
  assumeRole?: AssumeRoleInput;
  webIdentity?: WebIdentityInput;
  podOidc: boolean;
  allowedAccountIds: string[];
  forbiddenAccountIds: string[];
  /** Seconds before expiry at which temporary credentials are renewed. */
  refreshSeconds: number;
}

// `pulumi config set --path k.v 123456` stores a number (and `true` a boolean): such values are
// the text the user typed, so they are read as text. Objects and lists are still refused.
const optionalText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform(String)
  .pipe(z.string().trim().min(1))
  .optional();
const duration = z.coerce.number().int().min(1).max(MAX_SESSION_SECONDS).optional();

const assumeRoleSchema = z
  .object({
    roleArn: optionalText,
    sessionName: optionalText,
    sessionDuration: duration,
    policy: optionalText,
    externalId: optionalText,
    sourceIdentity: optionalText,
  })
  .strict();

const webIdentitySchema = z
  .object({
    providerId: optionalText,
    roleArn: optionalText,
    roleArnFile: optionalText,
    sessionName: optionalText,
    sessionDuration: duration,
    webIdentityToken: optionalText,
    webIdentityTokenFile: optionalText,
  })
  .strict();

const accountIds = z.array(z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]));

/** Reads one value: the nested config key, else the variable. */
function reader(config: ConfigSource | undefined, env: NodeJS.ProcessEnv) {
  const objects = new Map<string, Record<string, unknown> | undefined>();
  const object = (root: string): Record<string, unknown> | undefined => {
    if (objects.has(root)) return objects.get(root);
    const text = nonEmpty(config?.get(root));
    let value: Record<string, unknown> | undefined;
    if (text !== undefined) {
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new SettingsError(
          `config ${root} must be an object (set its keys with pulumi config set --path ${root}.<key>), ` +
            `but it is not JSON.`,
        );
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        // typeof says "object" for null and a list too, which would read "must be an object, got
        // object".
        const got = value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
        throw new SettingsError(`config ${root} must be an object, got ${got}.`);
      }
    }
    objects.set(root, value);
    return value;
  };
  return {
    object,
    value(key: CredentialKey): { value?: string; origin: Origin } {
      const [root, field] = key.config.split(".");
      if (field === undefined) {
        const v = nonEmpty(config?.get(root));
        if (v !== undefined) return { value: v, origin: `config ${key.config}` };
      } else {
        const v = object(root)?.[field];
        if (v !== undefined && v !== null && String(v).trim() !== "") {
          return { value: String(v).trim(), origin: `config ${key.config}` };
        }
      }
      const e = key.env ? nonEmpty(env[key.env]) : undefined;
      if (e !== undefined) return { value: e, origin: `env ${key.env}` };
      return {
        origin: key.env ? `config ${key.config} or env ${key.env}` : `config ${key.config}`,
      };
    },
  };
}

function issuesOf(root: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${[root, ...i.path.map(String)].join(".")}: ${i.message}`)
    .join("; ");
}

function checkRoleArn(arn: string, origin: Origin): string {
  if (!ROLE_ARN.test(arn)) {
    throw new SettingsError(
      `${origin} must be a role ARN like qcs::cam::uin/100000000001:roleName/deployer, got "${arn}".`,
    );
  }
  return arn;
}

function checkSessionName(name: string, origin: Origin): string {
  if (!SESSION_NAME.test(name)) {
    throw new SettingsError(
      `${origin} must be 2 to 128 letters, digits or _+=,.@- characters, got "${name}".`,
    );
  }
  return name;
}

function checkDuration(text: string | undefined, origin: Origin): number {
  if (text === undefined) return DEFAULT_SESSION_SECONDS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION_SECONDS) {
    throw new SettingsError(
      `${origin} must be a whole number of seconds from 1 to ${MAX_SESSION_SECONDS}, got "${text}".`,
    );
  }
  return n;
}

function parseAccountIds(text: string | undefined, key: string): string[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // A comma-separated list is accepted too: `pulumi config set` of a plain string.
    value = text.split(",").map((s) => s.trim());
  }
  if (typeof value === "number") value = [value];
  const parsed = accountIds.safeParse(value);
  if (!parsed.success) {
    throw new SettingsError(
      `config ${key} must be a list of account ids (digits), got ${JSON.stringify(text)}.`,
    );
  }
  return parsed.data.map(String);
}

/**
 * Reads the credential settings. Throws a `SettingsError` naming the key or variable, the rule
 * and the value when one is malformed; secret values (keys, tokens) are never shown.
 */
export function readCredentialInputs(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  staticKeys?: { secretId: string; secretKey: string; token?: string; origin: Origin },
): CredentialInputs {
  const r = reader(config, env);
  const K = CREDENTIAL_KEYS;

  for (const [root, schema] of [
    ["tencentcloud:assumeRole", assumeRoleSchema],
    ["tencentcloud:assumeRoleWithWebIdentity", webIdentitySchema],
  ] as const) {
    const obj = r.object(root);
    if (obj === undefined) continue;
    const checked = schema.safeParse(obj);
    if (!checked.success) {
      throw new SettingsError(`config ${issuesOf(root, checked.error)}`);
    }
  }

  const profileName = r.value(K.profile);
  const profileDir = r.value(K.sharedCredentialsDir);
  const home = env.HOME || homedir();
  const profile = {
    name: profileName.value ?? "default",
    dir: path.resolve(profileDir.value ?? path.join(home, ".tccli")),
    explicit: profileName.value !== undefined || profileDir.value !== undefined,
    origin: [profileName, profileDir]
      .filter((p) => p.value !== undefined)
      .map((p) => p.origin)
      .join(" and "),
  };
  if (!profile.origin) profile.origin = `the default tccli profile (${K.profile.config})`;

  const cam = r.value(K.camRoleName);

  // The web-identity form wins the shared role variables when a token is given in the
  // environment (Terraform reads TENCENTCLOUD_ASSUME_ROLE_ARN for both).
  const token = r.value(K.webIdentityToken);
  const tokenFile = r.value(K.webIdentityTokenFile);
  const webRoleFile = r.value(K.webIdentityRoleArnFile);
  const webConfigured = r.object("tencentcloud:assumeRoleWithWebIdentity") !== undefined;
  let webIdentity: WebIdentityInput | undefined;
  if (webConfigured || token.value !== undefined || tokenFile.value !== undefined) {
    const role = r.value(K.webIdentityRoleArn);
    const name = r.value(K.webIdentitySessionName);
    const dur = r.value(K.webIdentitySessionDuration);
    if (token.value === undefined && tokenFile.value === undefined) {
      throw new SettingsError(
        `web identity needs a token: set ${K.webIdentityToken.config} or ${K.webIdentityTokenFile.config} ` +
          `(or env ${K.webIdentityToken.env} / ${K.webIdentityTokenFile.env}).`,
      );
    }
    if (role.value === undefined && webRoleFile.value === undefined) {
      throw new SettingsError(
        `web identity needs a role: set ${K.webIdentityRoleArn.config} or ${K.webIdentityRoleArnFile.config} ` +
          `(or env ${K.webIdentityRoleArn.env} / ${K.webIdentityRoleArnFile.env}).`,
      );
    }
    webIdentity = {
      providerId: r.value(K.webIdentityProviderId).value ?? DEFAULT_PROVIDER_ID,
      roleArn: role.value === undefined ? undefined : checkRoleArn(role.value, role.origin),
      roleArnFile: webRoleFile.value,
      sessionName: checkSessionName(name.value ?? DEFAULT_SESSION_NAME, name.origin),
      sessionDuration: checkDuration(dur.value, dur.origin),
      token: token.value,
      tokenFile: tokenFile.value,
      origin: (token.value !== undefined ? token : tokenFile).origin,
    };
  }

  let assumeRole: AssumeRoleInput | undefined;
  const roleConfigured = r.object("tencentcloud:assumeRole") !== undefined;
  const roleFromEnv = nonEmpty(env[K.assumeRoleArn.env]);
  if (roleConfigured || (roleFromEnv !== undefined && webIdentity === undefined)) {
    const role = r.value(K.assumeRoleArn);
    if (role.value === undefined) {
      throw new SettingsError(
        `config tencentcloud:assumeRole is set without ${K.assumeRoleArn.config}.`,
      );
    }
    const name = r.value(K.assumeRoleSessionName);
    const dur = r.value(K.assumeRoleSessionDuration);
    assumeRole = {
      roleArn: checkRoleArn(role.value, role.origin),
      sessionName: checkSessionName(name.value ?? DEFAULT_SESSION_NAME, name.origin),
      sessionDuration: checkDuration(dur.value, dur.origin),
      policy: r.value(K.assumeRolePolicy).value,
      externalId: r.value(K.assumeRoleExternalId).value,
      sourceIdentity: r.value(K.assumeRoleSourceIdentity).value,
      origin: role.origin,
    };
  }

  const pod = r.value(K.enablePodOidc);
  if (pod.value !== undefined && !/^(true|false)$/i.test(pod.value)) {
    throw new SettingsError(`${pod.origin} must be true or false, got "${pod.value}".`);
  }
  const refresh = r.value(K.refreshSeconds);
  const refreshSeconds = refresh.value === undefined ? 300 : Number(refresh.value);
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 0) {
    throw new SettingsError(
      `${refresh.origin} must be a number of seconds >= 0, got "${refresh.value}".`,
    );
  }

  return {
    static: staticKeys,
    profile,
    camRole: cam.value === undefined ? undefined : { name: cam.value, origin: cam.origin },
    assumeRole,
    webIdentity,
    podOidc: pod.value?.toLowerCase() === "true",
    allowedAccountIds: parseAccountIds(
      r.value(K.allowedAccountIds).value,
      K.allowedAccountIds.config,
    ),
    forbiddenAccountIds: parseAccountIds(
      r.value(K.forbiddenAccountIds).value,
      K.forbiddenAccountIds.config,
    ),
    refreshSeconds,
  };
}
