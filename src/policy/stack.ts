/** What the stack policies need to know about the bindings and templates of a stack. */
import type { PolicyResource } from "@pulumi/policy";
import { isBinding, isTemplate, readProp, UNKNOWN } from "./props";

/** The stack's templates and bindings, in the order the engine lists them. */
export function ofStack(resources: readonly PolicyResource[]): {
  templates: PolicyResource[];
  bindings: PolicyResource[];
} {
  return { templates: resources.filter(isTemplate), bindings: resources.filter(isBinding) };
}

/**
 * The templates of the stack a binding's `templateId` comes from: the property dependencies the
 * engine recorded for `templateId` (present when the program passed `template.templateId`, or
 * any Output derived from it).
 */
export function templatesReferenced(binding: PolicyResource): PolicyResource[] {
  return (binding.propertyDependencies?.templateId ?? []).filter(isTemplate);
}

/** A template id as a known number, {@link UNKNOWN}, or `undefined` when absent. */
export function templateIdOf(resource: PolicyResource): number | typeof UNKNOWN | undefined {
  const value = readProp(resource.props, "templateId");
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
