/** `live-binding-template-reference`: a binding's `templateId` comes from a template of the stack. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { idList, levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource, UNKNOWN } from "./props";
import { ofStack, templateIdOf, templatesReferenced } from "./stack";

const NAME = "live-binding-template-reference";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function bindingTemplateReferencePolicy(defaults: PolicyDefaults): StackValidationPolicy {
  return {
    name: NAME,
    description:
      "Every DomainCallbackBinding takes templateId from a CallbackTemplate of the stack " +
      "(template.templateId), or names a template managed elsewhere that config allows. With " +
      "a literal id Pulumi does not know the binding depends on the template: it may create " +
      "the binding first, and destroy may delete the template while a rule still uses it.",
    enforcementLevel: levelOf(defaults, NAME, "mandatory"),
    remediationSteps:
      "Pass template.templateId; for a template managed elsewhere, list its id in this " +
      "policy's allowedTemplateIds config.",
    configSchema: {
      properties: {
        allowedTemplateIds: {
          type: "array",
          items: { type: "integer", minimum: 1 },
          default: [...defaults.allowedTemplateIds],
          description:
            "Ids of templates managed elsewhere (another stack, the console, found with " +
            "getCallbackTemplate) that bindings may name directly.",
        },
      },
    },
    validateStack: (args, reportViolation) => {
      const allowed = idList(
        args.getConfig(),
        NAME,
        "allowedTemplateIds",
        defaults.allowedTemplateIds,
      );
      for (const binding of ofStack(args.resources).bindings) {
        if (templatesReferenced(binding).length > 0) continue;
        const id = templateIdOf(binding);
        // Unknown during preview: it comes from something not yet created, judged at up.
        if (id === UNKNOWN || (id !== undefined && allowed.includes(id))) continue;
        const shown = id === undefined ? "not set" : String(id);
        reportViolation(
          `${describeResource(binding)}: templateId is ${shown}, not the templateId output ` +
            `of a CallbackTemplate of this stack. Remedy: pass template.templateId (or, for a ` +
            `template managed elsewhere, list ${shown} in allowedTemplateIds of ${NAME}).`,
          binding.urn,
        );
      }
    },
  };
}
