/** `live-template-used`: every template of the stack is bound by a binding of the stack. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource, UNKNOWN } from "./props";
import { ofStack, templateIdOf, templatesReferenced } from "./stack";

const NAME = "live-template-used";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function templateUsedPolicy(defaults: PolicyDefaults): StackValidationPolicy {
  return {
    name: NAME,
    description:
      "Every CallbackTemplate of the stack is bound by at least one DomainCallbackBinding of " +
      "the stack. An unbound template receives no events, yet counts toward the account's 50 " +
      "templates; often its binding was forgotten or points at another template.",
    enforcementLevel: levelOf(defaults, NAME, "advisory"),
    remediationSteps:
      "Bind the template (templateId: template.templateId) or remove it; disable this policy " +
      "for stacks whose templates are bound from another stack.",
    validateStack: (args, reportViolation) => {
      const { templates, bindings } = ofStack(args.resources);
      const referenced = new Set(bindings.flatMap((b) => templatesReferenced(b).map((t) => t.urn)));
      const literalIds = new Set<number>();
      let someIdUnknown = false;
      for (const b of bindings) {
        if (templatesReferenced(b).length > 0) continue;
        const id = templateIdOf(b);
        if (id === UNKNOWN) someIdUnknown = true;
        else if (id !== undefined) literalIds.add(id);
      }
      for (const template of templates) {
        if (referenced.has(template.urn)) continue;
        const id = templateIdOf(template);
        if (typeof id === "number" && literalIds.has(id)) continue;
        // A binding whose id is not known yet may turn out to point here.
        if (someIdUnknown) continue;
        reportViolation(
          `${describeResource(template)} is bound by no DomainCallbackBinding of this stack, ` +
            `so no push domain sends its events. Remedy: add a DomainCallbackBinding with ` +
            `templateId: <template>.templateId, or remove the template (if another stack binds ` +
            `it, disable ${NAME} for this stack).`,
          template.urn,
        );
      }
    },
  };
}
