/** `live-template-limit`: at most 50 templates (configurable) in a stack. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { MAX_TEMPLATES } from "../api/fields";
import { count, levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource } from "./props";
import { ofStack } from "./stack";

const NAME = "live-template-limit";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function templateLimitPolicy(defaults: PolicyDefaults): StackValidationPolicy {
  return {
    name: NAME,
    description:
      `A stack declares at most ${MAX_TEMPLATES} CallbackTemplates (configurable): an ` +
      `account holds at most ${MAX_TEMPLATES}, and the API refuses the next one at up time, ` +
      "after the resources before it were already changed.",
    enforcementLevel: levelOf(defaults, NAME, "advisory"),
    remediationSteps:
      "Share templates between bindings (one template can serve many domains) or remove " +
      "some; lower maxTemplates when several stacks share one account.",
    configSchema: {
      properties: {
        maxTemplates: {
          type: "integer",
          minimum: 0,
          default: defaults.maxTemplates,
          description:
            "Most templates this stack may declare; lower it when several stacks share one " +
            "account.",
        },
      },
    },
    validateStack: (args, reportViolation) => {
      const max = count(args.getConfig(), NAME, "maxTemplates", defaults.maxTemplates);
      const { templates } = ofStack(args.resources);
      templates.slice(max).forEach((template, i) => {
        reportViolation(
          `${describeResource(template)} is template ${max + i + 1} of ${templates.length} ` +
            `in this stack; at most ${max} are allowed. Remedy: bind several domains to one ` +
            `template, or remove templates (or raise maxTemplates of ${NAME}, up to the ` +
            `account's quota).`,
          template.urn,
        );
      });
    },
  };
}
