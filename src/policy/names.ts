/** The policies' names and the options that set their defaults. */
import type { EnforcementLevel } from "@pulumi/policy";

/** The name of every policy {@link callbackPolicies} returns, in the order it returns them. */
export const CALLBACK_POLICY_NAMES = [
  "live-callback-urls-https",
  "live-callback-urls-public",
  "live-callback-key-required",
  "live-record-exception-levels",
  "live-binding-template-reference",
  "live-binding-unique",
  "live-template-used",
  "live-template-limit",
] as const;

/** One of {@link CALLBACK_POLICY_NAMES}. */
export type CallbackPolicyName = (typeof CALLBACK_POLICY_NAMES)[number];

/**
 * Defaults of the policies, for an organization's own pack. Policy config given at run time
 * (`--policy-pack-config`, or the policy group's config in Pulumi Cloud) wins over each of them.
 */
export interface CallbackPoliciesOptions {
  /** Enforcement level of each named policy, instead of its own default. */
  enforcementLevels?: Partial<Record<CallbackPolicyName, EnforcementLevel>>;
  /**
   * Hosts whose callback URLs both URL policies accept: host names, `*.domain` (any name below
   * the domain), IP addresses, or CIDR ranges. Default: none.
   */
  allowedHosts?: readonly string[];
  /**
   * Ids of templates managed elsewhere that bindings may name with a literal `templateId`.
   * Default: none.
   */
  allowedTemplateIds?: readonly number[];
  /** Most templates one stack may declare. Default: 50, the account's limit. */
  maxTemplates?: number;
}

/** The options after defaults, as each policy module receives them. */
export interface PolicyDefaults {
  enforcementLevels: Partial<Record<CallbackPolicyName, EnforcementLevel>>;
  allowedHosts: readonly string[];
  allowedTemplateIds: readonly number[];
  maxTemplates: number;
}
