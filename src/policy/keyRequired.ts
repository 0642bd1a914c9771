/** `live-callback-key-required`: every template declares a `callbackKey`. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { levelOf } from "./config";
import type { PolicyDefaults } from "./names";
import { describeResource, isTemplate, readProp } from "./props";

const NAME = "live-callback-key-required";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function keyRequiredPolicy(defaults: PolicyDefaults): ResourceValidationPolicy {
  return {
    name: NAME,
    description:
      "Every CallbackTemplate declares a callbackKey. Without a key the platform sends events " +
      "unsigned, and anyone who learns a callback URL can forge stream, recording and audit " +
      "events.",
    enforcementLevel: levelOf(defaults, NAME, "mandatory"),
    remediationSteps:
      "Set callbackKey from a secret config value and verify signatures in the receiver.",
    validateResource: (args, reportViolation) => {
      if (!isTemplate(args)) return;
      // Only presence is checked; the key is a secret and never appears in a message.
      const key = readProp(args.props, "callbackKey");
      if (key !== undefined && key !== "") return;
      reportViolation(
        `${describeResource(args)}: callbackKey is not set, so its events are unsigned. ` +
          `Remedy: set callbackKey (letters and digits, 1 to 32) from a secret, e.g. ` +
          `config.requireSecret("callbackKey"), and verify each event's sign in the receiver.`,
        args.urn,
      );
    },
  };
}
