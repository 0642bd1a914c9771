/**
 * Turns an incoming HTTP request into an authenticated call of an action, whichever way API 3.0
 * lets a client send it:
 *
 * - TC3-HMAC-SHA256 (an `Authorization` header): action and version in `X-TC-Action` /
 *   `X-TC-Version`, parameters as a JSON body, as `multipart/form-data` or form fields, or in the
 *   query of a GET;
 * - signature v1 (no `Authorization`, a `Signature` parameter): everything, action and version
 *   included, in the query of a GET or a form-encoded POST body.
 *
 * Parameters sent as text are rebuilt into the same JSON the actions take from a JSON body.
 * Their decoding is deferred (`params()`) so that, as for a JSON body, a malformed parameter is
 * an answered call of its action rather than a failure to authenticate.
 */
import type { IncomingHttpHeaders } from "node:http";
import { LIVE_API_VERSION, type LiveAction } from "../../api/models";
import type { EmulatorCredentials } from "../config/credentials";
import { isLiveAction } from "./actionNames";
import { fail } from "./errors";
import { parseFormPairs, unflattenParams, type FlatPairs, type ParamTypes } from "./flatParams";
import { multipartBoundary, parseMultipart } from "./multipart";
import { parseParams, type Params } from "./params";
import { verifyTc3Request } from "./signature";
import { V1_COMMON_PARAMS, verifyV1Request } from "./signatureV1";
import { isStsAction, STS_API_VERSION, UNSIGNED_STS_ACTIONS } from "../sts/actions";

/** The parts of an HTTP request this module reads. */
export interface RawRequest {
  method: string;
  /** Request target as received (`/?Action=...`). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A credential the emulator accepts: its own key pair, or a temporary one STS issued. */
export interface AcceptedCredential extends EmulatorCredentials {
  /** When it stops being accepted (`AuthFailure.TokenFailure`), in epoch ms. */
  expiresAtMs?: number;
  /** The role an issued credential stands for. */
  roleArn?: string;
}

/** Finds the credential of a SecretId; undefined when there is none. */
export type CredentialLookup = (secretId: string) => AcceptedCredential | undefined;

/** An authenticated call of an emulated action, Live or STS. */
export type ApiCall =
  | {
      service: "live";
      action: LiveAction;
      /** The action's parameters; throws `InvalidParameter` when they cannot be read. */
      params: () => Params;
      caller: AcceptedCredential;
    }
  | {
      service: "sts";
      action: string;
      params: () => Params;
      /** Undefined for an unsigned call (`Authorization: SKIP`). */
      caller?: AcceptedCredential;
    };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function isFormEncoded(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? "");
}

/**
 * Authenticates `request` against `credentials` at `nowSeconds` and names its action. Throws an
 * `ApiError`: `InvalidParameter` for a method other than GET or POST, the codes of
 * `verifyTc3Request` / `verifyV1Request`, `AuthFailure.InvalidAuthorization` when the request is
 * signed neither way, `MissingParameter`, `InvalidAction` and `InvalidParameterValue` for the
 * action and version.
 */
