/**
 * Lookups for programs that use templates and bindings managed elsewhere (the Terraform provider
 * has no data sources for them). They run in the Pulumi program, with the same credentials as
 * the resources: stack config `tencentcloud:*`, else the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { createLiveClient, type LiveClient } from "../api/client";
import type { CallBackRuleInfo, CallBackTemplateInfo } from "../api/models";
import { resolveSettings } from "../api/settings";
import { perform } from "../provider/errors";
import { fromLive } from "../provider/template/fields";
import type { CallbackTemplateInputs } from "../schemas/templateInputs";

/**
 * A template as the API holds it. `callbackKey` is present only when asked for (see
 * {@link LookupOptions.includeCallbackKey}) and is a secret: do not log or export it as is.
 */
export type LiveCallbackTemplate = Omit<
  CallbackTemplateInputs,
  "adopt" | "recordStatusNotifyUrl"
> & {
  /** The id the API gave the template. */
  templateId: number;
};

/** A binding (callback rule) as the API holds it. */
export interface LiveCallbackBinding {
  /** The push domain the rule applies to. */
  domainName: string;
  /** The app name (the path segment of the push URL) the rule applies to. */
  appName: string;
  /** The template whose callbacks the domain's streams trigger. */
  templateId: number;
  /** Beijing time (UTC+8). */
  createTime: string;
  /** Beijing time (UTC+8). */
  updateTime: string;
}

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

function toTemplate(info: CallBackTemplateInfo, includeKey: boolean): LiveCallbackTemplate {
  const { adopt: _a, recordStatusNotifyUrl: _r, callbackKey, ...fields } = fromLive(info, {});
  const key = includeKey && callbackKey !== undefined ? { callbackKey } : {};
  return { ...fields, ...key, templateId: info.TemplateId ?? 0 };
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

/** Every callback template of the account; keys only with `includeCallbackKey`. */
export async function getCallbackTemplates(
  options: LookupOptions = {},
): Promise<LiveCallbackTemplate[]> {
  return perform("Looking up callback templates", () => listTemplates(options));
}

async function listTemplates(options: LookupOptions): Promise<LiveCallbackTemplate[]> {
  const includeKey = options.includeCallbackKey === true;
  return (await clientFor(options).describeLiveCallbackTemplates()).map((t) =>
    toTemplate(t, includeKey),
  );
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
  const what =
    "templateId" in selector
      ? `TemplateId ${selector.templateId}`
      : `name "${selector.templateName}"`;
  return perform(`Looking up the callback template with ${what}`, async () => {
    const all = await listTemplates(options);
    const found =
      "templateId" in selector
        ? all.filter((t) => t.templateId === selector.templateId)
        : all.filter((t) => t.templateName === selector.templateName);
    if (found.length === 0) throw new Error(`no such template exists in the account.`);
    if (found.length > 1) {
      throw new Error(
        `${found.length} templates match (TemplateIds ${found.map((t) => t.templateId).join(", ")}).`,
      );
    }
    return found[0];
  });
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
export interface BindingFilter {
  /** Only the bindings of this push domain (any letter case). */
  domainName?: string;
  /** Only the bindings to this template. */
  templateId?: number;
}

/**
 * Every binding of the account, optionally only those of one domain and/or template. The domain
 * matches in any letter case; results keep the API's spelling.
 */
export async function getCallbackBindings(
  filter: BindingFilter = {},
  options: LookupOptions = {},
): Promise<LiveCallbackBinding[]> {
  return perform("Looking up callback bindings", async () => {
    const domain = filter.domainName?.toLowerCase();
    return (await clientFor(options).describeLiveCallbackRules())
      .map(toBinding)
      .filter(
        (b) =>
          (domain === undefined || b.domainName.toLowerCase() === domain) &&
          (filter.templateId === undefined || b.templateId === filter.templateId),
      );
  });
}
