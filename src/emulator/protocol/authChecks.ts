/**
 * The checks both signature versions make in the same way, with the API's codes: the SecretId
 * (`AuthFailure.SecretIdNotFound`), the request time (`AuthFailure.SignatureExpire` beyond
 * {@link MAX_CLOCK_SKEW_SECONDS}), the session token of temporary credentials
 * (`AuthFailure.TokenFailure`), and the host values a signature may cover.
 */
import { fail } from "./errors";
import type { EmulatorCredentials } from "../config/credentials";

/** Largest accepted difference between the request's timestamp and the emulator clock, as in the API. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Refuses any SecretId but the emulator's. */
export function checkSecretId(secretId: string, credentials: EmulatorCredentials): void {
  if (secretId !== credentials.secretId) {
    fail(
      "AuthFailure.SecretIdNotFound",
      "The SecretId is not found, please ensure that your SecretId is correct.",
    );
  }
}

/**
 * Reads a UNIX-seconds timestamp named `name` (`X-TC-Timestamp` or `Timestamp`) and refuses one
 * more than {@link MAX_CLOCK_SKEW_SECONDS} away from `nowSeconds`. Returns it.
 */
export function checkTimestamp(name: string, raw: string | undefined, nowSeconds: number): number {
  if (raw === undefined) {
    fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  }
  if (!/^\d{1,12}$/.test(raw)) {
    fail("InvalidParameter", `The parameter \`${name}\` must be a UNIX time in seconds.`);
  }
  const timestamp = Number(raw);
  if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    fail(
      "AuthFailure.SignatureExpire",
      `Signature expired: ${name} ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} seconds away ` +
        `from the server time ${nowSeconds}.`,
    );
  }
  return timestamp;
}

/**
 * When the emulator's credentials are temporary (they have a token), the request must carry
 * that token in `name` (`X-TC-Token` or `Token`). The message never shows either token.
 */
export function checkToken(
  name: string,
  given: string | undefined,
  credentials: EmulatorCredentials,
): void {
  if (credentials.token !== undefined && given !== credentials.token) {
    fail(
      "AuthFailure.TokenFailure",
      `The ${name} parameter is missing or does not match the credentials.`,
    );
  }
}

/** Host name of a `Host` header value, without the port (IPv6 literals keep their brackets). */
export function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}

/**
 * The host values a signature may have covered: the `Host` header as sent (`127.0.0.1:9000`,
 * what most SDKs sign) and its host name alone (what the Node SDK's TC3 signer signs).
 */
export function signedHostValues(host: string): string[] {
  return [...new Set([host, hostnameOf(host)])];
}
