/**
 * The generated `index.ts`: the plan as a Pulumi TypeScript program. Values are written as
 * string literals (see `strings.ts`); callback keys are never written, the program reads each
 * from the stack config as a secret. The resources are the dynamic ones, each with
 * `adopt: true`, or (target `plugin`) the provider plugin's from its Node.js SDK, each with the
 * `import` resource option naming the object's id: how a stack moves from the dynamic resources
 * to the plugin's without a write (see `test/pulumi/migrate.test.ts`).
 */
import type { ImportTarget } from "../../args";
import { NODE_SDK_PACKAGE, PACKAGE_NAME } from "../../packageInfo";
import type { ImportPlan, PlannedBinding, PlannedTemplate } from "../plan";
import {
  bindingsComment,
  headerComment,
  leftOutComment,
  nothingComment,
  templateComment,
} from "./comments";
import { bindingImportId, plainInputs, templateImportId } from "./declarations";
import { quoted, quotedValue } from "./strings";

/** The program's text. */
export function renderTypeScript(plan: ImportPlan, target: ImportTarget): string {
  const hasKeys = plan.templates.some((t) => t.secret);
  const classes = [
    ...(plan.templates.length > 0 ? ["CallbackTemplate"] : []),
    ...(plan.bindings.length > 0 ? ["DomainCallbackBinding"] : []),
  ];
  const out: string[] = headerComment(plan, target, "// ");
  if (hasKeys) out.push(`import * as pulumi from "@pulumi/pulumi";`);
  if (classes.length > 0) {
    const from = target === "plugin" ? NODE_SDK_PACKAGE : PACKAGE_NAME;
    out.push(`import { ${classes.join(", ")} } from ${quoted(from)};`);
  }
  if (hasKeys) out.push("", "const config = new pulumi.Config();");
  for (const t of plan.templates) out.push("", ...templateDeclaration(t, target));
  if (plan.bindings.length > 0) {
    out.push("", ...bindingsComment("// "));
    for (const b of plan.bindings) out.push(...bindingDeclaration(b, target));
  }
  const leftOut = leftOutComment(plan, "// ");
  if (leftOut.length > 0) out.push("", ...leftOut);
  if (plan.templates.length === 0 && plan.bindings.length === 0) {
    out.push("", ...nothingComment("// "), "export {};");
  }
  return out.join("\n") + "\n";
}

/** How a declaration ends: `adopt: true` in its inputs, or the `import` option after them. */
function closing(target: ImportTarget, id: string): string[] {
  return target === "plugin" ? [`}, { import: ${quoted(id)} });`] : ["  adopt: true,", "});"];
}

function templateDeclaration(t: PlannedTemplate, target: ImportTarget): string[] {
  const lines = templateComment(t, target, "// ");
  lines.push(`const ${t.variable} = new CallbackTemplate(${quoted(t.resourceName)}, {`);
  for (const { input, value } of plainInputs(t)) lines.push(`  ${input}: ${quotedValue(value)},`);
  if (t.secret) lines.push(`  callbackKey: config.requireSecret(${quoted(t.secret.configKey)}),`);
  lines.push(...closing(target, templateImportId(t)));
  return lines;
}

function bindingDeclaration(b: PlannedBinding, target: ImportTarget): string[] {
  return [
    `new DomainCallbackBinding(${quoted(b.resourceName)}, {`,
    `  domainName: ${quoted(b.domainName)},`,
    `  appName: ${quoted(b.appName)},`,
    `  templateId: ${b.template.variable}.templateId,`,
    ...closing(target, bindingImportId(b)),
  ];
}
