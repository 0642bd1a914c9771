import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildSchema, schemaText } from "../../scripts/plugin/buildSchema";
import { callbackTemplateSchema } from "../../src/schemas/template";
import { domainCallbackBindingSchema } from "../../src/schemas/binding";
import { bindingLookupSchema, templateLookupSchema } from "../../src/schemas/lookups";

const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "plugin", "schema.json");

interface Prop {
  type: string;
  description?: string;
  secret?: boolean;
}
interface Res {
  description: string;
  properties: Record<string, Prop>;
  inputProperties: Record<string, Prop>;
  requiredInputs: string[];
}

describe("plugin/schema.json", function () {
  this.timeout(60_000);
  let built: Record<string, unknown>;
  before(() => {
    built = buildSchema();
  });

  it("is what scripts/plugin/schema.ts generates from the zod schemas and TSDoc (npm run plugin:schema)", () => {
    assert.equal(readFileSync(SCHEMA_FILE, "utf8"), schemaText());
  });

  it("has each zod schema's properties as a resource's inputs, with its required ones", () => {
    const resources = built.resources as Record<string, Res>;
    const template = resources["tencentcloud-live:index:CallbackTemplate"];
    const binding = resources["tencentcloud-live:index:DomainCallbackBinding"];
    assert.deepEqual(
      Object.keys(template.inputProperties),
      Object.keys(callbackTemplateSchema.shape),
    );
    assert.deepEqual(
      Object.keys(binding.inputProperties),
      Object.keys(domainCallbackBindingSchema.shape),
    );
    assert.deepEqual(template.requiredInputs, ["templateName"]);
    assert.deepEqual(binding.requiredInputs, ["domainName", "templateId"]);
  });

  it("describes every property and marks the keys secret", () => {
    const resources = built.resources as Record<string, Res>;
    const provider = built.provider as { inputProperties: Record<string, Prop> };
    const all: [string, Prop][] = [
      ...Object.entries(provider.inputProperties).map(
        ([k, p]) => [`provider.${k}`, p] as [string, Prop],
      ),
      ...Object.entries(resources).flatMap(([t, r]) => [
        ...Object.entries(r.inputProperties).map(([k, p]) => [`${t}.in.${k}`, p] as [string, Prop]),
        ...Object.entries(r.properties).map(([k, p]) => [`${t}.out.${k}`, p] as [string, Prop]),
      ]),
    ];
    for (const [name, p] of all) {
      assert.ok((p.description ?? "").length > 20, `${name} has no real description`);
    }
    const template = resources["tencentcloud-live:index:CallbackTemplate"];
    const secret = (props: Record<string, Prop>) =>
      Object.keys(props).filter((k) => props[k].secret === true);
    assert.deepEqual(secret(template.properties), ["callbackKey", "previousCallbackKey"]);
    assert.deepEqual(secret(template.inputProperties), ["callbackKey"]);
    assert.deepEqual(secret(provider.inputProperties), ["secretKey", "securityToken"]);
    assert.equal(template.properties.templateId.type, "number");
  });

  it("declares each lookup as a function: arguments from its zod schema, outputs typed and described, keys secret", () => {
    const functions = built.functions as Record<
      string,
      { description: string; inputs?: { properties: Record<string, Prop> }; outputs: Res }
    >;
    const types = built.types as Record<string, Res & { type: string }>;
    assert.deepEqual(Object.keys(functions), [
      "tencentcloud-live:index:getCallbackTemplates",
      "tencentcloud-live:index:getCallbackTemplate",
      "tencentcloud-live:index:getCallbackBindings",
    ]);
    const list = functions["tencentcloud-live:index:getCallbackTemplates"];
    const one = functions["tencentcloud-live:index:getCallbackTemplate"];
    const bindings = functions["tencentcloud-live:index:getCallbackBindings"];
    assert.equal(list.inputs, undefined);
    assert.deepEqual(Object.keys(one.inputs!.properties), Object.keys(templateLookupSchema.shape));
    assert.deepEqual(
      Object.keys(bindings.inputs!.properties),
      Object.keys(bindingLookupSchema.shape),
    );
    const template = types["tencentcloud-live:index:LiveCallbackTemplate"];
    assert.deepEqual(list.outputs.properties.templates, {
      type: "array",
      items: { $ref: "#/types/tencentcloud-live:index:LiveCallbackTemplate" },
      description: list.outputs.properties.templates.description,
    });
    assert.deepEqual(one.outputs.properties, template.properties);
    const secret = (props: Record<string, Prop>) =>
      Object.keys(props).filter((k) => props[k].secret === true);
    assert.deepEqual(secret(template.properties), ["callbackKey"]);
    assert.deepEqual(secret(one.outputs.properties), ["callbackKey"]);
    assert.equal(template.properties.templateId.type, "number");
    assert.deepEqual(Object.keys(types["tencentcloud-live:index:LiveCallbackBinding"].properties), [
      "domainName",
      "appName",
      "templateId",
      "createTime",
      "updateTime",
    ]);
    const described: [string, { description?: string }][] = [
      ...Object.entries(functions).flatMap(([t, f]) => [
        [t, f] as [string, { description?: string }],
        ...Object.entries(f.inputs?.properties ?? {}).map(
          ([k, p]) => [`${t}.in.${k}`, p] as [string, { description?: string }],
        ),
        ...Object.entries(f.outputs.properties).map(
          ([k, p]) => [`${t}.out.${k}`, p] as [string, { description?: string }],
        ),
      ]),
      ...Object.entries(types).flatMap(([t, r]) => [
        [t, r] as [string, { description?: string }],
        ...Object.entries(r.properties).map(
          ([k, p]) => [`${t}.${k}`, p] as [string, { description?: string }],
        ),
      ]),
    ];
    for (const [name, p] of described) {
      assert.ok((p.description ?? "").length > 20, `${name} has no real description`);
    }
  });

  it("names the SDK of each language", () => {
    const language = built.language as Record<string, Record<string, unknown>>;
    assert.equal(language.python.packageName, "pulumi_tencentcloud_live");
    assert.match(
      String(language.go.importBasePath),
      /^github\.com\/.+\/sdk\/go\/tencentcloudlive$/,
    );
    assert.equal(language.csharp.rootNamespace, "TencentCloudLiveCallbacks");
    assert.match(String(language.java.basePackage), /^[a-z]+(\.[a-z]+)+$/);
  });
});
