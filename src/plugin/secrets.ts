/**
 * Pulumi's wire form of secrets, which a provider plugin sees raw (a dynamic provider's host
 * unwraps them for it): a secret is an object carrying a signature key and its `value`.
 */

/** The signature key Pulumi marks special values with. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret in Pulumi's wire form. */
export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

/** True for a value in Pulumi's secret wire form. */
export function isSecret(value: unknown): value is SecretValue {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** `value` with every secret wrapper inside it removed, and whether there was any. */
function unwrap(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecret(value)) return { plain: unwrap(value.value).plain, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrap);
    return { plain: items.map((i) => i.plain), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, unwrap(v)] as const);
    return {
      plain: Object.fromEntries(entries.map(([k, v]) => [k, v.plain])),
      secret: entries.some(([, v]) => v.secret),
    };
  }
  return { plain: value, secret: false };
}

/** Properties without secret wrappers, and the names of those that held a secret. */
export interface Revealed {
  plain: Record<string, unknown>;
  secret: Set<string>;
}

/** Removes every secret wrapper from `props`, remembering which top-level properties had one. */
export function reveal(props: Record<string, unknown> | undefined): Revealed {
  const plain: Record<string, unknown> = {};
  const secret = new Set<string>();
  for (const [k, v] of Object.entries(props ?? {})) {
    const u = unwrap(v);
    plain[k] = u.plain;
    if (u.secret) secret.add(k);
  }
  return { plain, secret };
}

/** A copy of `props` with each of `names` that has a value wrapped as a secret. */
export function conceal(
  props: Record<string, unknown>,
  names: Iterable<string>,
): Record<string, unknown> {
  const out = { ...props };
  for (const k of names) {
    if (out[k] !== undefined && !isSecret(out[k]))
      out[k] = { [SIG_KEY]: SECRET_SIG, value: out[k] };
  }
  return out;
}
