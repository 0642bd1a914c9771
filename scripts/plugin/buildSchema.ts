/**
 * Builds the `tencentcloud-live` package schema (`plugin/schema.json`) from the sources that
 * already define everything in it: property names, types and required-ness from the zod
 * schemas (`src/schemas`), descriptions from the TSDoc of the public types and resource classes,
 * secrets from the list the resource classes use, and the provider's config from the settings
 * table (`src/api/settings.ts`). The functions are the lookups the plugin serves
 * (`src/plugin/functions.ts`): arguments from their zod schemas and documented types, outputs
 * from the documented result types, descriptions from the lookup definitions' TSDoc. A property without TSDoc is an error, not an empty description.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { z } from "zod";
import { SETTING_KEYS } from "../../src/api/settings";
import { PLUGIN_CONFIG_NAMES } from "../../src/plugin/config";
import { PLUGIN_FUNCTIONS, SECRET_RESULT_PROPERTIES } from "../../src/plugin/functions";
import { domainCallbackBindingSchema } from "../../src/schemas/binding";
import { callbackTemplateSchema } from "../../src/schemas/template";
import {
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
  PLUGIN_PACKAGE,
} from "../../src/resources/typeTokens";
import { CALLBACK_TEMPLATE_SECRET_OUTPUTS } from "../../src/resources/callbackTemplate";

const REPO = path.resolve(__dirname, "..", "..");

/** Where SDKs are published from: the Go module path's prefix names the repository. */
export const GO_IMPORT_BASE =
  "github.com/tencentcloud-live-callbacks/pulumi-tencentcloud-live/sdk/go/tencentcloudlive";

/** One property in Pulumi's package schema. */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: { type?: string; $ref?: string };
  description: string;
  secret?: boolean;
  default?: unknown;
}

type Props = Record<string, SchemaProperty>;

/** A property as the TypeScript checker sees it. */
interface Member {
  doc: string;
  /** The type as TypeScript prints it. */
  type: string;
  optional: boolean;
  /** The Pulumi schema type, or why there is none (`Output<…>` and functions have none). */
  schemaType: SchemaType | { none: string };
}

/** A Pulumi schema type: a primitive, an array, or a named object type. */
type SchemaType =
  | { type: "string" | "number" | "boolean" }
  | { type: "array"; items: SchemaType }
  | { ref: string };

function schemaTypeOf(checker: ts.TypeChecker, t: ts.Type): SchemaType | { none: string } {
  const all = (flag: ts.TypeFlags) =>
    t.isUnion() ? t.types.every((u) => (u.flags & flag) !== 0) : (t.flags & flag) !== 0;
  if (all(ts.TypeFlags.StringLike)) return { type: "string" };
  if (all(ts.TypeFlags.NumberLike)) return { type: "number" };
  if (all(ts.TypeFlags.BooleanLike)) return { type: "boolean" };
  if (checker.isArrayType(t)) {
    const items = schemaTypeOf(checker, checker.getTypeArguments(t as ts.TypeReference)[0]);
    if ("none" in items) return items;
    if ("type" in items && items.type === "array") return { none: "an array of arrays" };
    return { type: "array", items };
  }
  const name = t.aliasSymbol?.name ?? t.getSymbol()?.name;
  const objectLike = ts.TypeFlags.Object | ts.TypeFlags.Intersection;
  if (name && (t.flags & objectLike) !== 0 && name !== "__type") return { ref: name };
  return { none: checker.typeToString(t) };
}

