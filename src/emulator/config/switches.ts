/**
 * The behaviour switches of the emulator: the part of its options that can also be changed while
 * it runs (`POST /_emulator/config`). Each one picks between readings of the real API where the
 * documentation leaves the choice open, so that a client can be tested under each of them.
 */

/**
 * What a second CreateLiveCallbackRule for an existing (DomainName, AppName) may do. The real
 * API does not document it, so the emulator offers both and clients must cope with either.
 */
export const DUPLICATE_RULES_MODES = ["reject", "overwrite"] as const;

/** `reject`: `FailedOperation.RuleAlreadyExist`; `overwrite`: re-point the rule, keep CreateTime. */
export type DuplicateRulesMode = (typeof DUPLICATE_RULES_MODES)[number];

/**
 * Whether Create/ModifyLiveCallbackTemplate refuse a callback URL whose host is a loopback,
 * private or link-local address with `InvalidParameter.UrlNotSafe`, as the real API may.
 */
export const UNSAFE_URLS_MODES = ["allow", "reject"] as const;

/**
 * `allow` (the default, since local receivers are the point of an emulator): such URLs are
 * stored; `reject`: they are refused, to test how a client reports it.
 */
export type UnsafeUrlsMode = (typeof UNSAFE_URLS_MODES)[number];

/**
 * How CreateLiveCallbackRule, DeleteLiveCallbackRule and the event routes match a rule's
 * DomainName. The API does not document whether `Push.Example.com` and `push.example.com` name
 * one rule.
 */
export const RULE_DOMAIN_CASE_MODES = ["exact", "insensitive"] as const;

/**
 * `exact` (the default, the stricter test of a client: a client that re-spells a domain makes a
 * visible second rule): spellings that differ in case are different rules. `insensitive`: they
 * are one rule, which keeps the spelling it was created with.
 */
export type RuleDomainCaseMode = (typeof RULE_DOMAIN_CASE_MODES)[number];

/** The behaviour switches; see {@link EmulatorConfig}. */
export interface EmulatorConfig {
  /** What a duplicate CreateLiveCallbackRule does. Default `reject`. */
  duplicateRules: DuplicateRulesMode;
  /** Whether callback URLs to local addresses are refused. Default `allow`. */
  unsafeUrls: UnsafeUrlsMode;
  /** How rule DomainNames that differ only in case are matched. Default `exact`. */
  ruleDomainCase: RuleDomainCaseMode;
  /** Extra delay before every API call is handled, in milliseconds. Default 0. */
  latencyMs: number;
  /**
   * Calls allowed per action within one wall-clock second; beyond it the call fails with
   * `RequestLimitExceeded`. 0 (the default) means unlimited.
   */
  rateLimitPerSecond: number;
  /**
   * How long a change made through the API takes to reach event delivery, in seconds
   * (fractions allowed). Emulated events are routed and signed by the account as it was this
   * long ago; Describe shows the present at once. Default 0 (changes apply at once). The
   * platform documents about 5–10 minutes (300–600).
   */
  propagationSeconds: number;
  /**
   * Lifetime of the temporary credentials the emulated STS and CVM metadata issue, in seconds
   * (fractions allowed, for scaled tests). 0 (the default): as asked (DurationSeconds, default
   * 7200). The Live actions accept an issued credential until it expires, then answer
   * `AuthFailure.TokenFailure`.
   */
  stsLifetimeSeconds: number;
}

/** The switches of an emulator started without options. */
export const DEFAULT_EMULATOR_CONFIG: Readonly<EmulatorConfig> = Object.freeze({
  duplicateRules: "reject",
  unsafeUrls: "allow",
  ruleDomainCase: "exact",
  latencyMs: 0,
  rateLimitPerSecond: 0,
  propagationSeconds: 0,
  stsLifetimeSeconds: 0,
});

/** `value`, or `fallback` when it is undefined; throws when it is not a non-negative integer. */
export function nonNegativeInteger(
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** `value`, or `fallback` when it is undefined; throws when it is not a finite number ≥ 0. */
export function nonNegativeNumber(
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a finite number of at least 0, got ${String(value)}`);
  }
  return value;
}

/** `value`, or `fallback` when it is undefined; throws when it is not one of `modes`. */
function oneOf<T extends string>(
  name: string,
  modes: readonly T[],
  value: T | undefined,
  fallback: T,
): T {
  const chosen = value ?? fallback;
  if (!modes.includes(chosen)) {
    throw new Error(`${name} must be one of ${modes.join(", ")}, got ${String(chosen)}`);
  }
  return chosen;
}

/**
 * Checks a partial change of the switches and fills the rest from `base`.
 * Throws an `Error` naming the offending switch.
 */
export function resolveConfig(
  patch: Partial<EmulatorConfig>,
  base: Readonly<EmulatorConfig> = DEFAULT_EMULATOR_CONFIG,
): EmulatorConfig {
  return {
    duplicateRules: oneOf(
      "duplicateRules",
      DUPLICATE_RULES_MODES,
      patch.duplicateRules,
      base.duplicateRules,
    ),
    unsafeUrls: oneOf("unsafeUrls", UNSAFE_URLS_MODES, patch.unsafeUrls, base.unsafeUrls),
    ruleDomainCase: oneOf(
      "ruleDomainCase",
      RULE_DOMAIN_CASE_MODES,
      patch.ruleDomainCase,
      base.ruleDomainCase,
    ),
    latencyMs: nonNegativeInteger("latencyMs", patch.latencyMs, base.latencyMs),
    rateLimitPerSecond: nonNegativeInteger(
      "rateLimitPerSecond",
      patch.rateLimitPerSecond,
      base.rateLimitPerSecond,
    ),
    propagationSeconds: nonNegativeNumber(
      "propagationSeconds",
      patch.propagationSeconds,
      base.propagationSeconds,
    ),
    stsLifetimeSeconds: nonNegativeNumber(
      "stsLifetimeSeconds",
      patch.stsLifetimeSeconds,
      base.stsLifetimeSeconds,
    ),
  };
}
