/**
 * A Pulumi YAML program in the documentation (a YAML document with `runtime: yaml` and
 * `resources:`) may only use the provider plugin's real resource types and input properties,
 * as `plugin/schema.json` declares them.
 */

/** The parts of a Pulumi package schema this check reads. */
export interface PluginSchema {
  name: string;
  provider: { inputProperties?: Record<string, unknown> };
  resources: Record<
    string,
    { inputProperties: Record<string, unknown>; requiredInputs?: string[] }
  >;
}

/** True when `doc` is a Pulumi YAML program. */
export function isPulumiYamlProgram(doc: unknown): doc is { resources: unknown } {
  if (typeof doc !== "object" || doc === null) return false;
  const d = doc as Record<string, unknown>;
  const runtime =
    typeof d.runtime === "object" && d.runtime ? (d.runtime as { name?: unknown }).name : d.runtime;
  return runtime === "yaml" && "resources" in d;
}

/** What is wrong with the program's resources, one message each. */
export function checkPulumiYamlProgram(
  program: { resources: unknown },
  schema: PluginSchema,
): string[] {
  const problems: string[] = [];
  const resources = program.resources;
  if (typeof resources !== "object" || resources === null) return ["`resources` is not a map"];
  const providerType = `pulumi:providers:${schema.name}`;
  for (const [name, value] of Object.entries(resources)) {
    const resource = (value ?? {}) as { type?: unknown; properties?: unknown };
    const type = String(resource.type);
    const declared =
      type === providerType
        ? { inputProperties: schema.provider.inputProperties ?? {}, requiredInputs: [] }
        : schema.resources[type];
    if (!declared) {
      const known = [...Object.keys(schema.resources), providerType].join(", ");
      problems.push(`resource ${name}: type ${type} is not one of the plugin's (${known})`);
      continue;
    }
    const properties = (resource.properties ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(properties)) {
      if (!(key in declared.inputProperties)) {
        problems.push(`resource ${name}: ${type} has no input property ${key}`);
      }
    }
    for (const key of declared.requiredInputs ?? []) {
      if (!(key in properties)) problems.push(`resource ${name}: ${type} requires ${key}`);
    }
  }
  return problems;
}
