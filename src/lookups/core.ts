/**
 * The lookups themselves, one definition each: the arguments' schema, what is being done (for
 * error messages) and the call. The program-side lookups (`./index.ts`) and the provider
 * plugin's functions (`src/plugin/functions.ts`) both run these through {@link runLookup} or
 * {@link checkLookupArgs}, so a rule, a result field or an error reads the same from either.
 * Every definition returns callback keys; who may see them is the caller's decision.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import type { LiveClient } from "../api/client";
import type { CallBackRuleInfo, CallBackTemplateInfo } from "../api/models";
import { checkInputs, show } from "../provider/check";
import { perform } from "../provider/errors";
import { fromLive } from "../provider/template/fields";
import {
  bindingLookupSchema,
  templateLookupSchema,
  templatesLookupSchema,
} from "../schemas/lookups";
import type { LiveCallbackBinding, LiveCallbackTemplate } from "./results";

/** One lookup: its arguments' rules and the call that answers it. */
export interface LookupDefinition<S extends z.ZodObject, R> {
  /** The lookup's name, as the TypeScript function and the plugin's function token use it. */
  name: string;
  /** The arguments' rules. */
  args: S;
  /** Rules across arguments, run once each argument is valid on its own. */
  crossChecks?: (args: Record<string, unknown>) => dynamic.CheckFailure[];
  /** What is being done, to prefix errors with, e.g. `Looking up callback templates`. */
  doing(args: z.output<S>): string;
  /** The lookup, with valid arguments. */
  run(client: LiveClient, args: z.output<S>): Promise<R>;
}

function toTemplate(info: CallBackTemplateInfo): LiveCallbackTemplate {
  const { adopt: _a, recordStatusNotifyUrl: _r, ...fields } = fromLive(info, {});
  return { ...fields, templateId: info.TemplateId ?? 0 };
}

function toBinding(rule: CallBackRuleInfo): LiveCallbackBinding {
  return {
    domainName: rule.DomainName ?? "",
    appName: rule.AppName ?? "",
    templateId: rule.TemplateId ?? 0,
    createTime: rule.CreateTime ?? "",
    updateTime: rule.UpdateTime ?? "",
  };
}

async function allTemplates(client: LiveClient): Promise<LiveCallbackTemplate[]> {
  return (await client.describeLiveCallbackTemplates()).map(toTemplate);
}

/** Every callback template of the account, each with its callback key (a secret). */
export const templatesLookup: LookupDefinition<
  typeof templatesLookupSchema,
  LiveCallbackTemplate[]
> = {
  name: "getCallbackTemplates",
  args: templatesLookupSchema,
  doing: () => "Looking up callback templates",
  run: (client) => allTemplates(client),
};

/**
 * One callback template, by id or by name, with its callback key (a secret). Fails when there
 * is none, or, by name, more than one.
 */
export const templateLookup: LookupDefinition<typeof templateLookupSchema, LiveCallbackTemplate> = {
  name: "getCallbackTemplate",
  args: templateLookupSchema,
  crossChecks: (args) => {
    const given = (["templateId", "templateName"] as const).filter((k) => args[k] !== undefined);
    if (given.length === 1) return [];
    // The values are not quoted: either may be a secret argument of the plugin function.
    const got = given.length === 0 ? "neither" : "both";
    return [
      {
        property: "templateId",
        reason: `templateId or templateName is required, exactly one of them; got ${got}`,
      },
    ];
  },
  doing: (args) =>
    `Looking up the callback template with ${
      args.templateId !== undefined
        ? `TemplateId ${args.templateId}`
        : `name "${args.templateName}"`
    }`,
  run: async (client, args) => {
    const all = await allTemplates(client);
    const found =
      args.templateId !== undefined
        ? all.filter((t) => t.templateId === args.templateId)
        : all.filter((t) => t.templateName === args.templateName);
    if (found.length === 0) throw new Error(`no such template exists in the account.`);
    if (found.length > 1) {
      throw new Error(
        `${found.length} templates match (TemplateIds ${found.map((t) => t.templateId).join(", ")}).`,
      );
    }
    return found[0];
  },
};

/**
 * Every binding (callback rule) of the account, optionally only those of one push domain
 * and/or one template.
 */
export const bindingsLookup: LookupDefinition<typeof bindingLookupSchema, LiveCallbackBinding[]> = {
  name: "getCallbackBindings",
  args: bindingLookupSchema,
  doing: () => "Looking up callback bindings",
  run: async (client, args) =>
    // The schema lowers the domain; the API's spelling is kept in the results.
    (await client.describeLiveCallbackRules())
      .map(toBinding)
      .filter(
        (b) =>
          (args.domainName === undefined || b.domainName.toLowerCase() === args.domainName) &&
          (args.templateId === undefined || b.templateId === args.templateId),
      ),
};

/** A lookup's checked arguments, or every failure, each naming the argument, rule and value. */
export type CheckedLookupArgs<S extends z.ZodObject> =
  { ok: true; args: z.output<S> } | { ok: false; failures: dynamic.CheckFailure[] };

/**
 * Checks `args` against a lookup's rules; an unknown argument name is a failure too. The values
 * of the arguments named in `secrets` are never quoted.
 */
export function checkLookupArgs<S extends z.ZodObject>(
  lookup: LookupDefinition<S, unknown>,
  args: Record<string, unknown>,
  secrets: readonly string[] = [],
): CheckedLookupArgs<S> {
  const names = Object.keys(lookup.args.shape);
  const unknown = Object.keys(args).filter((k) => !names.includes(k));
  if (unknown.length > 0) {
    const takes = names.length ? `it takes ${names.join(", ")}` : "it takes no arguments";
    return {
      ok: false,
      failures: unknown.map((k) => ({
        property: k,
        reason: `${k} is not an argument of ${lookup.name} (${takes}); got ${show(args[k], k, secrets)}`,
      })),
    };
  }
  const checked = checkInputs(
    { schema: lookup.args, crossChecks: lookup.crossChecks, secrets },
    args,
  );
  if (checked.failures?.length) return { ok: false, failures: checked.failures };
  return { ok: true, args: checked.inputs as z.output<S> };
}

/**
 * Runs a lookup: checks `args` (throwing every failure at once), then calls the API through
 * `client()`, prefixing any error, a missing credential included, with what was being done.
 */
export async function runLookup<S extends z.ZodObject, R>(
  lookup: LookupDefinition<S, R>,
  client: () => LiveClient,
  args: Record<string, unknown>,
): Promise<R> {
  const checked = checkLookupArgs(lookup, args);
  if (!checked.ok) {
    throw new Error(`${lookup.name}: ${checked.failures.map((f) => f.reason).join("; ")}`);
  }
  return performLookup(lookup, client, checked.args);
}

/**
 * Calls a lookup with arguments {@link checkLookupArgs} accepted. Errors name the arguments in
 * `secrets` as `[secret]`, never their values.
 */
export function performLookup<S extends z.ZodObject, R>(
  lookup: LookupDefinition<S, R>,
  client: () => LiveClient,
  args: z.output<S>,
  secrets: readonly string[] = [],
): Promise<R> {
  const shown: Record<string, unknown> = { ...args };
  for (const k of secrets) if (k in shown) shown[k] = "[secret]";
  return perform(lookup.doing(shown as z.output<S>), () => lookup.run(client(), args));
}
