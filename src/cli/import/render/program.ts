/**
 * The generated `index.ts`: the plan as a Pulumi TypeScript program. Values are written as JSON
 * literals, which are valid TypeScript whatever they hold; callback keys are never written, the
 * program reads each from the stack config as a secret. The resources are the dynamic ones, each
 * with `adopt: true`, or (target `plugin`) the provider plugin's from its Node.js SDK, each with
 * the `import` resource option naming the object's id: how a stack moves from the dynamic
 * resources to the plugin's without a write (see `test/pulumi/migrate.test.ts`).
 */
import { TEMPLATE_FIELDS } from "../../../api/fields";
import type { ImportTarget } from "../../args";
import { NODE_SDK_PACKAGE, PACKAGE_NAME } from "../../packageInfo";
import type { ImportPlan, LeftOut, PlannedBinding, PlannedTemplate } from "../plan";
import { commentLines } from "./text";

/** The id the plugin's `read` (and so the `import` option) takes for a binding. */
export function bindingImportId(b: Pick<PlannedBinding, "domainName" | "appName">): string {
  return `${b.domainName}/${b.appName}`;
}

const HEADER: Readonly<Record<ImportTarget, string>> = {
  dynamic:
    "Every resource has adopt: true, so the first `pulumi up` takes the existing objects over, " +
    "and writes nothing to those that still match this program.",
  plugin:
    "The resources are the tencentcloud-live provider plugin's, from its Node.js SDK. Each has " +
    "the import option, so the first `pulumi up` adopts the existing objects with reads only, and " +
    "fails without a write if an object differs from this program; once that `pulumi up` has " +
    "succeeded, remove the import options and run `pulumi up` again: it writes nothing to the " +
    "account and records the declared inputs (the keys among them) in the state.",
};

/** The program's text. */
export function renderProgram(plan: ImportPlan, target: ImportTarget = "dynamic"): string {
  const hasKeys = plan.templates.some((t) => t.secret);
  const classes = [
    ...(plan.templates.length > 0 ? ["CallbackTemplate"] : []),
    ...(plan.bindings.length > 0 ? ["DomainCallbackBinding"] : []),
  ];
  const out: string[] = [
    ...commentLines(
      "Tencent Cloud Live callback templates and their bindings to push domains, written by " +
        "`tencentcloud-live-callbacks import` from what the account held. " +
        HEADER[target] +
        (hasKeys ? " Callback keys are read from the stack config, as secrets." : ""),
      "// ",
    ),
  ];
  if (hasKeys) out.push(`import * as pulumi from "@pulumi/pulumi";`);
  if (classes.length > 0) {
    const from = target === "plugin" ? NODE_SDK_PACKAGE : PACKAGE_NAME;
    out.push(`import { ${classes.join(", ")} } from ${str(from)};`);
  }
  if (hasKeys) out.push("", "const config = new pulumi.Config();");
  for (const t of plan.templates) out.push("", ...templateDeclaration(t, target));
  if (plan.bindings.length > 0) {
    out.push("", ...commentLines("Which template each push domain and app reports to.", "// "));
    for (const b of plan.bindings) out.push(...bindingDeclaration(b, target));
  }
  const leftOut = [...plan.skippedTemplates, ...plan.skippedRules];
  if (leftOut.length > 0) out.push("", "// Not imported:", ...leftOut.flatMap(leftOutComment));
  if (plan.templates.length === 0 && plan.bindings.length === 0) {
    out.push("", "// The account held nothing to import.", "export {};");
  }
  return out.join("\n") + "\n";
}

/** How a declaration ends: `adopt: true` in its inputs, or the `import` option after them. */
function closing(target: ImportTarget, id: string): string[] {
  return target === "plugin" ? [`}, { import: ${str(id)} });`] : ["  adopt: true,", "});"];
}

function templateDeclaration(t: PlannedTemplate, target: ImportTarget): string[] {
  const lines = commentLines(
    `${str(t.templateName)} (TemplateId ${t.templateId}). recordStatusNotifyUrl ` +
      `cannot be read back from the API: if this template uses it, declare it here by hand ` +
      `(${target === "plugin" ? "importing" : "adopting"} leaves it as it is).${t.notes.map((n) => ` ${n}`).join("")}`,
    "// ",
  );
  lines.push(`const ${t.variable} = new CallbackTemplate(${str(t.resourceName)}, {`);
  const inputs = t.inputs as Record<string, unknown>;
  for (const f of TEMPLATE_FIELDS) {
    if (f.kind === "secret") {
      if (t.secret) {
        lines.push(`  ${f.input}: config.requireSecret(${str(t.secret.configKey)}),`);
      }
      continue;
    }
    const value = inputs[f.input];
    if (value === undefined) continue;
    lines.push(`  ${f.input}: ${literal(value)},`);
  }
  lines.push(...closing(target, String(t.templateId)));
  return lines;
}

function bindingDeclaration(b: PlannedBinding, target: ImportTarget): string[] {
  return [
    `new DomainCallbackBinding(${str(b.resourceName)}, {`,
    `  domainName: ${str(b.domainName)},`,
    `  appName: ${str(b.appName)},`,
    `  templateId: ${b.template.variable}.templateId,`,
    ...closing(target, bindingImportId(b)),
  ];
}

function leftOutComment(item: LeftOut): string[] {
  return commentLines(`${item.what}: ${item.reason}`, "// - ").map((line, i) =>
    i === 0 ? line : `//   ${line.slice("// - ".length)}`,
  );
}

/** A string or a list of strings as a TypeScript literal. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(str).join(", ")}]`;
  return str(value);
}

/**
 * A JSON string literal, with the two line separators JSON leaves as they are escaped too, so
 * that no TypeScript version reads them as the end of a line.
 */
function str(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
