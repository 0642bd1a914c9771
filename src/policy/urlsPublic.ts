/** `live-callback-urls-public`: no callback URL points at a non-public host. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allowedHostsSchema, levelOf, stringList } from "./config";
import { classifyHost, hostAllowed, type NonPublicHostKind } from "./hosts";
import type { PolicyDefaults } from "./names";
import { describeResource, isTemplate } from "./props";
import { declaredUrls, showUrl } from "./urls";

const NAME = "live-callback-urls-public";

/** How a message says what kind of host it is. */
const KIND_TEXT: Readonly<Record<NonPublicHostKind, string>> = {
  loopback: "a loopback host (this machine)",
  unspecified: "the unspecified address",
  private: "a private address or name",
  "link-local": "a link-local address or name",
  metadata: "a cloud metadata service",
  cgnat: "a carrier-grade NAT address (100.64.0.0/10)",
  "unique-local": "a unique-local IPv6 address (fc00::/7)",
  "site-local": "a site-local IPv6 address (fec0::/10)",
  multicast: "a multicast address",
  documentation: "a documentation address",
  benchmarking: "a benchmarking address (198.18.0.0/15)",
  reserved: "a reserved address or name",
  "single-label": "a single-label name, which no public DNS answers",
};

/** The policy, with `defaults` from {@link callbackPolicies}' options. */
export function urlsPublicPolicy(defaults: PolicyDefaults): ResourceValidationPolicy {
  return {
    name: NAME,
    description:
      "No callback URL of a CallbackTemplate points at a loopback, private, link-local or " +
      "otherwise non-public host: the platform calls receivers from the internet, the API " +
      "refuses such URLs at up time (InvalidParameter.UrlNotSafe), and a metadata or internal " +
      "address must never be handed to a service that makes requests.",
    enforcementLevel: levelOf(defaults, NAME, "mandatory"),
    remediationSteps:
      "Declare the receiver's public URL; list an emulator or staging receiver in this " +
      "policy's allowedHosts config.",
    configSchema: allowedHostsSchema(
      defaults,
      "Hosts allowed although not public (a local emulator, a staging receiver): host names, " +
        "*.domain, IP addresses or CIDR ranges.",
    ),
    validateResource: (args, reportViolation) => {
      if (!isTemplate(args)) return;
      const allowed = stringList(args.getConfig(), NAME, "allowedHosts", defaults.allowedHosts);
      for (const { property, url } of declaredUrls(args.props)) {
        if (!url) continue;
        const kind = classifyHost(url.hostname);
        if (kind === undefined || hostAllowed(url.hostname, allowed)) continue;
        reportViolation(
          `${describeResource(args)}: ${property} is ${showUrl(url)}, whose host ` +
            `${url.hostname} is ${KIND_TEXT[kind]}. Remedy: set ${property} to a URL of the ` +
            `receiver's public host (or, for an emulator or staging receiver, list ` +
            `${url.hostname} in allowedHosts of ${NAME}).`,
          args.urn,
        );
      }
    },
  };
}
