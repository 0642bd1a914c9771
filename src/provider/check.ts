/**
 * Turns a zod schema into Pulumi's `check`: every failure at once, each naming the property, the
 * rule and the offending value (never a secret's value); unknown values of the schema's
 * properties pass through untouched.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { isUnknown, withoutProvider } from "./context";

/** How to check one resource's inputs. */
export interface CheckSpec<S extends z.ZodObject> {
  schema: S;
  /** Properties whose values must never be shown. */
  secrets?: readonly string[];
  /** Rules across properties, run only when each property is valid on its own. */
  crossChecks?: (
    inputs: Record<string, unknown>,
    unknown: ReadonlySet<string>,
  ) => dynamic.CheckFailure[];
}

/** Validates `news` and returns Pulumi's check result (inputs normalized when valid). */
export function checkInputs<S extends z.ZodObject>(
  spec: CheckSpec<S>,
  news: Record<string, unknown>,
): dynamic.CheckResult {
  const props = withoutProvider(news);
  // Only the schema's own properties: zod's partial() throws for any other name, and a property
  // the schema does not have is for it to strip (or refuse, if strict) whatever its value.
  const unknown = new Set(
    Object.keys(props).filter((k) => Object.hasOwn(spec.schema.shape, k) && isUnknown(props[k])),
  );
  const known = Object.fromEntries(Object.entries(props).filter(([k]) => !unknown.has(k)));

  // An unknown property is absent from `known`; a required one must not fail for that reason, or
  // the whole parse fails and the known values are lost.
  const schema = unknown.size
    ? spec.schema.partial(Object.fromEntries([...unknown].map((k) => [k, true])) as never)
    : spec.schema;
  const parsed = schema.safeParse(known);
  const failures: dynamic.CheckFailure[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const property = issue.path.map(String).join(".") || "(inputs)";
      const top = String(issue.path[0] ?? "");
      if (unknown.has(top)) continue;
      // A schema can't tell "absent" from "wrong type" in one message; this can.
      const value = top ? known[top] : undefined;
      const rule = value === undefined && issue.path.length === 1 ? "is required" : issue.message;
      failures.push({
        property,
        reason: `${property} ${rule}; got ${show(value, top, spec.secrets)}`,
      });
    }
  } else if (spec.crossChecks) {
    failures.push(...spec.crossChecks(parsed.data as Record<string, unknown>, unknown));
  }
  if (failures.length > 0) return { inputs: news, failures };
  const inputs: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) };
  for (const k of unknown) inputs[k] = props[k];
  return { inputs };
}

/** How a value is quoted in a failure: JSON, shortened, and `[secret]` for secrets. */
export function show(value: unknown, property: string, secrets: readonly string[] = []): string {
  if (value === undefined) return "nothing";
  if (secrets.includes(property)) return "[secret]";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
