/**
 * Options of the emulator, their defaults and their validation. `startEmulator` and the CLI both
 * go through {@link resolveOptions}, so a flag and an option can never disagree on what is valid.
 */
import { resolve } from "node:path";
import { isLoopbackHost, unbracketHost } from "../../api/loopback";
import type { AdminRoutes } from "../admin/router";
import { resolveDeliveryConfig, type DeliveryConfig } from "../events/deliveryConfig";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  checkCredentials,
  type EmulatorCredentials,
} from "./credentials";
import { createStsState, type StsOptions, type StsState } from "../sts/state";
import { nonNegativeInteger, resolveConfig, type EmulatorConfig } from "./switches";

/**
 * Options of {@link startEmulator}. Every field is optional. The behaviour switches (including
 * `propagationSeconds`) are described in {@link EmulatorConfig}, the delivery settings of
 * emulated callback events (`deliveryRetries`, `deliveryIntervalMs`, `deliveryTimeoutMs`,
 * `deliverySchedule`, `deliveryTimeScale`, `retrySignature`) in {@link DeliveryConfig}.
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
   * Serve `https://` with a self-signed certificate made at start (needs the `openssl` command);
   * the handle's `certFile` is the file clients must trust. Default false (plain `http://`).
   */
  tls?: boolean;
  /**
   * The emulated STS: the account id role ARNs must name, the web-identity providers (with the
   * audiences each accepts) and the CAM role of the emulated CVM instance. The lifetime of
   * issued credentials is the `stsLifetimeSeconds` switch.
   */
  sts?: StsOptions;
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
  tls: boolean;
  sts: StsState;
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
  const credentials = checkCredentials(options.credentials ?? DEFAULT_EMULATOR_CREDENTIALS);
  if (options.stateFile !== undefined && !options.stateFile) {
    throw new Error("stateFile, when given, must not be empty");
  }
  return {
    port,
    host,
    credentials,
    config: resolveConfig(options),
    delivery: resolveDeliveryConfig(options),
    allowNonLoopback: options.allowNonLoopback === true,
    stateFile: options.stateFile ? resolve(options.stateFile) : undefined,
    adminRoutes: { ...options.adminRoutes },
    tls: options.tls === true,
    sts: createStsState(options.sts),
  };
}
