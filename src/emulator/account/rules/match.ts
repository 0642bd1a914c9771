/** Finding the rule of a (DomainName, AppName). */
import type { StoredRule } from "./rule";

/** Index of the rule for `domain` and `app` in `rules`, or -1. */
export function findRuleIndex(rules: readonly StoredRule[], domain: string, app: string): number {
  return rules.findIndex((r) => r.DomainName === domain && r.AppName === app);
}

/** The rule for `domain` and `app`, if any. */
export function findRule(
  rules: readonly StoredRule[],
  domain: string,
  app: string,
): StoredRule | undefined {
  const index = findRuleIndex(rules, domain, app);
  return index < 0 ? undefined : rules[index];
}
