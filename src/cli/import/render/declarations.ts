/**
 * What every language's renderer declares, read off the plan once: each template's plain inputs
 * in the console's order, the import id of each object, and which templates a binding refers to.
 */
import { TEMPLATE_FIELDS } from "../../../api/fields";
import type { ImportPlan, PlannedBinding, PlannedTemplate } from "../plan";

/** One plain (not secret) input of a template, with its value as the API returned it. */
export interface PlainInput {
  /** The input's camelCase name, as the schema spells it. */
  input: string;
  value: string | string[];
}

/**
 * The id the plugin's `read` (and so the `import` option) takes for a binding: `<domain>/<app>`,
 * the domain in lower case. `read` returns the domain of the id as its input, and `check` stores
 * a declared domain in lower case: an id spelled as the API spells a domain with capitals
 * would make the imported state differ from the program, and the import a replacement.
 */
export function bindingImportId(b: Pick<PlannedBinding, "domainName" | "appName">): string {
  return `${b.domainName.toLowerCase()}/${b.appName}`;
}

/** The id the `import` option takes for a template: its TemplateId. */
export function templateImportId(t: Pick<PlannedTemplate, "templateId">): string {
  return String(t.templateId);
}

/**
 * The template's inputs other than the callback key (which the program reads from config), in
 * the order of {@link TEMPLATE_FIELDS}, unset ones left out.
 */
export function plainInputs(t: PlannedTemplate): PlainInput[] {
  const inputs = t.inputs as Record<string, unknown>;
  return TEMPLATE_FIELDS.flatMap((f) => {
    const value = inputs[f.input];
    if (f.kind === "secret" || value === undefined) return [];
    return [{ input: f.input, value: value as string | string[] }];
  });
}

/** The templates some binding refers to (a Go program must not declare an unused variable). */
export function referencedTemplates(plan: ImportPlan): ReadonlySet<PlannedTemplate> {
  return new Set(plan.bindings.map((b) => b.template));
}

/**
 * `name`, or `name_` when the language reserves it: plan names never end in `_`, so the
 * renamed one cannot meet another.
 */
export function safeIdentifier(name: string, reserved: ReadonlySet<string>): string {
  return reserved.has(name) ? `${name}_` : name;
}
