/**
 * Where credentials, the endpoint and the retry and rate-limit knobs come from: the stack config
 * the engine passes to the provider's `configure`, else the environment. Nothing here is ever
 * captured into the serialized provider; it is resolved at run time in the provider process.
 */
import { nonEmpty, SettingsError, type ConfigSource } from "./configSource";
import {
  buildCredentialChain,
  CREDENTIAL_KEYS,
  DEFAULT_METADATA_ENDPOINT,
  DEFAULT_STS_ENDPOINT,
  MISSING_CREDENTIALS,
  readCredentialInputs,
  type CredentialProvider,
} from "./credentials";
import { isLoopbackHost } from "./loopback";

export { isLoopbackHost, SettingsError, type ConfigSource };

/** API credentials. The key and token are secrets and never printed. */
export interface Credentials {
  /** Tencent Cloud API key id (SecretId), from the console's API key page or a sub-account. */
  secretId: string;
  /** Tencent Cloud API secret key (SecretKey) belonging to `secretId`. Secret. */
  secretKey: string;
  /** Session token of temporary credentials (STS), sent with `secretId` and `secretKey`. Secret. */
  token?: string;
}

/** Everything a Live API client needs, resolved. */
export interface LiveSettings {
  /** The static keys, when the stack config or the environment holds them. */
  credentials?: Credentials;
  /**
   * What the client signs with: the credential chain (see `credentials/chain.ts`), static keys
   * included. Without it (settings made by hand) the client signs with `credentials`.
   */
  credentialProvider?: CredentialProvider;
  /** Region sent with every request (e.g. `ap-guangzhou`); optional, none by default. */
  region?: string;
  /** Full endpoint URL, e.g. `https://live.tencentcloudapi.com` or `http://127.0.0.1:9000`. */
  endpoint: URL;
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Total time budget for one call including its retries, in seconds. */
  retryTimeoutSeconds: number;
  /** Timeout of one HTTP request, in seconds. */
  requestTimeoutSeconds: number;
  /** Client-side limit on each write action, calls per second. */
  writeRateLimit: number;
  /** Client-side limit on each read action, calls per second. */
  readRateLimit: number;
  /** How long a listing of templates or rules may be reused by later reads, in seconds; 0 = never. */
  readCacheSeconds: number;
}

/** The production endpoint. */
export const DEFAULT_ENDPOINT = "https://live.tencentcloudapi.com";

/**
 * Every setting: its stack config key, its environment variable and its default. The
 * settings table of docs/configuration.md must list the same (test/docs/readme.test.ts checks it).
 */
export const SETTING_KEYS = {
  secretId: { config: "tencentcloud:secretId", env: "TENCENTCLOUD_SECRET_ID" },
  secretKey: { config: "tencentcloud:secretKey", env: "TENCENTCLOUD_SECRET_KEY" },
  token: { config: "tencentcloud:securityToken", env: "TENCENTCLOUD_SECURITY_TOKEN" },
  region: { config: "tencentcloud:region", env: "TENCENTCLOUD_REGION" },
  endpoint: { config: "tencentcloud-live:endpoint", env: "TENCENTCLOUD_LIVE_ENDPOINT" },
  maxRetries: {
    config: "tencentcloud-live:maxRetries",
    env: "TENCENTCLOUD_LIVE_MAX_RETRIES",
    default: 6,
  },
  retryTimeoutSeconds: {
    config: "tencentcloud-live:retryTimeoutSeconds",
    env: "TENCENTCLOUD_LIVE_RETRY_TIMEOUT_SECONDS",
    default: 120,
  },
  requestTimeoutSeconds: {
    config: "tencentcloud-live:requestTimeoutSeconds",
    env: "TENCENTCLOUD_LIVE_REQUEST_TIMEOUT_SECONDS",
    default: 30,
  },
  // Below the documented 200/s and 500/s so that other clients of the account keep some room.
  writeRateLimit: {
    config: "tencentcloud-live:writeRateLimit",
    env: "TENCENTCLOUD_LIVE_WRITE_RATE_LIMIT",
    default: 180,
  },
  readRateLimit: {
    config: "tencentcloud-live:readRateLimit",
    env: "TENCENTCLOUD_LIVE_READ_RATE_LIMIT",
    default: 450,
  },
  readCacheSeconds: {
    config: "tencentcloud-live:readCacheSeconds",
    env: "TENCENTCLOUD_LIVE_READ_CACHE_SECONDS",
    // Long enough for one preview of a large stack to be served by one listing of each kind;
    // every write made by the process invalidates it, so only out-of-band edits can hide.
    default: 30,
  },
} as const;

type NumericSetting =
  | "maxRetries"
  | "retryTimeoutSeconds"
  | "requestTimeoutSeconds"
  | "writeRateLimit"
  | "readRateLimit"
  | "readCacheSeconds";

