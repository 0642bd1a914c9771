/**
 * One error type for everything the Live API can answer, with a classification the retry logic
 * and the provider rely on instead of matching error codes all over the code base.
 */
import type { LiveAction } from "./models";

/**
 * What a failure means for the caller.
 * - `throttled`: RequestLimitExceeded*; nothing was applied, safe to retry.
 * - `transient`: network error, timeout, HTTP 5xx, bare `InternalError`; a write may or may not
 *   have been applied.
 * - `not-found`: the template or rule does not exist.
 * - `in-use`: the template is still bound by a rule.
 * - `quota`: the account already has the maximum number of templates.
 * - `auth`: credentials or signature rejected.
 * - `invalid-input`: the API refused a parameter.
 * - `already-exists`: a rule for this (domain, app) exists.
 * - `service-disabled`: the Live service is stopped, frozen or disabled for the account.
 * - `unknown`: anything else.
 */
export type LiveErrorKind =
  | "throttled"
  | "transient"
  | "not-found"
  | "in-use"
  | "quota"
  | "auth"
  | "invalid-input"
  | "already-exists"
  | "service-disabled"
  | "unknown";

/** Fields of a {@link LiveApiError}. */
export interface LiveApiErrorInit {
  action: LiveAction;
  /**
   * Tencent error code such as `FailedOperation.ConfInUsed`; empty for network and HTTP errors;
   * one of {@link CLIENT_CODES} for a failure the client itself detected in an answer.
   */
  code: string;
  message: string;
  requestId?: string;
  /** HTTP status when the answer was not HTTP 200. */
  httpStatus?: number;
  /** Appended to the message: how many attempts were made, what state the object is in. */
  context?: string;
  /**
   * Where the credential that signed the call came from (a credential source's label, never a
   * value); set on authentication failures, so the hint names the source actually used.
   */
  signedWith?: string;
}

/** A failed Live API call: action, Tencent code, message, RequestId, HTTP status and its kind. */
export class LiveApiError extends Error {
  readonly action: LiveAction;
  readonly code: string;
  readonly requestId: string;
  readonly httpStatus?: number;
  readonly kind: LiveErrorKind;
  /** The message as the API gave it, without the action and RequestId decoration. */
  readonly apiMessage: string;
  /** Where the signing credential came from, on authentication failures; else empty. */
  readonly signedWith: string;

  constructor(init: LiveApiErrorInit) {
    const kind = classify(init.code, init.httpStatus);
    const code = init.code || (init.httpStatus ? `HTTP ${init.httpStatus}` : "NetworkError");
    const rid = init.requestId ? ` (RequestId ${init.requestId})` : "";
    const context = init.context ? ` ${init.context}` : "";
    super(`${init.action} failed: [${code}] ${init.message}${rid}${context}`);
    this.name = "LiveApiError";
    this.action = init.action;
    this.code = init.code;
    this.requestId = init.requestId ?? "";
    this.httpStatus = init.httpStatus;
    this.kind = kind;
    this.apiMessage = init.message;
    this.signedWith = init.signedWith ?? "";
  }
}

/**
 * Codes of failures the client detects itself in what the API answered (no Tencent code exists
 * for them). Their `Client.` prefix is no Tencent code's, and they classify as `unknown`: never
 * retried, since asking again cannot change what was found.
 */
export const CLIENT_CODES = {
  /** After a lost create answer, more than one new template matches the request. */
  ambiguousCreate: "Client.AmbiguousCreate",
  /** A create answered success without a TemplateId. */
  noTemplateId: "Client.NoTemplateId",
} as const;

const NOT_FOUND = new Set([
  "FailedOperation.NotFound",
  "InternalError.NotFound",
  "InternalError.ConfNotFound",
  "InvalidParameter.ConfNotFound",
  "InternalError.RuleNotFound",
  "ResourceNotFound",
]);
const IN_USE = new Set([
  "FailedOperation.ConfInUsed",
  "InternalError.ConfInUsed",
  "InternalError.RuleInUsing",
]);
const ALREADY_EXISTS = new Set([
  "FailedOperation.RuleAlreadyExist",
  "InternalError.RuleAlreadyExist",
]);
const INVALID = new Set([
  "InvalidAction",
  "MissingParameter",
  "InvalidParameter",
  "InvalidParameterValue",
  "InternalError.InvalidInput",
  "InternalError.ArgsNotMatch",
  "UnknownParameter",
]);

/** Maps a Tencent error code (or, without one, the HTTP status) to a {@link LiveErrorKind}. */
export function classify(code: string, httpStatus?: number): LiveErrorKind {
  if (!code) {
    // No code: the SDK saw a non-200 status or no HTTP answer at all.
    if (httpStatus === undefined || httpStatus >= 500 || httpStatus === 429) return "transient";
    return "unknown";
  }
  if (code.startsWith("RequestLimitExceeded")) return "throttled";
  if (code.startsWith("AuthFailure") || code === "UnauthorizedOperation") return "auth";
  if (code === "InternalError.ConfOutLimit" || code === "LimitExceeded") return "quota";
  if (NOT_FOUND.has(code)) return "not-found";
  if (IN_USE.has(code)) return "in-use";
  if (ALREADY_EXISTS.has(code)) return "already-exists";
  if (code.startsWith("ResourceNotFound.")) return "service-disabled";
  if (
    INVALID.has(code) ||
    code.startsWith("InvalidParameter.") ||
    code.startsWith("InvalidParameterValue.") ||
    code.startsWith("MissingParameter.") ||
    code.startsWith("UnsupportedOperation")
  ) {
    return "invalid-input";
  }
  if (code === "InternalError" || code === "InternalError.SystemError") return "transient";
  return "unknown";
}

/** The shape of an exception thrown by `tencentcloud-sdk-nodejs`. */
interface SdkException {
  message?: string;
  code?: string;
  requestId?: string;
  httpCode?: number;
}

/**
 * Converts whatever the SDK threw into a {@link LiveApiError}. `secrets` are redacted from the
 * message, because an API or network message may echo request content such as the callback key.
 */
export function fromSdkError(
  action: LiveAction,
  err: unknown,
  secrets: Iterable<string> = [],
): LiveApiError {
  if (err instanceof LiveApiError) return err;
  const e = (
    typeof err === "object" && err !== null ? err : { message: String(err) }
  ) as SdkException;
  return new LiveApiError({
    action,
    code: e.code ?? "",
    message: redact(e.message || "no message", secrets),
    requestId: e.requestId || undefined,
    httpStatus: e.httpCode,
  });
}

/**
 * Hides every non-empty secret in `text`, in any letter case (an API may echo a key upper-cased
 * or lower-cased): a secret of 8 characters or more is replaced with `[secret]` wherever it
 * stands. A shorter one can sit inside ordinary words, where replacing it would show which
 * letters the key is made of, so a message containing it is withheld whole.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    const pattern = s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (!new RegExp(pattern, "i").test(out)) continue;
    if (s.length < 8) return "[message withheld: it may contain the callback key]";
    out = out.replace(new RegExp(pattern, "gi"), "[secret]");
  }
  return out;
}
