/** {@link callbackPolicies}: every policy of the pack, with the options' defaults applied. */
import type { Policies } from "@pulumi/policy";
import { MAX_TEMPLATES } from "../api/fields";
import { bindingTemplateReferencePolicy } from "./bindingTemplateReference";
import { bindingUniquePolicy } from "./bindingUnique";
import { keyRequiredPolicy } from "./keyRequired";
import { CALLBACK_POLICY_NAMES, type CallbackPoliciesOptions, type PolicyDefaults } from "./names";
import { recordExceptionLevelsPolicy } from "./recordExceptionLevels";
import { templateLimitPolicy } from "./templateLimit";
import { templateUsedPolicy } from "./templateUsed";
import { urlsHttpsPolicy } from "./urlsHttps";
import { urlsPublicPolicy } from "./urlsPublic";

function defaultsOf(options: CallbackPoliciesOptions): PolicyDefaults {
  for (const name of Object.keys(options.enforcementLevels ?? {})) {
    if (!(CALLBACK_POLICY_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(
        `enforcementLevels names no policy of this pack: ${JSON.stringify(name)} (policies: ` +
          `${CALLBACK_POLICY_NAMES.join(", ")})`,
      );
    }
  }
  const maxTemplates = options.maxTemplates ?? MAX_TEMPLATES;
  if (!Number.isSafeInteger(maxTemplates) || maxTemplates < 0) {
    throw new TypeError(`maxTemplates must be a non-negative integer; got ${maxTemplates}`);
  }
  return {
    enforcementLevels: { ...options.enforcementLevels },
    allowedHosts: [...(options.allowedHosts ?? [])],
    allowedTemplateIds: [...(options.allowedTemplateIds ?? [])],
    maxTemplates,
  };
}

/**
 * The policies for callback templates and bindings, for
 * `new PolicyPack(name, { policies: callbackPolicies() })` (alone or with an organization's own
 * policies). `options` set defaults; policy config given at run time wins over them.
 */
export function callbackPolicies(options: CallbackPoliciesOptions = {}): Policies {
  const defaults = defaultsOf(options);
  return [
    urlsHttpsPolicy(defaults),
    urlsPublicPolicy(defaults),
    keyRequiredPolicy(defaults),
    recordExceptionLevelsPolicy(defaults),
    bindingTemplateReferencePolicy(defaults),
    bindingUniquePolicy(defaults),
    templateUsedPolicy(defaults),
    templateLimitPolicy(defaults),
  ];
}
