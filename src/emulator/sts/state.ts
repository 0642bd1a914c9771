/**
 * What the emulated STS holds: its settings (account, OIDC providers, the CVM role), the
 * issuer's signing key, and every temporary credential it issued, which the Live actions accept
 * until it expires.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import type { EmulatorCredentials } from "../config/credentials";

/** The account every emulated credential belongs to. */
export const DEFAULT_ACCOUNT_ID = "100000000001";
/** The CAM role bound to the emulated CVM instance. */
export const DEFAULT_CVM_ROLE = "emulator-cvm-role";
/** Issuer (`iss`) of the tokens the test OIDC issuer signs. */
export const OIDC_ISSUER = "https://oidc.tencentcloud-live-emulator.local";
/** The web-identity providers known when none are given: `OIDC`, audience STS's host name. */
export const DEFAULT_OIDC_PROVIDERS: Readonly<Record<string, OidcProvider>> = {
  OIDC: { audiences: ["sts.tencentcloudapi.com"] },
};

/** A web-identity (OIDC) provider the emulated STS trusts. */
export interface OidcProvider {
  /** The audiences (client ids) a token's `aud` may name. */
  audiences: string[];
}

/** Start-time STS settings (`EmulatorOptions.sts`). */
export interface StsOptions {
  /** Account (uin) of the emulated account; role ARNs must name it. */
  accountId?: string;
  /** Web-identity providers by ProviderId, with the audiences (client ids) each accepts. */
  oidcProviders?: Record<string, OidcProvider>;
  /** Role the CVM metadata route serves; empty for an instance without one. */
  cvmRoleName?: string;
}

/** A temporary credential the emulator issued. */
export interface IssuedCredential extends EmulatorCredentials {
  /** The session token that goes with the pair, in `X-TC-Token`. */
  token: string;
  /** When the credential stops being accepted, in epoch milliseconds. */
  expiresAtMs: number;
  /** The role it stands for; undefined for none. */
  roleArn: string;
  /** What issued it: the STS action or `CvmMetadata`. */
  issuedBy: string;
}

/** The STS state of a running emulator. */
export interface StsState {
  accountId: string;
  oidcProviders: Record<string, OidcProvider>;
  cvmRoleName: string;
  /** The test OIDC issuer's ES256 key pair. */
  oidcKeys: { privateKey: KeyObject; publicKey: KeyObject };
  /** Issued credentials by TmpSecretId. */
  issued: Map<string, IssuedCredential>;
  /** Credentials issued so far, per issuing action (renewals count). */
  issuedCounts: Record<string, number>;
  /** Authenticated STS calls per action, refused ones included. */
  calls: Record<string, number>;
  /**
   * Requests (Live or STS) refused while authenticating, per error code: an expired temporary
   * credential shows as `AuthFailure.TokenFailure` here even when the client renewed and resent.
   */
  refused: Record<string, number>;
  /** Authenticated Live calls per credential kind: `static` or the action that issued it. */
  liveCallsBy: Record<string, number>;
}

/** Checks `options` and makes the state; throws an `Error` naming the bad option. */
export function createStsState(options: StsOptions = {}): StsState {
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{1,20}$/.test(accountId)) {
    throw new Error(`sts.accountId must be digits, got ${JSON.stringify(accountId)}`);
  }
  const providers = options.oidcProviders ?? DEFAULT_OIDC_PROVIDERS;
  for (const [id, p] of Object.entries(providers)) {
    if (!Array.isArray(p.audiences) || p.audiences.some((a) => typeof a !== "string" || !a)) {
      throw new Error(`sts.oidcProviders.${id}.audiences must be a list of non-empty strings`);
    }
  }
  return {
    accountId,
    oidcProviders: structuredClone(providers),
    cvmRoleName: options.cvmRoleName ?? DEFAULT_CVM_ROLE,
    // P-256: made in well under a millisecond, so every start can have its own key.
    oidcKeys: generateKeyPairSync("ec", { namedCurve: "P-256" }),
    issued: new Map(),
    issuedCounts: {},
    calls: {},
    refused: {},
    liveCallsBy: {},
  };
}

/** Issues a temporary credential valid for `lifetimeSeconds`. */
export function issueCredential(
  state: StsState,
  init: { roleArn: string; issuedBy: string; lifetimeSeconds: number; nowMs: number },
): IssuedCredential {
  const credential: IssuedCredential = {
    secretId: `AKIDTMP${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(24).toString("base64url"),
    token: randomBytes(48).toString("base64url"),
    expiresAtMs: init.nowMs + init.lifetimeSeconds * 1000,
    roleArn: init.roleArn,
    issuedBy: init.issuedBy,
  };
  // Expired ones are dropped as new ones come, so a long run does not grow the map for ever;
  // a request with a dropped one still gets AuthFailure.TokenFailure (see `lookup`).
  for (const [id, c] of state.issued) {
    if (c.expiresAtMs + 3_600_000 < init.nowMs) state.issued.delete(id);
  }
  state.issued.set(credential.secretId, credential);
  state.issuedCounts[init.issuedBy] = (state.issuedCounts[init.issuedBy] ?? 0) + 1;
  return credential;
}

/** Counts a Live call by the kind of credential that signed it. */
export function countLiveCaller(state: StsState, caller: object): void {
  const issuedBy = (caller as Partial<IssuedCredential>).issuedBy;
  const kind = typeof issuedBy === "string" ? issuedBy : "static";
  state.liveCallsBy[kind] = (state.liveCallsBy[kind] ?? 0) + 1;
}

/** Counts a request refused while authenticating, by its error code. */
export function countRefused(state: StsState, code: string): void {
  state.refused[code] = (state.refused[code] ?? 0) + 1;
}

/** The answer fields STS gives for an issued credential. */
export function credentialAnswer(c: IssuedCredential): Record<string, unknown> {
  return {
    Credentials: { Token: c.token, TmpSecretId: c.secretId, TmpSecretKey: c.secretKey },
    ExpiredTime: Math.floor(c.expiresAtMs / 1000),
    Expiration: new Date(c.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}
