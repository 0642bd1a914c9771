/**
 * Finding the rule of a (DomainName, AppName). AppName always matches exactly; DomainName as the
 * `ruleDomainCase` switch says.
 */
import type { RuleDomainCaseMode } from "../../config/switches";
import type { StoredRule } from "./rule";

/** True when `a` and `b` name the same push domain under `mode`. */
export function sameDomain(a: string, b: string, mode: RuleDomainCaseMode): boolean {
  // Host names are ASCII (checked on the way in), so lower-casing is the whole of case folding.
  return mode === "exact" ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Index of the rule for `domain` and `app` in `rules`, or -1. */
export function findRuleIndex(
  rules: readonly StoredRule[],
  domain: string,
  app: string,
  mode: RuleDomainCaseMode,
): number {
  return rules.findIndex((r) => r.AppName === app && sameDomain(r.DomainName, domain, mode));
}

/** The rule for `domain` and `app`, if any. */
export function findRule(
  rules: readonly StoredRule[],
  domain: string,
  app: string,
  mode: RuleDomainCaseMode,
): StoredRule | undefined {
  const index = findRuleIndex(rules, domain, app, mode);
  return index < 0 ? undefined : rules[index];
}
