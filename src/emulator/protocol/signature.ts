/**
 * Verification of TC3-HMAC-SHA256 signed requests (Tencent Cloud API 3.0), as the real endpoint
 * does it, so that a client whose signing is wrong fails against the emulator too. The canonical
 * request covers the method, the path, the query string as sent (TC3 over GET carries the
 * parameters there) and the raw body whatever its type (JSON, or multipart/form-data whose
 * Content-Type, boundary included, is a signed header). Signature v1 is `signatureV1.ts`.
 *
 * Two deliberate allowances make the real SDK usable against `http://127.0.0.1:PORT`:
 *
 * - **Service label.** The Node SDK signs with the first dot-separated label of its endpoint
 *   (`endpoint.split(".")[0]`): `127` for `127.0.0.1:PORT`, `localhost:PORT` for
 *   `localhost:PORT` (no dot, so the port stays). The credential scope's service is therefore
 *   accepted iff it is `live`, or equals the first dot-separated label of the `Host` header
 *   (exactly what the SDK derives for that address), or the first label of the Host header's
 *   host name without the port.
 * - **Host value.** The Node SDK signs `host:` with the host name without the port while other
 *   SDKs sign the `Host` header as sent; both are accepted.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { fail } from "./errors";
import type { EmulatorCredentials } from "../config/credentials";
import {
  checkSecretId,
  checkTimestamp,
  checkToken,
  hostnameOf,
  signedHostValues,
} from "./authChecks";

export { MAX_CLOCK_SKEW_SECONDS } from "./authChecks";

/** The parts of an HTTP request that the signature covers. */
export interface SignedRequest {
  method: string;
  /** Path of the request URL, without the query. */
  path: string;
  /** Query string without the leading `?` (empty for the SDK's POST requests). */
  query: string;
  headers: IncomingHttpHeaders;
  /** Raw body bytes, exactly as received. */
  body: Buffer;
}

/** The fields of an `Authorization: TC3-HMAC-SHA256 ...` header. */
interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})$/;

function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const match = header ? AUTHORIZATION.exec(header.trim()) : null;
  const scope = match ? match[1].split("/") : [];
  if (!match || scope.length !== 4 || scope[3] !== "tc3_request" || scope.some((p) => !p)) {
    fail(
      "AuthFailure.InvalidAuthorization",
      "The Authorization header is missing or is not `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/" +
        "<service>/tc3_request, SignedHeaders=<headers>, Signature=<hex>`.",
    );
  }
  return {
    secretId: scope[0],
    date: scope[1],
    service: scope[2],
    signedHeaders: match[2].split(";"),
    signature: match[3],
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** `YYYY-MM-DD` (UTC) of a UNIX timestamp in seconds: the date of the credential scope. */
export function scopeDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The service labels a request to `host` may be signed with; see the module comment. */
export function acceptedServices(host: string): string[] {
  return [...new Set(["live", host.split(".")[0], hostnameOf(host).split(".")[0]])];
}

/**
 * Checks the signature, the timestamp, the secret id and the session token of an API request.
 * Throws an `ApiError` with the API's code for the first problem found:
 * `AuthFailure.InvalidAuthorization` (no or malformed Authorization), `AuthFailure.SecretIdNotFound`,
 * `MissingParameter` / `InvalidParameter` (X-TC-Timestamp), `AuthFailure.SignatureExpire` (more
 * than {@link MAX_CLOCK_SKEW_SECONDS} off `nowSeconds`), `AuthFailure.SignatureFailure` (scope
 * date or service, signed header list, or signature wrong) and `AuthFailure.TokenFailure`.
 */
export function verifyTc3Request(
  request: SignedRequest,
  credentials: EmulatorCredentials,
  nowSeconds: number,
): void {
  const auth = parseAuthorization(header(request.headers, "authorization"));
  checkSecretId(auth.secretId, credentials);
  const rawTimestamp = header(request.headers, "x-tc-timestamp");
  const timestamp = checkTimestamp("X-TC-Timestamp", rawTimestamp, nowSeconds);
  if (auth.date !== scopeDate(timestamp)) {
    fail(
      "AuthFailure.SignatureFailure",
      `The credential date ${auth.date} is not the UTC date of X-TC-Timestamp (${scopeDate(timestamp)}).`,
    );
  }

  const host = header(request.headers, "host") ?? "";
  const services = acceptedServices(host);
  if (!services.includes(auth.service)) {
    fail(
      "AuthFailure.SignatureFailure",
      `The credential service ${JSON.stringify(auth.service)} is not accepted for Host ${JSON.stringify(host)}; ` +
        `use one of ${services.map((s) => JSON.stringify(s)).join(", ")}.`,
    );
  }
  if (!auth.signedHeaders.includes("content-type") || !auth.signedHeaders.includes("host")) {
    fail("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
  }

  const expected = signedHostValues(host).map((hostValue) =>
    computeSignature(request, auth, rawTimestamp ?? "", hostValue, credentials.secretKey),
  );
  const given = Buffer.from(auth.signature, "hex");
  if (!expected.some((sig) => timingSafeEqual(Buffer.from(sig, "hex"), given))) {
    fail(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }

  checkToken("X-TC-Token", header(request.headers, "x-tc-token"), credentials);
}

/** The hex signature the client should have sent, with `hostValue` as the signed `host:` value. */
function computeSignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  timestamp: string,
  hostValue: string,
  secretKey: string,
): string {
  // Header values are trimmed and lower-cased, as the API 3.0 signing rules prescribe.
  const canonicalHeaders = auth.signedHeaders
    .map((name) => {
      const value = name === "host" ? hostValue : (header(request.headers, name) ?? "");
      return `${name}:${value.trim().toLowerCase()}\n`;
    })
    .join("");
  const canonicalRequest = [
    request.method,
    request.path,
    request.query,
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", timestamp, scope, sha256Hex(canonicalRequest)].join(
    "\n",
  );
  const kDate = hmac(`TC3${secretKey}`, auth.date);
  const kService = hmac(kDate, auth.service);
  const kSigning = hmac(kService, "tc3_request");
  return hmac(kSigning, stringToSign).toString("hex");
}
