/** Checks shared by the role-assuming actions: the role, the session name, the lifetime. */
import { fail } from "../protocol/errors";
import { readString, type Params } from "../protocol/params";
import type { StsContext } from "./handler";

const ROLE_ARN = /^qcs::cam::uin\/(\d+):(roleName|role)\/[\w+=,.@/-]+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

/** The RoleArn parameter, which must name a role of the emulated account. */
export function readRoleArn(params: Params, ctx: StsContext): string {
  const arn = readString(params, "RoleArn");
  if (!arn) fail("MissingParameter", "The request is missing a required parameter `RoleArn`.");
  const match = ROLE_ARN.exec(arn);
  if (!match) fail("InvalidParameter.RoleArnError", `RoleArn ${JSON.stringify(arn)} is malformed.`);
  if (match[1] !== ctx.sts.accountId) {
    fail("ResourceNotFound.RoleNotExist", `The role ${arn} is not in this account.`);
  }
  return arn;
}

/** The RoleSessionName parameter: 2–128 of `[\w+=,.@-]`. */
export function readSessionName(params: Params): string {
  const name = readString(params, "RoleSessionName");
  if (!name || !SESSION_NAME.test(name)) {
    fail("InvalidParameter", "RoleSessionName must be 2 to 128 of letters, digits and _+=,.@-.");
  }
  return name;
}

/**
 * How long the issued credential lives: `stsLifetimeSeconds` when set (tests shorten it),
 * else DurationSeconds (default 7200, at most 43200).
 */
export function lifetimeSeconds(params: Params, ctx: StsContext): number {
  const raw = params.DurationSeconds;
  const asked = raw === undefined ? 7200 : Number(raw);
  if (!Number.isInteger(asked) || asked < 1 || asked > 43_200) {
    fail("InvalidParameter", "DurationSeconds must be a whole number from 1 to 43200.");
  }
  return ctx.config.stsLifetimeSeconds > 0 ? ctx.config.stsLifetimeSeconds : asked;
}
