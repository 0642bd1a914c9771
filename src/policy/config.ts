/**
 * Reading a policy's config (what `args.getConfig()` returns) with the pack's defaults. The CLI
 * validates config against each policy's `configSchema` before sending it; a value that still
 * breaks a rule stops the policy with an error naming the policy, the key, the rule and the
 * value, rather than being read as something else.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { CallbackPolicyName, PolicyDefaults } from "./names";

/** A policy's config as `getConfig()` returns it. */
export type PolicyConfigValues = Record<string, unknown>;

function fail(policy: string, key: string, rule: string, value: unknown): never {
  throw new TypeError(
    `policy config ${policy}.${key} must be ${rule}; got ${JSON.stringify(value)}`,
  );
}

/** Config `key` as a list of strings, or `fallback` when not given. */
export function stringList(
  config: PolicyConfigValues,
  policy: CallbackPolicyName,
  key: string,
  fallback: readonly string[],
): readonly string[] {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.trim() !== "")) {
    fail(policy, key, "a list of non-empty strings", value);
  }
  return value as string[];
}

/** Config `key` as a list of positive integers (numeric strings accepted), or `fallback`. */
export function idList(
  config: PolicyConfigValues,
  policy: CallbackPolicyName,
  key: string,
  fallback: readonly number[],
): readonly number[] {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value)) fail(policy, key, "a list of positive integers", value);
  return value.map((v) => {
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
      fail(policy, key, "a list of positive integers", value);
    }
    return n;
  });
}

/** Config `key` as a non-negative integer, or `fallback`. */
export function count(
  config: PolicyConfigValues,
  policy: CallbackPolicyName,
  key: string,
  fallback: number,
): number {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail(policy, key, "a non-negative integer", value);
  }
  return value;
}

/** The enforcement level a policy starts with: the options' choice, else its own default. */
export function levelOf(
  defaults: PolicyDefaults,
  policy: CallbackPolicyName,
  own: EnforcementLevel,
): EnforcementLevel {
  return defaults.enforcementLevels[policy] ?? own;
}

/** The config schema of a host allow-list, shared by both URL policies. */
export function allowedHostsSchema(
  defaults: PolicyDefaults,
  description: string,
): PolicyConfigSchema {
  return {
    properties: {
      allowedHosts: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...defaults.allowedHosts],
        description,
      },
    },
  };
}
