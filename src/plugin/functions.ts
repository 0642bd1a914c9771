/**
 * The lookups served as the provider plugin's functions (`invoke`), e.g.
 * `tencentcloud-live:index:getCallbackTemplates`: a thin adapter over the lookup definitions
 * the TypeScript lookups run (`src/lookups/core.ts`). A function's outputs must be an object, so
 * the list lookups answer `{ templates }` and `{ bindings }`; a template's `callbackKey` comes
 * back wrapped as a secret, as the TypeScript Output forms return it inside a secret. Arguments
 * are checked by the lookup's own rules, and failures go back as the engine's check failures.
 */
import type * as provider from "@pulumi/pulumi/provider";
import type { z } from "zod";
import type { LiveClient } from "../api/client";
import {
  bindingsLookup,
  checkLookupArgs,
  performLookup,
  templateLookup,
  templatesLookup,
  type LookupDefinition,
} from "../lookups/core";
import type { LiveCallbackBinding, LiveCallbackTemplate } from "../lookups/results";
import { PLUGIN_PACKAGE } from "../resources/typeTokens";
import { conceal, reveal } from "./secrets";

/** What `getCallbackTemplates` answers as a function of the provider plugin. */
export interface CallbackTemplatesResult {
  /** Every callback template of the account; each one's `callbackKey` is a secret. */
  templates: LiveCallbackTemplate[];
}

/** What `getCallbackBindings` answers as a function of the provider plugin. */
export interface CallbackBindingsResult {
  /** The bindings (callback rules) that match the filters, every one without filters. */
  bindings: LiveCallbackBinding[];
}

/** Properties of each result type that are always secret, by the type's name. */
export const SECRET_RESULT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  LiveCallbackTemplate: ["callbackKey"],
};

const templateSecrets = SECRET_RESULT_PROPERTIES.LiveCallbackTemplate;

/** One function of the plugin. */
export interface PluginFunction {
  /** The lookup it runs. */
  lookup: LookupDefinition<z.ZodObject, unknown>;
  /** Name of the documented type of its arguments (`src/schemas/lookupInputs.ts`), if any. */
  argsType?: string;
  /** Name of the documented type of its outputs (here or in `src/lookups/results.ts`). */
  resultType: string;
  /** The lookup's result as the function's outputs (`resultType`'s properties), secrets wrapped. */
  outputs(result: unknown): Record<string, unknown>;
}

/** A function's token, e.g. `tencentcloud-live:index:getCallbackTemplates`. */
export function functionToken(name: string): string {
  return `${PLUGIN_PACKAGE}:index:${name}`;
}

function served<S extends z.ZodObject, R>(
  lookup: LookupDefinition<S, R>,
  spec: Omit<PluginFunction, "lookup" | "outputs"> & {
    outputs(result: R): Record<string, unknown>;
  },
): [string, PluginFunction] {
  return [
    functionToken(lookup.name),
    { ...spec, lookup, outputs: spec.outputs as PluginFunction["outputs"] } as PluginFunction,
  ];
}

/** Every function the plugin serves, by token. */
export const PLUGIN_FUNCTIONS: Readonly<Record<string, PluginFunction>> = Object.fromEntries([
  served(templatesLookup, {
    resultType: "CallbackTemplatesResult",
    outputs: (templates) =>
      ({ templates: templates.map((t) => conceal(t, templateSecrets)) }) satisfies Record<
        keyof CallbackTemplatesResult,
        unknown
      >,
  }),
  served(templateLookup, {
    argsType: "TemplateLookupArgs",
    resultType: "LiveCallbackTemplate",
    outputs: (template) => conceal(template, templateSecrets),
  }),
  served(bindingsLookup, {
    argsType: "BindingLookupArgs",
    resultType: "CallbackBindingsResult",
    outputs: (bindings) => ({ bindings }) satisfies CallbackBindingsResult,
  }),
]);

/**
 * Answers an invoke of `token` with `args` as the engine sends them (secrets wrapped): check
 * failures for bad arguments, else the lookup's outputs. A secret argument makes every output
 * secret, since a result can reveal it. An unknown token is an error naming the ones served.
 */
export async function invokeFunction(
  token: string,
  args: Record<string, unknown>,
  client: () => LiveClient,
): Promise<provider.InvokeResult> {
  const fn = PLUGIN_FUNCTIONS[token];
  if (!fn) {
    throw new Error(
      `unknown function ${token}: this plugin serves ${Object.keys(PLUGIN_FUNCTIONS).join(", ")}`,
    );
  }
  const given = reveal(args);
  const checked = checkLookupArgs(fn.lookup, given.plain, [...given.secret]);
  // The Node provider server sends `outputs` even with failures, so it must be an object.
  if (!checked.ok) return { outputs: {}, failures: checked.failures };
  const outputs = fn.outputs(
    await performLookup(fn.lookup, client, checked.args, [...given.secret]),
  );
  return { outputs: given.secret.size > 0 ? conceal(outputs, Object.keys(outputs)) : outputs };
}
