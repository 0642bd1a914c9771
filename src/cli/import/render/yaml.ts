/**
 * The generated Pulumi YAML program: the `config:` and `resources:` sections of a `Pulumi.yaml`
 * (runtime `yaml`) declaring the plan on the provider plugin's resources, each with the `import`
 * option naming its object's id. Each callback key is a secret config value the template reads
 * as `${<config key>}`. Every value is a double-quoted scalar, so that none is read as a number,
 * a boolean or null, with each `$` doubled, so that none is read as an interpolation.
 */
import type { ImportPlan, PlannedBinding, PlannedTemplate } from "../plan";
import {
  bindingsComment,
  headerComment,
  leftOutComment,
  nothingComment,
  templateComment,
} from "./comments";
import { secretConfigSection } from "./config";
import { bindingImportId, plainInputs, templateImportId } from "./declarations";
import { quoted } from "./strings";

/** The plugin's type token of each resource. */
const TYPES = {
  template: "tencentcloud-live:index:CallbackTemplate",
  binding: "tencentcloud-live:index:DomainCallbackBinding",
} as const;

/** The program's text: the header comment, `config:` and `resources:`. */
export function renderYamlProgram(plan: ImportPlan): string {
  const declares = plan.templates.length > 0 || plan.bindings.length > 0;
  const out = [...headerComment(plan, "plugin", "# "), ...secretConfigSection(plan)];
  if (declares) out.push("resources:");
  for (const t of plan.templates) out.push(...templateDeclaration(t));
  if (plan.bindings.length > 0) {
    out.push(...bindingsComment("# ", "  "));
    for (const b of plan.bindings) out.push(...bindingDeclaration(b));
  }
  out.push(...leftOutComment(plan, "# "));
  if (!declares) out.push(...nothingComment("# "));
  return out.join("\n") + "\n";
}

/** `value` as a YAML double-quoted scalar that Pulumi YAML reads back unchanged. */
export function yamlString(value: string): string {
  return quoted(value.replace(/\$/g, "$$$$"));
}

function templateDeclaration(t: PlannedTemplate): string[] {
  const properties = plainInputs(t).map(
    ({ input, value }) =>
      `${input}: ${typeof value === "string" ? yamlString(value) : `[${value.map(yamlString).join(", ")}]`}`,
  );
  if (t.secret) properties.push(`callbackKey: \${${t.secret.configKey}}`);
  return [
    ...templateComment(t, "plugin", "# ", "  "),
    ...resource(t.resourceName, TYPES.template, properties, templateImportId(t)),
  ];
}

function bindingDeclaration(b: PlannedBinding): string[] {
  return resource(
    b.resourceName,
    TYPES.binding,
    [
      `domainName: ${yamlString(b.domainName)}`,
      `appName: ${yamlString(b.appName)}`,
      // Template resource names hold no `.`, `[` or `}`, which would end the name here.
      `templateId: \${${b.template.resourceName}.templateId}`,
    ],
    bindingImportId(b),
  );
}

function resource(
  name: string,
  type: string,
  properties: readonly string[],
  importId: string,
): string[] {
  return [
    `  ${quoted(name)}:`,
    `    type: ${type}`,
    "    properties:",
    ...properties.map((p) => `      ${p}`),
    "    options:",
    `      import: ${yamlString(importId)}`,
  ];
}
