/**
 * The generated `__main__.py`: the plan as a Pulumi Python program on the provider plugin's
 * resources, from the Python SDK Pulumi's generator writes from `plugin/schema.json`
 * (`pulumi_tencentcloud_live`). Each resource has the `import_` resource option naming its
 * object's id; each callback key is read from the stack config as a secret.
 */
import type { ImportPlan, PlannedBinding, PlannedTemplate } from "../plan";
import {
  bindingsComment,
  headerComment,
  leftOutComment,
  nothingComment,
  templateComment,
} from "./comments";
import { bindingImportId, plainInputs, safeIdentifier, templateImportId } from "./declarations";
import { quoted, quotedValue } from "./strings";

/** The Python SDK's module (`language.python.packageName` of `plugin/schema.json`). */
export const PYTHON_SDK_MODULE = "pulumi_tencentcloud_live";

/** The program's file name. */
export const PYTHON_PROGRAM_FILE = "__main__.py";

/** Python's keywords, and the names the generated program itself binds. */
const RESERVED: ReadonlySet<string> = new Set([
  ...["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class"],
  ...["continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global"],
  ...["if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise"],
  ...["return", "try", "while", "with", "yield"],
  ...["pulumi", "live", "config"],
]);

/** The program's text. */
export function renderPython(plan: ImportPlan): string {
  const out = headerComment(plan, "plugin", "# ");
  const declares = plan.templates.length > 0 || plan.bindings.length > 0;
  if (declares) out.push("import pulumi", `import ${PYTHON_SDK_MODULE} as live`);
  if (plan.templates.some((t) => t.secret)) out.push("", "config = pulumi.Config()");
  for (const t of plan.templates) out.push("", ...templateDeclaration(t));
  if (plan.bindings.length > 0) {
    out.push("", ...bindingsComment("# "));
    for (const b of plan.bindings) out.push(...bindingDeclaration(b));
  }
  const leftOut = leftOutComment(plan, "# ");
  if (leftOut.length > 0) out.push("", ...leftOut);
  if (!declares) out.push("", ...nothingComment("# "));
  return out.join("\n") + "\n";
}

/** The Python variable of a template. */
export function pythonVariable(t: Pick<PlannedTemplate, "variable">): string {
  return safeIdentifier(t.variable, RESERVED);
}

/** A camelCase input as the generated SDK's keyword argument (`templateName` → `template_name`). */
export function snakeCase(input: string): string {
  return input.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function templateDeclaration(t: PlannedTemplate): string[] {
  const args = plainInputs(t).map(
    ({ input, value }) => `${snakeCase(input)}=${quotedValue(value)}`,
  );
  if (t.secret) args.push(`callback_key=config.require_secret(${quoted(t.secret.configKey)})`);
  return [
    ...templateComment(t, "plugin", "# "),
    `${pythonVariable(t)} = live.CallbackTemplate(`,
    ...call(t.resourceName, args, templateImportId(t)),
  ];
}

function bindingDeclaration(b: PlannedBinding): string[] {
  return [
    "live.DomainCallbackBinding(",
    ...call(
      b.resourceName,
      [
        `domain_name=${quoted(b.domainName)}`,
        `app_name=${quoted(b.appName)}`,
        `template_id=${pythonVariable(b.template)}.template_id`,
      ],
      bindingImportId(b),
    ),
  ];
}

/** The arguments of a resource's constructor call, one a line, and its closing parenthesis. */
function call(resourceName: string, args: readonly string[], importId: string): string[] {
  return [
    `    ${quoted(resourceName)},`,
    ...args.map((a) => `    ${a},`),
    `    opts=pulumi.ResourceOptions(import_=${quoted(importId)}),`,
    ")",
  ];
}
