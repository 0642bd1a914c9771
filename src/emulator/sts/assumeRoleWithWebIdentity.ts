/** AssumeRoleWithWebIdentity: unsigned (`Authorization: SKIP`); the token is the proof. */
import { fail } from "../protocol/errors";
import { checkParamNames, readString } from "../protocol/params";
import type { StsHandler } from "./handler";
import { verifyToken } from "./oidc";
import { lifetimeSeconds, readRoleArn, readSessionName } from "./roles";
import { credentialAnswer, issueCredential } from "./state";

const PARAMS = ["ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName", "DurationSeconds"];

/** Verifies the token for ProviderId and issues a credential for RoleArn. */
export const assumeRoleWithWebIdentity: StsHandler = (params, ctx) => {
  checkParamNames("AssumeRoleWithWebIdentity", params, PARAMS, [
    "ProviderId",
    "WebIdentityToken",
    "RoleArn",
    "RoleSessionName",
  ]);
  const providerId = readString(params, "ProviderId") ?? "";
  const token = readString(params, "WebIdentityToken") ?? "";
  if (!token) fail("InvalidParameter.WebIdentityTokenError", "The WebIdentityToken is empty.");
  const roleArn = readRoleArn(params, ctx);
  readSessionName(params);
  verifyToken(ctx.sts, providerId, token, ctx.nowMs);
  const issued = issueCredential(ctx.sts, {
    roleArn,
    issuedBy: "AssumeRoleWithWebIdentity",
    lifetimeSeconds: lifetimeSeconds(params, ctx),
    nowMs: ctx.nowMs,
  });
  return credentialAnswer(issued);
};
