/** GetCallerIdentity: the account and identity of the signing credential. */
import { checkParamNames } from "../protocol/params";
import type { StsHandler } from "./handler";

/** Answers who signed the call. */
export const getCallerIdentity: StsHandler = (params, ctx) => {
  checkParamNames("GetCallerIdentity", params, []);
  const account = ctx.sts.accountId;
  const role = ctx.caller?.roleArn;
  return {
    AccountId: account,
    Arn: role ?? `qcs::cam::uin/${account}:uin/${account}`,
    UserId: account,
    PrincipalId: account,
    Type: role ? "CAMRole" : "CAMUser",
  };
};