/**
 * Resolves every setting from `config` (stack config) first, then `env`.
 * Throws a {@link SettingsError} naming both ways to set what is missing or wrong.
 */
export function resolveSettings(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LiveSettings {
  const pick = (name: keyof typeof SETTING_KEYS): { value?: string; from: string } => {
    const keys = SETTING_KEYS[name];
    const fromConfig = nonEmpty(config?.get(keys.config));
    if (fromConfig !== undefined) return { value: fromConfig, from: `config ${keys.config}` };
    const fromEnv = nonEmpty(env[keys.env]);
    if (fromEnv !== undefined) return { value: fromEnv, from: `env ${keys.env}` };
    return { from: "" };
  };

  const secretId = pick("secretId");
  const secretKey = pick("secretKey");
  if (Boolean(secretId.value) !== Boolean(secretKey.value)) {
    const missing = secretId.value ? "secretKey" : "secretId";
    throw new SettingsError(
      MISSING_CREDENTIALS.replace("(secretId and secretKey)", `(${missing})`),
    );
  }
  const staticKeys =
    secretId.value && secretKey.value
      ? {
          secretId: secretId.value,
          secretKey: secretKey.value,
          token: pick("token").value,
          origin: secretId.from,
        }
      : undefined;

  const numeric = (name: NumericSetting, min: number): number => {
    const { value, from } = pick(name);
    if (value === undefined) return SETTING_KEYS[name].default;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) {
      throw new SettingsError(`${from} must be a number >= ${min}, got "${value}".`);
    }
    return n;
  };

  const endpointSetting = pick("endpoint");
  const endpoint = parseEndpoint(endpointSetting.value ?? DEFAULT_ENDPOINT, endpointSetting.from);
  const region = pick("region").value;
  const requestTimeoutSeconds = numeric("requestTimeoutSeconds", 0.001);
  const credentialProvider = buildCredentialChain({
    inputs: readCredentialInputs(config, env, staticKeys),
    env,
    sts: {
      endpoint: endpointOf(config, env, "stsEndpoint", () =>
        // An overridden Live endpoint (the emulator) serves STS too.
        endpointSetting.value === undefined ? new URL(DEFAULT_STS_ENDPOINT) : endpoint,
      ),
      region: region ?? "",
      timeoutSeconds: requestTimeoutSeconds,
    },
    metadataEndpoint: endpointOf(
      config,
      env,
      "metadataEndpoint",
      () => new URL(DEFAULT_METADATA_ENDPOINT),
    ),
    metadataTimeoutMs: Math.min(requestTimeoutSeconds, 5) * 1000,
  });
  return {
    credentials: staticKeys && {
      secretId: staticKeys.secretId,
      secretKey: staticKeys.secretKey,
      token: staticKeys.token,
    },
    credentialProvider,
    region,
    endpoint,
    maxRetries: Math.floor(numeric("maxRetries", 0)),
    retryTimeoutSeconds: numeric("retryTimeoutSeconds", 0),
    requestTimeoutSeconds,
    writeRateLimit: numeric("writeRateLimit", 0.001),
    readRateLimit: numeric("readRateLimit", 0.001),
    readCacheSeconds: numeric("readCacheSeconds", 0),
  };
}

/**
 * Parses an endpoint URL. Plain `http://` is accepted only for a loopback host, because request
 * bodies carry the callback key. `source` names the setting in errors; without one (or empty)
 * they say `endpoint`.
 */
export function parseEndpoint(text: string, source?: string): URL {
  const from = source || "endpoint";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(
      `${from} must be a full URL such as https://live.tencentcloudapi.com, got "${text}".`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SettingsError(`${from} must use https:// (or http:// on loopback), got "${text}".`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new SettingsError(
      `${from} uses plain http:// to ${url.hostname}, which is not a loopback address: requests carry ` +
        `the callback key, so only https:// is allowed off this machine.`,
    );
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new SettingsError(`${from} must not have a path, query or fragment, got "${text}".`);
  }
  return url;
}

/**
 * The STS or metadata endpoint: its setting (plain `http://` only on loopback, as for the Live
 * endpoint), else `fallback`, which may be the default plain-http metadata address.
 */
function endpointOf(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  name: "stsEndpoint" | "metadataEndpoint",
  fallback: () => URL,
): URL {
  const key = CREDENTIAL_KEYS[name];
  const fromConfig = nonEmpty(config?.get(key.config));
  if (fromConfig !== undefined) return parseEndpoint(fromConfig, `config ${key.config}`);
  const fromEnv = nonEmpty(env[key.env]);
  if (fromEnv !== undefined) return parseEndpoint(fromEnv, `env ${key.env}`);
  return fallback();
}
