/** `live-binding-unique`: one binding per domain and app in a stack. */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource, readString, UNKNOWN } from "./props";
import { ofStack } from "./stack";

const NAME = "live-binding-unique";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function bindingUniquePolicy(defaults: PolicyDefaults): StackValidationPolicy {
  return {
    name: NAME,
    description:
      "No two DomainCallbackBindings of the stack bind the same domain (in any letter case) " +
      "and app. The API keeps one rule per domain and app, so two such resources overwrite " +
      "each other on every up and destroying either one removes the rule of both.",
    enforcementLevel: levelOf(defaults, NAME, "mandatory"),
    remediationSteps: "Keep one binding per domain and app; delete the other one.",
    validateStack: (args, reportViolation) => {
      const first = new Map<string, PolicyResource>();
      for (const binding of ofStack(args.resources).bindings) {
        const domain = readString(binding.props, "domainName");
        const app = readString(binding.props, "appName") ?? "live";
        if (domain === undefined || domain === UNKNOWN || app === UNKNOWN) continue;
        const key = `${domain.toLowerCase()}/${app}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, binding);
          continue;
        }
        reportViolation(
          `${describeResource(binding)}: domainName "${domain}" and appName "${app}" are ` +
            `already bound by ${describeResource(earlier)}. Remedy: keep one ` +
            `DomainCallbackBinding for ${key} and remove the other (or change its domainName ` +
            `or appName).`,
          binding.urn,
        );
      }
    },
  };
}
