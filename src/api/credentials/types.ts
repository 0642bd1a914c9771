/**
 * The shapes every credential source shares: a credential (possibly temporary), a provider the
 * SDK client awaits on each request, and the one error type a source fails with.
 */

/** A credential pair, with the session token and expiry of temporary credentials. */
export interface Credential {
  secretId: string;
  secretKey: string;
  token?: string;
  /** When temporary credentials stop working, in epoch milliseconds; absent for static keys. */
  expiresAtMs?: number;
}

/**
 * What the SDK client takes as its `credential`: it awaits `getCredential()` before every
 * request. `invalidate()` makes the next call fetch anew (after `AuthFailure.TokenFailure`).
 */
export interface CredentialProvider {
  getCredential(): Promise<Credential>;
  /**
   * Makes the next `getCredential()` renew the credential; with `failed`, only if that is still
   * the current one (so that many calls refused with one old credential renew it once).
   */
  invalidate(failed?: Credential): void;
  /** Where the credentials come from, e.g. `assume role (tencentcloud:assumeRole.roleArn)`. */
  readonly label: string;
  /** How many credentials were fetched so far (renewals are counted). */
  fetches(): number;
}

/** One source: fetches a fresh credential each time it is asked. */
export interface CredentialSource {
  /** The source and the key or variable that chose it; never a value. */
  readonly label: string;
  fetch(): Promise<Credential>;
}

/**
 * A source that cannot give credentials. The message names the source and its key or
 * variable, with the API's error code and RequestId when there was one; never a key or token.
 */
export class CredentialError extends Error {
  /** The Tencent error code of the STS or metadata answer, if any. */
  readonly code: string;
  /** The RequestId of the failed STS call, if any. */
  readonly requestId: string;

  constructor(label: string, reason: string, init: { code?: string; requestId?: string } = {}) {
    const code = init.code ? ` [${init.code}]` : "";
    const rid = init.requestId ? ` (RequestId ${init.requestId})` : "";
    super(`Credentials from ${label} are not available:${code} ${reason}${rid}`);
    this.name = "CredentialError";
    this.code = init.code ?? "";
    this.requestId = init.requestId ?? "";
  }
}