/** Reads TSDoc through the TypeScript checker, so `{@link}`s and inherited docs resolve. */
function docReader(files: string[]) {
  const program = ts.createProgram(files, {
    strict: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const text = (parts: ts.SymbolDisplayPart[]): string =>
    ts
      .displayPartsToString(parts)
      .replace(/\{@link\s+(?:[\w$]+\.)?([\w$]+)\s*\}/g, "`$1`")
      .replace(/\s*\n\s*/g, " ")
      .trim();
  const declaration = (file: string, name: string): ts.Node => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    for (const s of source.statements) {
      const named = s as ts.Node & { name?: ts.Identifier };
      if (named.name?.text === name) return s;
      if (ts.isVariableStatement(s)) {
        const found = s.declarationList.declarations.find(
          (d) => ts.isIdentifier(d.name) && d.name.text === name,
        );
        if (found) return found;
      }
    }
    throw new Error(`${path.relative(REPO, file)} declares no ${name}`);
  };
  return {
    /** The TSDoc of a type, interface or class. */
    of(file: string, name: string): string {
      const node = declaration(file, name) as ts.Node & { name: ts.Identifier };
      const symbol = checker.getSymbolAtLocation(node.name);
      const doc = symbol ? text(symbol.getDocumentationComment(checker)) : "";
      if (!doc) throw new Error(`${name} in ${path.relative(REPO, file)} has no TSDoc`);
      return doc;
    },
    /** The TSDoc and type text of each property of a type, interface or class. */
    members(file: string, name: string): Map<string, Member> {
      const node = declaration(file, name);
      const type = ts.isClassDeclaration(node)
        ? checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name!)!)
        : checker.getTypeAtLocation(node);
      const out = new Map<string, Member>();
      for (const p of type.getProperties()) {
        const t = checker.getTypeOfSymbolAtLocation(p, node);
        out.set(p.name, {
          doc: text(p.getDocumentationComment(checker)),
          type: checker.typeToString(t),
          optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
          schemaType: schemaTypeOf(checker, checker.getNonNullableType(t)),
        });
      }
      return out;
    },
    /** The declaration that holds `name` among the program's files. */
    fileOf(name: string): string {
      for (const f of files) {
        try {
          declaration(f, name);
          return f;
        } catch {
          // not in this file
        }
      }
      throw new Error(`no file of the schema's sources declares ${name}`);
    },
    /**
     * The TSDoc of each object constant in `file` that has a `name: "<literal>"` property (the
     * lookup definitions), by that name.
     */
    byNameProperty(file: string): Map<string, string> {
      const source = program.getSourceFile(file);
      if (!source) throw new Error(`${file} is not in the program`);
      const out = new Map<string, string>();
      for (const s of source.statements) {
        if (!ts.isVariableStatement(s)) continue;
        for (const d of s.declarationList.declarations) {
          if (!d.initializer || !ts.isObjectLiteralExpression(d.initializer)) continue;
          const prop = d.initializer.properties.find(
            (p): p is ts.PropertyAssignment =>
              ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "name",
          );
          if (!prop || !ts.isStringLiteral(prop.initializer)) continue;
          const symbol = checker.getSymbolAtLocation(d.name);
          out.set(
            prop.initializer.text,
            symbol ? text(symbol.getDocumentationComment(checker)) : "",
          );
        }
      }
      return out;
    },
  };
}

/** A zod object's properties as Pulumi schema types, with its required names. */
function fromZod(schema: z.ZodObject): {
  props: Map<string, Omit<SchemaProperty, "description">>;
  required: string[];
} {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, { type?: string; items?: { type?: string }; default?: unknown }>;
    required?: string[];
  };
  const props = new Map<string, Omit<SchemaProperty, "description">>();
  for (const [name, p] of Object.entries(json.properties)) {
    if (!p.type) throw new Error(`the zod schema of ${name} has no JSON type`);
    const prop: Omit<SchemaProperty, "description"> = { type: p.type };
    if (p.items?.type) prop.items = { type: p.items.type };
    if (p.default !== undefined) prop.default = p.default;
    props.set(name, prop);
  }
  return { props, required: json.required ?? [] };
}

/** The Pulumi type of an output from its TypeScript type text (`Output<number | undefined>`). */
function outputType(typeText: string): string {
  const inner = /Output(?:Instance)?<(.*)>$/.exec(typeText)?.[1] ?? typeText;
  if (/\bnumber\b/.test(inner)) return "number";
  if (/\bboolean\b/.test(inner)) return "boolean";
  if (/\bstring\b/.test(inner)) return "string";
  throw new Error(`no Pulumi type for ${typeText}`);
}

function described(
  what: string,
  props: Map<string, Omit<SchemaProperty, "description">>,
  docs: Map<string, { doc: string }>,
  secrets: readonly string[],
): Props {
  const out: Props = {};
  for (const [name, p] of props) {
    const description = docs.get(name)?.doc;
    if (!description) throw new Error(`${what}.${name} has no TSDoc to describe it`);
    out[name] = { ...p, description, ...(secrets.includes(name) ? { secret: true } : {}) };
  }
  return out;
}

