/**
 * Options of the emulator, their defaults and their validation. `startEmulator` and the CLI both
 * go through {@link resolveOptions}, so a flag and an option can never disagree on what is valid.
 */
import { isLoopbackHost, unbracketHost } from "../api/loopback";
import { resolve } from "node:path";
import type { AdminRoutes } from "./admin";
import { resolveDeliveryConfig, type DeliveryConfig } from "./delivery";

export { isLoopbackHost, unbracketHost };

/**
 * What a second CreateLiveCallbackRule for an existing (DomainName, AppName) may do. The real
 * API does not document it, so the emulator offers both and clients must cope with either.
 */
export const DUPLICATE_RULES_MODES = ["reject", "overwrite"] as const;

/** `reject`: `FailedOperation.RuleAlreadyExist`; `overwrite`: re-point the rule, keep CreateTime. */
export type DuplicateRulesMode = (typeof DUPLICATE_RULES_MODES)[number];

/** The one API key pair (plus optional session token) the emulator accepts. */
export interface EmulatorCredentials {
  secretId: string;
  secretKey: string;
  /** When set, every request must carry it in `X-TC-Token` (temporary credentials). */
  token?: string;
}

/**
 * Credentials used when none are given. They are public on purpose: the emulator is a local test
 * double, and a fixed pair lets a stack or a test point at it without any setup.
 */
export const DEFAULT_EMULATOR_CREDENTIALS: Readonly<EmulatorCredentials> = Object.freeze({
  secretId: "AKIDLOCALEMULATOR",
  secretKey: "local-emulator-secret-key",
});

/** Behaviour that can also be switched while the emulator runs (`POST /_emulator/config`). */
export interface EmulatorConfig {
  /** What a duplicate CreateLiveCallbackRule does. Default `reject`. */
  duplicateRules: DuplicateRulesMode;
  /** Extra delay before every API call is handled, in milliseconds. Default 0. */
  latencyMs: number;
  /**
   * Calls allowed per action within one wall-clock second; beyond it the call fails with
   * `RequestLimitExceeded`. 0 (the default) means unlimited.
   */
  rateLimitPerSecond: number;
}

/**
 * Options of {@link startEmulator}. Every field is optional. The delivery settings of emulated
 * callback events (`deliveryRetries`, `deliveryIntervalMs`, `deliveryTimeoutMs`) are described
 * in {@link DeliveryConfig}.
 */
export interface EmulatorOptions extends Partial<EmulatorConfig>, Partial<DeliveryConfig> {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`. Anything but loopback needs `allowNonLoopback`. */
  host?: string;
  /**
   * Allow listening on a non-loopback address, and sending emulated callback events to
   * non-loopback URLs. Off by default because the emulator accepts a well-known key and has
   * unauthenticated admin routes, and because a template URL must never make a test machine send
   * traffic off-box: either must be a deliberate choice.
   */
  allowNonLoopback?: boolean;
  /** Accepted credentials. Default {@link DEFAULT_EMULATOR_CREDENTIALS}. */
  credentials?: EmulatorCredentials;
  /**
   * JSON file holding templates, rules and the id counter: loaded at start when it exists, saved
   * atomically after every change and at stop. Without it the state lives in memory only.
   */
  stateFile?: string;
  /**
   * Extra admin routes, merged over the built-in ones (same key replaces). Keys are
   * `"METHOD /_emulator/path"`; see {@link AdminRoutes}.
   */
  adminRoutes?: AdminRoutes;
}

/** {@link EmulatorOptions} after defaults and validation. */
export interface ResolvedEmulatorOptions {
  port: number;
  host: string;
  credentials: EmulatorCredentials;
  config: EmulatorConfig;
  /** Delivery settings of emulated callback events. */
  delivery: DeliveryConfig;
  /** Whether emulated callback events may go to non-loopback hosts. */
  allowNonLoopback: boolean;
  stateFile?: string;
  adminRoutes: AdminRoutes;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks the runtime-switchable part of the options and fills defaults from `base`.
 * Throws an `Error` naming the offending option.
 */
export function resolveConfig(
  patch: Partial<EmulatorConfig>,
  base: EmulatorConfig = { duplicateRules: "reject", latencyMs: 0, rateLimitPerSecond: 0 },
): EmulatorConfig {
  const duplicateRules = patch.duplicateRules ?? base.duplicateRules;
  if (!DUPLICATE_RULES_MODES.includes(duplicateRules)) {
    throw new Error(
      `duplicateRules must be one of ${DUPLICATE_RULES_MODES.join(", ")}, got ${String(duplicateRules)}`,
    );
  }
  return {
    duplicateRules,
    latencyMs: nonNegativeInteger("latencyMs", patch.latencyMs, base.latencyMs),
    rateLimitPerSecond: nonNegativeInteger(
      "rateLimitPerSecond",
      patch.rateLimitPerSecond,
      base.rateLimitPerSecond,
    ),
  };
}

/**
 * Applies defaults and validates every option. Throws an `Error` with a message meant for a
 * human (the CLI prints it as is) when an option is invalid, including a non-loopback host
 * without `allowNonLoopback`.
 */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const port = nonNegativeInteger("port", options.port, 0);
  if (port > 65535) throw new Error(`port must be at most 65535, got ${port}`);
  const host = unbracketHost(options.host ?? "127.0.0.1");
  if (!host) throw new Error("host must not be empty");
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new Error(
      `refusing to listen on non-loopback address ${host}: the emulator accepts well-known ` +
        `credentials and unauthenticated admin routes; pass allowNonLoopback (--allow-non-loopback) ` +
        `to do it anyway`,
    );
  }
  const credentials = options.credentials ?? DEFAULT_EMULATOR_CREDENTIALS;
  if (!credentials.secretId || !credentials.secretKey) {
    throw new Error("credentials need a non-empty secretId and secretKey");
  }
  if (credentials.token !== undefined && !credentials.token) {
    throw new Error("credentials.token, when given, must not be empty");
  }
  if (options.stateFile !== undefined && !options.stateFile) {
    throw new Error("stateFile, when given, must not be empty");
  }
  return {
    port,
    host,
    credentials: { ...credentials },
    config: resolveConfig(options),
    delivery: resolveDeliveryConfig(options),
    allowNonLoopback: options.allowNonLoopback === true,
    stateFile: options.stateFile ? resolve(options.stateFile) : undefined,
    adminRoutes: { ...options.adminRoutes },
  };
}
