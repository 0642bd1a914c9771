/**
 * The generated `main.go`: the plan as a Pulumi Go program on the provider plugin's resources,
 * from the Go SDK Pulumi's generator writes from `plugin/schema.json`. Each resource has the
 * `pulumi.Import` option naming its object's id; each callback key is read from the stack config
 * as a secret. The declarations are in `program`, which `main` hands to `pulumi.Run`, so that
 * the Automation API can run the same function inline. Written as `gofmt` would format it.
 */
import type { ImportPlan, PlannedBinding, PlannedTemplate } from "../plan";
import {
  bindingsComment,
  headerComment,
  leftOutComment,
  nothingComment,
  templateComment,
} from "./comments";
import {
  bindingImportId,
  plainInputs,
  referencedTemplates,
  safeIdentifier,
  templateImportId,
} from "./declarations";
import { quoted } from "./strings";

/** The Go SDK's module (`sdk/go/go.mod` of what `npm run plugin:sdks` writes). */
export const GO_SDK_MODULE =
  "github.com/tencentcloud-live-callbacks/pulumi-tencentcloud-live/sdk/go";

/** The Go SDK's package (`language.go.importBasePath` of `plugin/schema.json`). */
export const GO_SDK_IMPORT = `${GO_SDK_MODULE}/tencentcloudlive`;

/** The program's file name. */
export const GO_PROGRAM_FILE = "main.go";

/** Go's keywords, `nil`, and the names the generated file itself uses. */
const RESERVED: ReadonlySet<string> = new Set([
  ...["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough"],
  ...["for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range"],
  ...["return", "select", "struct", "switch", "type", "var", "nil", "error"],
  ...["ctx", "cfg", "err", "live", "pulumi", "config", "program", "main"],
]);

const TAB = "\t";

/** The program's text. */
export function renderGo(plan: ImportPlan): string {
  const hasKeys = plan.templates.some((t) => t.secret);
  const imports = [
    "github.com/pulumi/pulumi/sdk/v3/go/pulumi",
    ...(hasKeys ? ["github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"] : []),
  ].map((p) => `${TAB}${quoted(p)}`);
  const declares = plan.templates.length > 0 || plan.bindings.length > 0;
  if (declares) imports.push(`${TAB}live ${quoted(GO_SDK_IMPORT)}`);
  const body: string[] = [];
  if (hasKeys) body.push(`${TAB}cfg := config.New(ctx, "")`);
  const used = referencedTemplates(plan);
  for (const t of plan.templates) {
    if (body.length > 0) body.push("");
    body.push(...templateDeclaration(t, used.has(t)));
  }
  if (plan.bindings.length > 0) {
    body.push("", ...bindingsComment("// ", TAB));
    for (const b of plan.bindings) body.push(...bindingDeclaration(b));
  }
  const leftOut = leftOutComment(plan, "// ", TAB);
  if (leftOut.length > 0) body.push(...(body.length > 0 ? [""] : []), ...leftOut);
  if (!declares) body.push(...(body.length > 0 ? [""] : []), ...nothingComment("// ", TAB));
  return (
    [
      ...headerComment(plan, "plugin", "// "),
      "package main",
      "",
      "import (",
      ...imports,
      ")",
      "",
      "func main() {",
      `${TAB}pulumi.Run(program)`,
      "}",
      "",
      "// program declares the account's templates and bindings.",
      "func program(ctx *pulumi.Context) error {",
      ...body,
      `${TAB}return nil`,
      "}",
    ].join("\n") + "\n"
  );
}

/** The Go variable of a template. */
export function goVariable(t: Pick<PlannedTemplate, "variable">): string {
  return safeIdentifier(t.variable, RESERVED);
}

/** A camelCase input as the generated SDK's field (`templateName` → `TemplateName`). */
function fieldName(input: string): string {
  return input.charAt(0).toUpperCase() + input.slice(1);
}

function templateDeclaration(t: PlannedTemplate, used: boolean): string[] {
  const fields: [string, string][] = plainInputs(t).map(({ input, value }) => [
    fieldName(input),
    typeof value === "string"
      ? goString(value)
      : `pulumi.StringArray{${value.map(goString).join(", ")}}`,
  ]);
  if (t.secret) fields.push(["CallbackKey", `cfg.RequireSecret(${quoted(t.secret.configKey)})`]);
  const call = [
    `live.NewCallbackTemplate(ctx, ${quoted(t.resourceName)}, &live.CallbackTemplateArgs{`,
    fields,
    templateImportId(t),
  ] as const;
  const lines = templateComment(t, "plugin", "// ", TAB);
  // A variable no binding reads would not compile: such a template is declared without one.
  return lines.concat(used ? assigned(goVariable(t), ...call) : checked(...call));
}

function bindingDeclaration(b: PlannedBinding): string[] {
  return checked(
    `live.NewDomainCallbackBinding(ctx, ${quoted(b.resourceName)}, &live.DomainCallbackBindingArgs{`,
    [
      ["DomainName", goString(b.domainName)],
      ["AppName", goString(b.appName)],
      ["TemplateId", `${goVariable(b.template)}.TemplateId`],
    ],
    bindingImportId(b),
  );
}

/** `variable, err := <call>` and its error check. */
function assigned(
  variable: string,
  open: string,
  fields: readonly [string, string][],
  importId: string,
): string[] {
  return [
    `${TAB}${variable}, err := ${open}`,
    ...structFields(fields),
    `${TAB}}, ${importOption(importId)})`,
    `${TAB}if err != nil {`,
    `${TAB}${TAB}return err`,
    `${TAB}}`,
  ];
}

/** `if _, err := <call>; err != nil { return err }`. */
function checked(open: string, fields: readonly [string, string][], importId: string): string[] {
  return [
    `${TAB}if _, err := ${open}`,
    ...structFields(fields),
    `${TAB}}, ${importOption(importId)}); err != nil {`,
    `${TAB}${TAB}return err`,
    `${TAB}}`,
  ];
}

/** The fields of an args struct, their values aligned as `gofmt` aligns them. */
function structFields(fields: readonly [string, string][]): string[] {
  const width = Math.max(...fields.map(([name]) => name.length)) + 1;
  return fields.map(([name, value]) => `${TAB}${TAB}${`${name}:`.padEnd(width + 1)}${value},`);
}

function importOption(id: string): string {
  return `pulumi.Import(pulumi.ID(${quoted(id)}))`;
}

function goString(value: string): string {
  return `pulumi.String(${quoted(value)})`;
}