/** One resource: inputs from zod and the inputs type's TSDoc, outputs from the class. */
function resource(
  docs: ReturnType<typeof docReader>,
  spec: {
    schema: z.ZodObject;
    inputsFile: string;
    inputsType: string;
    classFile: string;
    className: string;
    secrets: readonly string[];
    requiredOutputs: string[];
  },
) {
  const { props, required } = fromZod(spec.schema);
  const inputDocs = docs.members(spec.inputsFile, spec.inputsType);
  const classMembers = docs.members(spec.classFile, spec.className);
  const inputProperties = described(spec.className, props, inputDocs, spec.secrets);
  const outputTypes = new Map(props);
  for (const [name, m] of classMembers) {
    if (name === "urn" || name === "id" || name.startsWith("__") || props.has(name)) continue;
    if (!/^Output(Instance)?</.test(m.type)) continue;
    outputTypes.set(name, { type: outputType(m.type) });
  }
  // Inputs keep their richer rule text as outputs; the output-only ones use the class's TSDoc.
  const outputDocs = new Map([...classMembers, ...inputDocs]);
  const properties = described(spec.className, outputTypes, outputDocs, spec.secrets);
  for (const p of Object.values(properties)) delete p.default;
  return {
    // The class's last paragraph names its dynamic type token, which is not this one.
    description: docs.of(spec.classFile, spec.className).replace(/\s*Type token:.*$/, ""),
    properties,
    required: spec.requiredOutputs,
    inputProperties,
    requiredInputs: required,
  };
}

/** The provider's config: one property per setting, named as `src/plugin/config.ts` reads it. */
function configProperties(docs: ReturnType<typeof docReader>): Props {
  const settingsFile = path.join(REPO, "src/api/settings.ts");
  const credentials = docs.members(settingsFile, "Credentials");
  const live = docs.members(settingsFile, "LiveSettings");
  const docOf: Record<string, string | undefined> = {
    secretId: credentials.get("secretId")?.doc,
    secretKey: credentials.get("secretKey")?.doc,
    token: credentials.get("token")?.doc,
  };
  const out: Props = {};
  for (const [setting, keys] of Object.entries(SETTING_KEYS)) {
    const name = PLUGIN_CONFIG_NAMES[setting as keyof typeof SETTING_KEYS];
    const doc = docOf[setting] ?? live.get(setting)?.doc;
    if (!doc) throw new Error(`setting ${setting} has no TSDoc in src/api/settings.ts`);
    const numeric = "default" in keys;
    out[name] = {
      type: numeric ? "number" : "string",
      description:
        `${doc} Else the environment variable \`${keys.env}\`` +
        (numeric ? `; default ${keys.default}.` : "."),
      ...(setting === "secretKey" || setting === "token" ? { secret: true } : {}),
    };
  }
  return out;
}

/** The token prefix of the package's functions and types. */
const INDEX = `${PLUGIN_PACKAGE}:index:`;

type Reader = ReturnType<typeof docReader>;

/**
 * The plugin's functions, and the object types their outputs use (each named after the
 * documented TypeScript type, e.g. `tencentcloud-live:index:LiveCallbackTemplate`).
 */
function functionsAndTypes(
  docs: Reader,
  files: { core: string; args: string },
): { functions: Record<string, unknown>; types: Record<string, unknown> } {
  const types: Record<string, unknown> = {};
  const json = (t: SchemaType): Omit<SchemaProperty, "description"> => {
    if ("ref" in t) return { $ref: `#/types/${INDEX}${declare(t.ref)}` };
    if (t.type === "array") return { type: "array", items: json(t.items) };
    return { type: t.type };
  };
  // A type's properties: every member documented and typed; its secrets from the plugin.
  const objectOf = (name: string) => {
    const members = docs.members(docs.fileOf(name), name);
    const secrets = SECRET_RESULT_PROPERTIES[name] ?? [];
    const properties: Props = {};
    for (const [prop, m] of members) {
      if (!m.doc) throw new Error(`${name}.${prop} has no TSDoc to describe it`);
      if ("none" in m.schemaType) {
        throw new Error(`${name}.${prop} has no Pulumi type (${m.schemaType.none})`);
      }
      properties[prop] = {
        ...json(m.schemaType),
        description: m.doc,
        ...(secrets.includes(prop) ? { secret: true } : {}),
      };
    }
    const required = [...members].filter(([, m]) => !m.optional).map(([prop]) => prop);
    return { properties, required };
  };
  function declare(name: string): string {
    if (!(`${INDEX}${name}` in types)) {
      types[`${INDEX}${name}`] = {}; // claimed first, so a type that refers to itself ends
      types[`${INDEX}${name}`] = {
        type: "object",
        description: docs.of(docs.fileOf(name), name),
        ...objectOf(name),
      };
    }
    return name;
  }

  const lookupDocs = docs.byNameProperty(files.core);
  const functions: Record<string, unknown> = {};
  for (const [token, fn] of Object.entries(PLUGIN_FUNCTIONS)) {
    const description = lookupDocs.get(fn.lookup.name);
    if (!description) throw new Error(`the lookup ${fn.lookup.name} has no TSDoc`);
    const spec: Record<string, unknown> = { description };
    if (Object.keys(fn.lookup.args.shape).length > 0) {
      if (!fn.argsType) throw new Error(`${token} takes arguments but names no documented type`);
      const { props, required } = fromZod(fn.lookup.args);
      spec.inputs = {
        properties: described(token, props, docs.members(files.args, fn.argsType), []),
        ...(required.length ? { required } : {}),
      };
    }
    spec.outputs = objectOf(fn.resultType);
    functions[token] = spec;
  }
  return { functions, types };
}

