/**
 * Lookups for programs that use templates and bindings managed elsewhere (the Terraform provider
 * has no data sources for them). They run in the Pulumi program, with the same credentials as
 * the resources: stack config `tencentcloud:*`, else the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { createLiveClient, type LiveClient } from "../api/client";
import { resolveSettings } from "../api/settings";
import type { BindingLookupArgs } from "../schemas/lookupInputs";
import { bindingsLookup, runLookup, templateLookup, templatesLookup } from "./core";
import type { LiveCallbackBinding, LiveCallbackTemplate } from "./results";

export type { LiveCallbackBinding, LiveCallbackTemplate } from "./results";
export type { BindingLookupArgs } from "../schemas/lookupInputs";

/** Options of every lookup. */
export interface LookupOptions {
  /** Client to use; by default one built from stack config or the environment. */
  client?: LiveClient;
  /**
   * Return each template's `callbackKey` from the promise forms (`getCallbackTemplate(s)`).
   * Off by default, so that a key cannot reach a log or a plain stack output by accident: a
   * plain value in a Pulumi program is never masked. The Output forms always carry the key,
   * inside a secret.
   */
  includeCallbackKey?: boolean;
}

let programClient: LiveClient | undefined;
function clientFor(options: LookupOptions): LiveClient {
  if (options.client) return options.client;
  programClient ??= createLiveClient(resolveSettings({ get: (k) => pulumi.runtime.getConfig(k) }));
  return programClient;
}

/** A template without its key, as the promise forms return it unless asked. */
function withKeyIf(template: LiveCallbackTemplate, includeKey: boolean): LiveCallbackTemplate {
  if (includeKey) return template;
  const { callbackKey: _k, ...rest } = template;
  return rest;
}

/** Every callback template of the account; keys only with `includeCallbackKey`. */
export async function getCallbackTemplates(
  options: LookupOptions = {},
): Promise<LiveCallbackTemplate[]> {
  const all = await runLookup(templatesLookup, () => clientFor(options), {});
  return all.map((t) => withKeyIf(t, options.includeCallbackKey === true));
}

/** {@link getCallbackTemplates} as a Pulumi Output, with the keys, so secret as a whole. */
export function getCallbackTemplatesOutput(
  options: LookupOptions = {},
): pulumi.Output<LiveCallbackTemplate[]> {
  return pulumi.secret(
    pulumi.output(getCallbackTemplates({ ...options, includeCallbackKey: true })),
  );
}

/** Which template {@link getCallbackTemplate} looks for. */
export type TemplateSelector =
  | {
      /** The template's id. */
      templateId: number;
    }
  | {
      /** The template's name; must match exactly one template. */
      templateName: string;
    };

/**
 * One template by id or by name; throws if there is none (or, by name, more than one). The key
 * only with `includeCallbackKey`.
 */
export async function getCallbackTemplate(
  selector: TemplateSelector,
  options: LookupOptions = {},
): Promise<LiveCallbackTemplate> {
  const found = await runLookup(templateLookup, () => clientFor(options), selector);
  return withKeyIf(found, options.includeCallbackKey === true);
}

/**
 * {@link getCallbackTemplate} as a Pulumi Output. The whole result is secret because it carries
 * the callback key; take `templateId` with `apply` where you need it.
 */
export function getCallbackTemplateOutput(
  selector: pulumi.Input<TemplateSelector>,
  options: LookupOptions = {},
): pulumi.Output<LiveCallbackTemplate> {
  const withKey = { ...options, includeCallbackKey: true };
  return pulumi.secret(
    pulumi.output(selector).apply((s) => getCallbackTemplate(s as TemplateSelector, withKey)),
  );
}

/** Filters of {@link getCallbackBindings}. */
export type BindingFilter = BindingLookupArgs;

/**
 * Every binding of the account, optionally only those of one domain and/or template. The domain
 * matches in any letter case; results keep the API's spelling.
 */
export async function getCallbackBindings(
  filter: BindingFilter = {},
  options: LookupOptions = {},
): Promise<LiveCallbackBinding[]> {
  return runLookup(bindingsLookup, () => clientFor(options), filter);
}
