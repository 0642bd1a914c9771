/**
 * The `config:` section that declares each callback key as a secret string: in `Pulumi.yaml`,
 * where a project of any language declares the config it reads, and the same section is how a
 * YAML program reads it.
 */
import type { ImportPlan } from "../plan";

/** The section's lines, or none when no template has a key. */
export function secretConfigSection(plan: ImportPlan): string[] {
  const keyed = plan.templates.flatMap((t) => (t.secret ? [t] : []));
  if (keyed.length === 0) return [];
  // Config keys and template ids are plain ASCII: nothing here needs YAML quoting. What each
  // key is goes in a comment: Pulumi YAML warns of a `description` field in its `config:`.
  return [
    "config:",
    ...keyed.flatMap((t) => [
      `  # Callback key of template ${t.templateId} (letters and digits, at most 32).`,
      `  ${t.secret?.configKey}:`,
      "    type: string",
      "    secret: true",
    ]),
  ];
}