export function readApiCall(
  request: RawRequest,
  credentials: EmulatorCredentials,
  nowSeconds: number,
  types: ParamTypes,
  lookup: CredentialLookup = () => undefined,
): ApiCall {
  const { method, headers, body } = request;
  if (method !== "GET" && method !== "POST") {
    fail("InvalidParameter", `The API accepts GET and POST requests, not ${method}.`);
  }
  const url = new URL(request.url, "http://emulator");
  const query = url.search.slice(1);
  const contentType = header(headers, "content-type");

  // The key the request names: an issued one is checked like the emulator's own.
  const keyFor = (secretId: string): AcceptedCredential => lookup(secretId) ?? credentials;
  const authorization = header(headers, "authorization");
  if (authorization?.trim() === "SKIP") {
    const action = header(headers, "x-tc-action") ?? "";
    if (!UNSIGNED_STS_ACTIONS.includes(action)) {
      fail("AuthFailure.InvalidAuthorization", `${action || "This action"} must be signed.`);
    }
    checkVersion(header(headers, "x-tc-version"), "X-TC-Version", STS_API_VERSION);
    return {
      service: "sts",
      action,
      params: () => tc3Params(method, query, contentType, body, types),
    };
  }
  if (authorization) {
    const caller = keyFor(/Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? "");
    verifyTc3Request({ method, path: url.pathname, query, headers, body }, caller, nowSeconds);
    checkExpiry(caller, nowSeconds);
    return named(
      header(headers, "x-tc-action"),
      header(headers, "x-tc-version"),
      "X-TC-Action",
      "X-TC-Version",
      caller,
      () => tc3Params(method, query, contentType, body, types),
    );
  }

  const pairs =
    method === "GET"
      ? parseFormPairs(query)
      : isFormEncoded(contentType)
        ? parseFormPairs(body.toString("utf8"))
        : [];
  if (!pairs.some(([name]) => name === "Signature")) {
    fail(
      "AuthFailure.InvalidAuthorization",
      "The request is signed neither with TC3-HMAC-SHA256 (an Authorization header) nor with " +
        "signature v1 (a Signature parameter in the query of a GET or a form-encoded POST body).",
    );
  }
  const get = (name: string): string | undefined => pairs.find(([key]) => key === name)?.[1];
  const caller = keyFor(get("SecretId") ?? "");
  verifyV1Request(
    { method, host: header(headers, "host") ?? "", path: url.pathname, params: pairs },
    caller,
    nowSeconds,
  );
  checkExpiry(caller, nowSeconds);
  const own = pairs.filter(([name]) => !V1_COMMON_PARAMS.includes(name));
  return named(get("Action"), get("Version"), "Action", "Version", caller, () =>
    unflattenParams(own, types),
  );
}

/** Refuses an issued credential past its expiry, as the API refuses an expired token. */
function checkExpiry(caller: AcceptedCredential, nowSeconds: number): void {
  if (caller.expiresAtMs !== undefined && caller.expiresAtMs <= nowSeconds * 1000) {
    fail("AuthFailure.TokenFailure", "The temporary credentials have expired.");
  }
}

/** The Live or STS call an action name and version designate. */
function named(
  action: string | undefined,
  version: string | undefined,
  actionName: string,
  versionName: string,
  caller: AcceptedCredential,
  params: () => Params,
): ApiCall {
  if (action && isStsAction(action)) {
    checkVersion(version, versionName, STS_API_VERSION);
    return { service: "sts", action, params, caller };
  }
  const live = checkAction(action, actionName);
  checkVersion(version, versionName);
  return { service: "live", action: live, params, caller };
}

function tc3Params(
  method: string,
  query: string,
  contentType: string | undefined,
  body: Buffer,
  types: ParamTypes,
): Params {
  if (method === "GET") return unflattenParams(parseFormPairs(query), types);
  const boundary = multipartBoundary(contentType);
  let pairs: FlatPairs | undefined;
  if (boundary !== undefined) pairs = parseMultipart(body, boundary);
  else if (isFormEncoded(contentType)) pairs = parseFormPairs(body.toString("utf8"));
  return pairs ? unflattenParams(pairs, types) : parseParams(body);
}

function checkAction(action: string | undefined, name: string): LiveAction {
  if (!action) fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  if (!isLiveAction(action)) {
    fail(
      "InvalidAction",
      `The action \`${action}\` is not supported by the emulator (live ${LIVE_API_VERSION}).`,
    );
  }
  return action;
}

function checkVersion(
  version: string | undefined,
  name: string,
  expected: string = LIVE_API_VERSION,
): void {
  if (!version)
    fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  if (version !== expected) {
    fail("InvalidParameterValue", `The version \`${version}\` is not supported; use ${expected}.`);
  }
}
