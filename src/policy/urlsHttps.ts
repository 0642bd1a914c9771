/** `live-callback-urls-https`: every callback URL is `https://`. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allowedHostsSchema, levelOf, stringList } from "./config";
import { hostAllowed } from "./hosts";
import type { PolicyDefaults } from "./names";
import { describeResource, isTemplate } from "./props";
import { declaredUrls, showUrl } from "./urls";

const NAME = "live-callback-urls-https";

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function urlsHttpsPolicy(defaults: PolicyDefaults): ResourceValidationPolicy {
  return {
    name: NAME,
    description:
      "Every callback URL of a CallbackTemplate uses https://. The event signature " +
      "(sign = md5(key + t)) does not cover the body, so over plain HTTP anyone on the path " +
      "can read events and rewrite them without the receiver noticing.",
    enforcementLevel: levelOf(defaults, NAME, "mandatory"),
    remediationSteps:
      "Serve the receiver over TLS and declare its https:// URL; list a local emulator or " +
      "test receiver in this policy's allowedHosts config.",
    configSchema: allowedHostsSchema(
      defaults,
      "Hosts whose callback URLs may use http:// (a local emulator, a test receiver): host " +
        "names, *.domain, IP addresses or CIDR ranges.",
    ),
    validateResource: (args, reportViolation) => {
      if (!isTemplate(args)) return;
      const allowed = stringList(args.getConfig(), NAME, "allowedHosts", defaults.allowedHosts);
      for (const { property, url } of declaredUrls(args.props)) {
        if (!url || url.protocol === "https:" || hostAllowed(url.hostname, allowed)) continue;
        reportViolation(
          `${describeResource(args)}: ${property} is ${showUrl(url)}, not https://. ` +
            `Remedy: set ${property} to the receiver's https:// URL (or, for a local emulator ` +
            `or test receiver, list ${url.hostname} in allowedHosts of ${NAME}).`,
          args.urn,
        );
      }
    },
  };
}
