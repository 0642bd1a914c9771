/**
 * The provider plugin's resource methods: a thin adapter from Pulumi's provider interface to
 * the provider functions the dynamic resources use (`src/provider`). It routes by type token,
 * removes secret wrappers on the way in and puts them back on the way out (a dynamic provider's
 * host does both for it), and keeps read's `inputs` so `pulumi import` works. Unknown values pass
 * through unchanged: the provider functions already treat them as "may change".
 */
import type * as provider from "@pulumi/pulumi/provider";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CALLBACK_TEMPLATE_SECRET_OUTPUTS } from "../resources/callbackTemplate";
import {
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
} from "../resources/typeTokens";
import { conceal, reveal } from "./secrets";

/** Props as they cross the adapter. */
type Props = Record<string, unknown>;

/** One resource type's provider functions, as `createTemplateProvider` and co. return them. */
export interface ResourceFunctions {
  check(olds: unknown, news: Props): Promise<dynamic.CheckResult>;
  diff(id: string, olds: never, news: Props): Promise<dynamic.DiffResult>;
  create(inputs: never): Promise<dynamic.CreateResult>;
  read(id: string, props?: never): Promise<dynamic.ReadResult>;
  update(id: string, olds: never, news: never): Promise<dynamic.UpdateResult>;
  delete(id: string, props: never): Promise<void>;
}

/** What the plugin serves: both resource types' functions, and its functions (`./functions.ts`). */
export interface PluginImplementation {
  template: ResourceFunctions;
  binding: ResourceFunctions;
  invoke(token: string, args: Props): Promise<provider.InvokeResult>;
}

/** How each type is routed, and which of its properties are always secret. */
const TYPES = {
  [PLUGIN_CALLBACK_TEMPLATE_TYPE]: {
    kind: "template",
    secretInputs: ["callbackKey"],
    secretOutputs: CALLBACK_TEMPLATE_SECRET_OUTPUTS,
  },
  [PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE]: { kind: "binding", secretInputs: [], secretOutputs: [] },
} as const satisfies Record<
  string,
  {
    kind: keyof PluginImplementation;
    secretInputs: readonly string[];
    secretOutputs: readonly string[];
  }
>;

/** The type token in a URN (`urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`). */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) throw new Error(`not a Pulumi URN: ${JSON.stringify(urn)}`);
  return parts[2].split("$").pop() ?? "";
}

function route(urn: string) {
  const type = typeOfUrn(urn);
  const found = (TYPES as Record<string, (typeof TYPES)[keyof typeof TYPES]>)[type];
  if (!found) {
    throw new Error(
      `unknown resource type ${type}: this plugin serves ${Object.keys(TYPES).join(" and ")}`,
    );
  }
  return found;
}

/**
 * Runs one request's work as the request about `urn` (`./notices.ts`: the lines the provider
 * functions log meanwhile are sent attached to that resource).
 */
export type AboutResource = <T>(urn: string, work: () => Promise<T>) => Promise<T>;

/**
 * The plugin's `Provider`: the resource methods over `impl`, each run through `about` with its
 * request's URN, plus `version` and `schema`.
 */
export function createPluginProvider(
  impl: PluginImplementation,
  meta: { version: string; schema: string },
  about: AboutResource,
): provider.Provider {
  const fns = (urn: string) => {
    const r = route(urn);
    return { ...r, f: impl[r.kind] };
  };
  return {
    version: meta.version,
    schema: meta.schema,
    check: (urn, olds, news) =>
      about(urn, async () => {
        const { f, secretInputs } = fns(urn);
        const given = reveal(news);
        const result = await f.check(reveal(olds).plain, given.plain);
        const inputs = conceal(result.inputs ?? given.plain, [...given.secret, ...secretInputs]);
        return { inputs, failures: result.failures ?? [] };
      }),
    diff: (id, urn, olds, news) =>
      about(urn, () => fns(urn).f.diff(id, reveal(olds).plain as never, reveal(news).plain)),
    create: (urn, inputs) =>
      about(urn, async () => {
        const { f, secretOutputs } = fns(urn);
        const result = await f.create(reveal(inputs).plain as never);
        return { id: result.id, outs: conceal(result.outs ?? {}, secretOutputs) };
      }),
    read: (id, urn, props) =>
      about(urn, async () => {
        const { f, secretInputs, secretOutputs } = fns(urn);
        // `pulumi import` reads with no properties: the provider functions expect none then.
        const known = props && Object.keys(props).length > 0 ? reveal(props).plain : undefined;
        const result = await f.read(id, known as never);
        if (!result.id) return { id: "", props: {} };
        return {
          id: result.id,
          props: conceal(result.props ?? {}, secretOutputs),
          inputs: result.inputs && conceal(result.inputs, secretInputs),
        };
      }),
    update: (id, urn, olds, news) =>
      about(urn, async () => {
        const { f, secretOutputs } = fns(urn);
        const result = await f.update(id, reveal(olds).plain as never, reveal(news).plain as never);
        return { outs: conceal(result.outs ?? {}, secretOutputs) };
      }),
    delete: (id, urn, props) =>
      about(urn, () => fns(urn).f.delete(id, reveal(props).plain as never)),
    invoke: (token, args) => impl.invoke(token, (args ?? {}) as Props),
  };
}
