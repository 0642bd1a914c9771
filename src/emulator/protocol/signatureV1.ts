/**
 * Verification of signature v1 (`HmacSHA1`, `HmacSHA256`), which API 3.0 still accepts and which
 * older clients and the international Node SDK use by default. Every parameter travels in the
 * query (GET) or a form body (POST); the string to sign is the method, the host, the path, `?`
 * and every parameter but `Signature`, sorted by name, as `name=value` joined by `&` with the
 * values as they are (not URL-encoded). The signature is the base64 HMAC of it with the secret
 * key. As for TC3, the host may be signed with or without its port.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorCredentials } from "../config/credentials";
import { checkSecretId, checkTimestamp, checkToken, signedHostValues } from "./authChecks";
import { fail } from "./errors";
import type { FlatPairs } from "./flatParams";

/** The HMAC of each accepted `SignatureMethod`; `HmacSHA1` when the parameter is absent. */
const V1_METHODS: Readonly<Record<string, "sha1" | "sha256">> = {
  HmacSHA1: "sha1",
  HmacSHA256: "sha256",
};

/**
 * The common parameters of a v1 request; whatever else it carries is the action's. `Action` and
 * `Version` name the action; the others belong to signing or are informational.
 */
export const V1_COMMON_PARAMS: readonly string[] = [
  "Action",
  "Version",
  "Region",
  "Timestamp",
  "Nonce",
  "SecretId",
  "Signature",
  "SignatureMethod",
  "Token",
  "Language",
  "RequestClient",
];

/** A v1 request as the verifier sees it. */
export interface V1Request {
  method: string;
  /** `Host` header as sent. */
  host: string;
  /** Path of the request URL, without the query. */
  path: string;
  /** Every parameter, decoded, from the query (GET) or the form body (POST). */
  params: FlatPairs;
}

/** The string a v1 client signs for `request` with `hostValue` as its host. */
export function v1StringToSign(request: V1Request, hostValue: string): string {
  const sorted = request.params
    .filter(([name]) => name !== "Signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = sorted.map(([name, value]) => `${name}=${value}`).join("&");
  return `${request.method}${hostValue}${request.path}?${query}`;
}

/**
 * Checks a v1 request: `Signature`, `SecretId`, `Nonce` and `Timestamp` present, a known
 * `SignatureMethod`, the SecretId, the time, the signature and the session token. Throws an
 * `ApiError` with the API's code for the first problem found: `MissingParameter`,
 * `InvalidParameter` / `InvalidParameterValue`, `AuthFailure.SecretIdNotFound`,
 * `AuthFailure.SignatureExpire`, `AuthFailure.SignatureFailure`, `AuthFailure.TokenFailure`.
 */
export function verifyV1Request(
  request: V1Request,
  credentials: EmulatorCredentials,
  nowSeconds: number,
): void {
  const get = (name: string): string | undefined =>
    request.params.find(([key]) => key === name)?.[1];
  const signature = get("Signature");
  for (const name of ["Signature", "SecretId", "Nonce"]) {
    if (!get(name)) {
      fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
    }
  }
  const methodName = get("SignatureMethod") ?? "HmacSHA1";
  const hash = V1_METHODS[methodName];
  if (!Object.hasOwn(V1_METHODS, methodName)) {
    fail(
      "InvalidParameterValue",
      `\`SignatureMethod\` ${JSON.stringify(methodName)} is not one of ${Object.keys(V1_METHODS).join(", ")}.`,
    );
  }
  if (!/^[1-9]\d{0,18}$/.test(get("Nonce") ?? "")) {
    fail("InvalidParameter", "The parameter `Nonce` must be a positive integer.");
  }
  checkSecretId(get("SecretId") ?? "", credentials);
  checkTimestamp("Timestamp", get("Timestamp"), nowSeconds);

  const given = Buffer.from(signature ?? "", "base64");
  const matches = signedHostValues(request.host).some((hostValue) => {
    const expected = createHmac(hash, credentials.secretKey)
      .update(v1StringToSign(request, hostValue), "utf8")
      .digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) {
    fail(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  checkToken("Token", get("Token"), credentials);
}
