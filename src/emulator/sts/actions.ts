/**
 * The STS actions (2018-08-13) the emulator serves on its one port, one module each. Adding
 * one means adding its file and a line here (and in `UNSIGNED_STS_ACTIONS` if it is unsigned).
 */
import { assumeRole } from "./assumeRole";
import { assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
import { getCallerIdentity } from "./getCallerIdentity";
import type { StsHandler } from "./handler";

/** The STS API version. */
export const STS_API_VERSION = "2018-08-13";

/** The handler of every emulated STS action. */
export const STS_HANDLERS: Readonly<Record<string, StsHandler>> = {
  AssumeRole: assumeRole,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  GetCallerIdentity: getCallerIdentity,
};

/** Actions sent with `Authorization: SKIP`: the token in the request is the proof. */
export const UNSIGNED_STS_ACTIONS: readonly string[] = ["AssumeRoleWithWebIdentity"];

/** True when `name` is an emulated STS action. */
export function isStsAction(name: string): boolean {
  return Object.hasOwn(STS_HANDLERS, name);
}
