// The policies judge the provider plugin's resources (`tencentcloud-live:index:*`, from YAML,
// Python, Go…) exactly as the dynamic resources of a TypeScript program: each policy is called
// directly, as @pulumi/policy calls it, with the same resources under either family of type
// tokens, and ignores a resource of another type with the same properties.
import assert from "node:assert/strict";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  CALLBACK_TEMPLATE_TYPE,
  callbackPolicies,
  DOMAIN_CALLBACK_BINDING_TYPE,
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
} from "../../src/policy";

interface Family {
  label: string;
  template: string;
  binding: string;
}

const FAMILIES: Family[] = [
  {
    label: "dynamic resources",
    template: CALLBACK_TEMPLATE_TYPE,
    binding: DOMAIN_CALLBACK_BINDING_TYPE,
  },
  {
    label: "provider plugin",
    template: PLUGIN_CALLBACK_TEMPLATE_TYPE,
    binding: PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
  },
];
/** The bridged provider's template: same property names would be a coincidence, not ours. */
const OTHER = {
  label: "another package",
  template: "tencentcloud:Live/callbackTemplate:CallbackTemplate",
  binding: "tencentcloud:Live/callbackRule:CallbackRule",
};

const urn = (type: string, name: string) => `urn:pulumi:dev::app::${type}::${name}`;

function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  deps: Record<string, PolicyResource[]> = {},
): PolicyResource {
  return {
    type,
    name,
    urn: urn(type, name),
    props,
    opts: {} as PolicyResource["opts"],
    dependencies: Object.values(deps).flat(),
    propertyDependencies: deps,
    isAsset: () => false,
    isArchive: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

/** Every violation of every policy over `resources`, as `<policy> <resource name>`. */
function violations(resources: PolicyResource[]): string[] {
  const found: string[] = [];
  for (const policy of callbackPolicies()) {
    const report = (r: PolicyResource) => (message: string) =>
      found.push(`${policy.name} ${r.name}: ${message}`);
    if ("validateResource" in policy) {
      const validate = (policy as ResourceValidationPolicy).validateResource as (
        args: unknown,
        report: (message: string, urn?: string) => void,
      ) => void;
      for (const r of resources) validate({ ...r, getConfig: () => ({}) }, report(r));
    }
    if ("validateStack" in policy) {
      const validate = (policy as StackValidationPolicy).validateStack as (
        args: unknown,
        report: (message: string, urn?: string) => void,
      ) => void;
      validate({ resources, getConfig: () => ({}) }, (message, at) =>
        found.push(`${policy.name} ${resources.find((r) => r.urn === at)?.name}: ${message}`),
      );
    }
  }
  return found.sort();
}

/** A stack with one mistake per policy family: an http URL, no key, an unbound template, a foreign id. */
function mistakes(f: { template: string; binding: string }): PolicyResource[] {
  const good = resource(f.template, "good", {
    templateName: "good",
    streamBeginNotifyUrl: "https://hooks.example.com/begin",
    callbackKey: "Key123456",
    templateId: 1001,
  });
  const plain = resource(f.template, "plain", {
    templateName: "plain",
    streamBeginNotifyUrl: "http://hooks.example.com/begin",
    templateId: 1002,
  });
  const bound = resource(
    f.binding,
    "bound",
    { domainName: "push.example.com", appName: "live", templateId: 1001 },
    { templateId: [good] },
  );
  const stray = resource(f.binding, "stray", {
    domainName: "push2.example.com",
    appName: "live",
    templateId: 77,
  });
  return [good, plain, bound, stray];
}

describe("policy: the provider plugin's type tokens", () => {
  for (const family of FAMILIES) {
    it(`judges templates and bindings of the ${family.label}`, () => {
      const names = violations(mistakes(family)).map((v) => v.slice(0, v.indexOf(":")));
      assert.deepEqual(names, [
        "live-binding-template-reference stray",
        "live-callback-key-required plain",
        "live-callback-urls-https plain",
        "live-template-used plain",
      ]);
    });
  }

  it("names the resource by its class in either family", () => {
    for (const family of FAMILIES) {
      const found = violations(mistakes(family)).find((v) =>
        v.startsWith("live-callback-urls-https"),
      );
      assert.match(found ?? "", /CallbackTemplate "plain" \(urn:pulumi:dev::app::/);
      assert.ok(found?.includes(family.template), found);
    }
  });

  it("leaves resources of other packages alone", () => {
    assert.deepEqual(violations(mistakes(OTHER)), []);
  });

  it("the plugin's tokens are the schema's", () => {
    const schema = require("../../plugin/schema.json") as { resources: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.resources).sort(), [
      PLUGIN_CALLBACK_TEMPLATE_TYPE,
      PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
    ]);
  });
});