/** The whole package schema, as `plugin/schema.json` must hold it. */
export function buildSchema(): Record<string, unknown> {
  const file = (p: string) => path.join(REPO, p);
  const files = [
    "src/schemas/templateInputs.ts",
    "src/schemas/bindingInputs.ts",
    "src/resources/callbackTemplate.ts",
    "src/resources/domainCallbackBinding.ts",
    "src/api/settings.ts",
    "src/schemas/lookupInputs.ts",
    "src/lookups/core.ts",
    "src/lookups/results.ts",
    "src/plugin/functions.ts",
  ].map(file);
  const docs = docReader(files);
  const { version } = JSON.parse(readFileSync(file("package.json"), "utf8")) as { version: string };
  const config = configProperties(docs);
  const { functions, types } = functionsAndTypes(docs, {
    core: file("src/lookups/core.ts"),
    args: file("src/schemas/lookupInputs.ts"),
  });
  return {
    name: PLUGIN_PACKAGE,
    displayName: "Tencent Cloud Live callbacks",
    version,
    description:
      "Tencent Cloud Live (云直播) callback templates and their bindings to push domains, with drift detection against the live API.",
    keywords: ["pulumi", "tencentcloud", "live", "callback", "category/cloud"],
    license: "MIT",
    publisher: "pulumi-tencentcloud-live-callbacks",
    config: { variables: config },
    provider: {
      description:
        "The tencentcloud-live provider: credentials and API settings. Without an explicit provider, the stack config `tencentcloud-live:*` (then the environment) configures the default one.",
      inputProperties: config,
    },
    resources: {
      [PLUGIN_CALLBACK_TEMPLATE_TYPE]: resource(docs, {
        schema: callbackTemplateSchema,
        inputsFile: file("src/schemas/templateInputs.ts"),
        inputsType: "CallbackTemplateInputs",
        classFile: file("src/resources/callbackTemplate.ts"),
        className: "CallbackTemplate",
        secrets: CALLBACK_TEMPLATE_SECRET_OUTPUTS,
        requiredOutputs: ["templateId", "templateName"],
      }),
      [PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE]: resource(docs, {
        schema: domainCallbackBindingSchema,
        inputsFile: file("src/schemas/bindingInputs.ts"),
        inputsType: "DomainCallbackBindingArgsShape",
        classFile: file("src/resources/domainCallbackBinding.ts"),
        className: "DomainCallbackBinding",
        secrets: [],
        requiredOutputs: ["domainName", "appName", "templateId", "createTime", "updateTime"],
      }),
    },
    functions,
    types,
    language: {
      python: {
        packageName: "pulumi_tencentcloud_live",
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        pyproject: { enabled: true },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: GO_IMPORT_BASE,
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: "TencentCloudLiveCallbacks",
        namespaces: { [PLUGIN_PACKAGE]: "TencentCloudLive" },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
      java: { basePackage: "io.github.tencentcloudlivecallbacks" },
      nodejs: {
        packageName: "@tencentcloud-live-callbacks/pulumi-tencentcloud-live",
        respectSchemaVersion: true,
      },
    },
  };
}

/** The schema as the file holds it: two-space JSON and a final newline. */
export function schemaText(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}
