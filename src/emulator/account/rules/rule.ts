/**
 * A callback rule as the emulator keeps it, and reading its key parameters: DomainName (the push
 * domain) and AppName (the push path).
 */
import { isHostName } from "../../../api/names";
import { fail } from "../../protocol/errors";
import { readString, type Params } from "../../protocol/params";

/** A callback rule (binding of a template to a push domain and app name) as kept. */
export interface StoredRule {
  /** The push domain, in the spelling it was bound with. */
  DomainName: string;
  /** The app name (path segment of the push URL) the rule applies to. */
  AppName: string;
  /** The bound template. */
  TemplateId: number;
  /** Beijing time, `YYYY-MM-DD HH:mm:ss`, as DescribeLiveCallbackRules returns it. */
  CreateTime: string;
  /** Beijing time, `YYYY-MM-DD HH:mm:ss`; equals CreateTime until an overwrite. */
  UpdateTime: string;
}

/** The parameters that name a rule. */
export const RULE_KEY_PARAMS = ["DomainName", "AppName"] as const;

/**
 * Reads a required DomainName and checks it is a host name. A malformed one is answered with
 * `malformedCode`: each action answers only its own documented codes.
 */
export function readDomainName(params: Params, malformedCode: string): string {
  const domain = readString(params, "DomainName") ?? "";
  if (!isHostName(domain)) {
    fail(malformedCode, `\`DomainName\` ${JSON.stringify(domain)} is not a valid domain name.`);
  }
  return domain;
}

/**
 * Reads a required AppName: the push path segment, so it must be non-empty and contain neither
 * `/` nor white space. A malformed one is answered with `malformedCode`.
 */
export function readAppName(params: Params, malformedCode: string): string {
  const app = readString(params, "AppName") ?? "";
  if (!app || /[\s/]/.test(app)) {
    fail(malformedCode, `\`AppName\` ${JSON.stringify(app)} is not a valid push path.`);
  }
  return app;
}
