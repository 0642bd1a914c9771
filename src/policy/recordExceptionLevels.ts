/** `live-record-exception-levels`: a recording exception URL comes with levels to send. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource, isTemplate, readProp, readString, UNKNOWN } from "./props";

const NAME = "live-record-exception-levels";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function recordExceptionLevelsPolicy(defaults: PolicyDefaults): ResourceValidationPolicy {
  return {
    name: NAME,
    description:
      "A CallbackTemplate with recordExceptionNotifyUrl also selects recordExceptionLevels: " +
      "the platform sends recording exception events only of the selected levels, so a URL " +
      "without levels receives nothing.",
    enforcementLevel: levelOf(defaults, NAME, "advisory"),
    remediationSteps: 'Set recordExceptionLevels, e.g. ["error", "warning"].',
    validateResource: (args, reportViolation) => {
      if (!isTemplate(args)) return;
      const url = readString(args.props, "recordExceptionNotifyUrl");
      if (url === undefined || url === UNKNOWN) return;
      const levels = readProp(args.props, "recordExceptionLevels");
      if (levels === UNKNOWN || (Array.isArray(levels) && levels.length > 0)) return;
      reportViolation(
        `${describeResource(args)}: recordExceptionNotifyUrl is set but ` +
          `recordExceptionLevels selects no level, so no recording exception event is sent. ` +
          `Remedy: set recordExceptionLevels, e.g. ["error", "warning"], or remove ` +
          `recordExceptionNotifyUrl.`,
        args.urn,
      );
    },
  };
}
