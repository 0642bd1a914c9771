/** AssumeRole: signed by any accepted credential (an issued one too, so roles chain). */
import { checkParamNames } from "../protocol/params";
import type { StsHandler } from "./handler";
import { lifetimeSeconds, readRoleArn, readSessionName } from "./roles";
import { credentialAnswer, issueCredential } from "./state";

const PARAMS = [
  "RoleArn",
  "RoleSessionName",
  "DurationSeconds",
  "Policy",
  "ExternalId",
  "Tags",
  "SourceIdentity",
  "SerialNumber",
  "TokenCode",
];

/** Issues a credential for RoleArn. */
export const assumeRole: StsHandler = (params, ctx) => {
  checkParamNames("AssumeRole", params, PARAMS, ["RoleArn", "RoleSessionName"]);
  const roleArn = readRoleArn(params, ctx);
  readSessionName(params);
  const lifetime = lifetimeSeconds(params, ctx);
  const issued = issueCredential(ctx.sts, {
    roleArn,
    issuedBy: "AssumeRole",
    lifetimeSeconds: lifetime,
    nowMs: ctx.nowMs,
  });
  return credentialAnswer(issued);
};
