/**
 * The test OIDC issuer: ES256 tokens the emulator signs (`POST /_emulator/oidc/token`), and
 * their verification by AssumeRoleWithWebIdentity (signature, issuer, audience, expiry), so a
 * web-identity client is tested against a token that is really checked.
 */
import { sign, verify } from "node:crypto";
import { fail } from "../protocol/errors";
import { OIDC_ISSUER, type StsState } from "./state";

/** What a token asserts. */
export interface TokenRequest {
  subject: string;
  audience: string;
  /** Seconds from now until `exp`; negative makes an expired token. */
  expiresInSeconds: number;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs a token as the issuer. */
export function signToken(state: StsState, request: TokenRequest, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const head = b64({ alg: "ES256", typ: "JWT", kid: "emulator" });
  const body = b64({
    iss: OIDC_ISSUER,
    sub: request.subject,
    aud: request.audience,
    iat: now,
    exp: now + Math.round(request.expiresInSeconds),
  });
  const signature = sign("sha256", Buffer.from(`${head}.${body}`), {
    key: state.oidcKeys.privateKey,
    dsaEncoding: "ieee-p1363",
  }).toString("base64url");
  return `${head}.${body}.${signature}`;
}

const TOKEN_ERROR = "InvalidParameter.WebIdentityTokenError";

/**
 * Checks `token` for `providerId` and returns its subject. Refuses (with
 * `InvalidParameter.WebIdentityTokenError`, naming what is wrong) a malformed token, a bad
 * signature, another issuer, an audience the provider does not list, and an expired token.
 */
export function verifyToken(
  state: StsState,
  providerId: string,
  token: string,
  nowMs: number,
): string {
  const provider = state.oidcProviders[providerId];
  if (!provider) {
    fail("InvalidParameter.IdpNotExist", `No identity provider named ${providerId} exists.`);
  }
  const parts = token.split(".");
  if (parts.length !== 3) fail(TOKEN_ERROR, "The WebIdentityToken is not a JWT.");
  const valid = verify(
    "sha256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    { key: state.oidcKeys.publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(parts[2], "base64url"),
  );
  if (!valid) fail(TOKEN_ERROR, "The WebIdentityToken signature does not verify.");
  let claims: { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as typeof claims;
  } catch {
    fail(TOKEN_ERROR, "The WebIdentityToken claims are not JSON.");
  }
  if (claims.iss !== OIDC_ISSUER) fail(TOKEN_ERROR, "The WebIdentityToken issuer is not trusted.");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === "string" && provider.audiences.includes(a))) {
    fail(TOKEN_ERROR, `The WebIdentityToken audience is not a client id of ${providerId}.`);
  }
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs) {
    fail(TOKEN_ERROR, "The WebIdentityToken has expired.");
  }
  return String(claims.sub ?? "");
}
