/**
 * How a callback rule is identified: by (domain, app). Domain names are DNS names, which compare
 * without regard to case; whether the API does the same is not documented, so the library finds
 * a rule however the API spells its domain and then addresses it with the API's own spelling.
 * App names are push paths and compare exactly.
 */
import type { CallBackRuleInfo } from "./models";

/** A key naming one rule, the same for every spelling of its domain. */
export function ruleKey(domainName: string, appName: string): string {
  return `${domainName.toLowerCase()}/${appName}`;
}

/**
 * The rule for (domain, app) among `rules`: the one spelled exactly as asked if there is one,
 * else the one whose domain differs only in case.
 */
export function findRule(
  rules: readonly CallBackRuleInfo[],
  domainName: string,
  appName: string,
): CallBackRuleInfo | undefined {
  const key = ruleKey(domainName, appName);
  const matches = rules.filter(
    (r) => r.AppName === appName && ruleKey(r.DomainName ?? "", appName) === key,
  );
  return matches.find((r) => r.DomainName === domainName) ?? matches[0];
}
