/**
 * The DomainCallbackBinding provider: one callback rule, keyed by (domain, app), pointing at a
 * template. There is no Modify action for rules, so re-pointing works whether the API overwrites
 * on create or refuses a duplicate, and restores the old rule if the new one cannot be made.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { LiveClient } from "../api/client";
import { LiveApiError } from "../api/errors";
import type { CallBackRuleInfo } from "../api/models";
import { formatBeijingTime } from "../api/time";
import { domainCallbackBindingSchema, type DomainCallbackBindingInputs } from "../schemas/binding";
import { checkInputs } from "./check";
import { isUnknown, withoutProvider, type ProviderContext } from "./context";
import { explain } from "./errors";

/** What a DomainCallbackBinding stores: every input plus the rule's times (Beijing time). */
export type DomainCallbackBindingOutputs = DomainCallbackBindingInputs & {
  createTime?: string;
  updateTime?: string;
};

/** The Pulumi id of a binding: `<domainName>/<appName>`. */
export function bindingId(b: Pick<DomainCallbackBindingInputs, "domainName" | "appName">): string {
  return `${b.domainName}/${b.appName}`;
}

/** Splits a binding id; neither part can contain `/` (the domain is a host name). */
export function parseBindingId(id: string): { domainName: string; appName: string } | undefined {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { domainName: id.slice(0, slash), appName: id.slice(slash + 1) };
}

function outputs(
  inputs: DomainCallbackBindingInputs,
  rule: CallBackRuleInfo,
): DomainCallbackBindingOutputs {
  return { ...inputs, createTime: rule.CreateTime ?? "", updateTime: rule.UpdateTime ?? "" };
}

/**
 * Makes the rule for (domain, app) point at `templateId`, given the rule as it is now, and
 * returns the rule. If the API refuses a second rule, the old one is deleted first; should the
 * new create then fail, the old rule is created again so the domain is not left without
 * callbacks.
 *
 * A rule created here gets its times from this machine's clock when the API accepted it, in the
 * API's format: reading the rule back would cost one more listing per binding and halve the pace
 * of creating many bindings. `pulumi refresh` replaces them with the API's own values.
 */
export async function pointRule(
  client: LiveClient,
  domainName: string,
  appName: string,
  templateId: number,
  current: CallBackRuleInfo | undefined,
): Promise<CallBackRuleInfo> {
  const req = { DomainName: domainName, AppName: appName, TemplateId: templateId };
  const created = (createTime?: string): CallBackRuleInfo => {
    const now = formatBeijingTime(Date.now());
    return { ...req, CreateTime: createTime ?? now, UpdateTime: now };
  };
  if (!current) {
    await client.createLiveCallbackRule(req);
    return created();
  }
  if (current.TemplateId === templateId) return current;
  try {
    await client.createLiveCallbackRule(req);
    // The API overwrote the rule in place: it keeps its creation time.
    return created(current.CreateTime);
  } catch (e) {
    if (!(e instanceof LiveApiError && e.kind === "already-exists")) throw e;
  }
  await client.deleteLiveCallbackRule({ DomainName: domainName, AppName: appName });
  try {
    await client.createLiveCallbackRule(req);
    return created();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // A create whose answer was lost may have landed: look before restoring, or the restore
    // could undo it (overwrite) or fail confusingly (duplicate refused).
    if (!(e instanceof LiveApiError) || e.kind === "transient") {
      const now = await client.findLiveCallbackRule(domainName, appName).then(
        (rule) => ({ rule }),
        () => undefined,
      );
      if (!now) {
        throw new Error(
          `re-pointing ${domainName}/${appName} to template ${templateId} failed (${reason}), and whether the ` +
            `rule exists now could not be checked; run pulumi up again to converge.`,
        );
      }
      if (now.rule?.TemplateId === templateId) return created();
      if (now.rule) {
        throw new Error(
          `re-pointing ${domainName}/${appName} to template ${templateId} failed (${reason}); the rule now ` +
            `points at template ${now.rule.TemplateId}.`,
        );
      }
    }
    try {
      await client.createLiveCallbackRule({ ...req, TemplateId: current.TemplateId ?? 0 });
    } catch (restoreError) {
      const why = restoreError instanceof Error ? restoreError.message : String(restoreError);
      throw new Error(
        `re-pointing ${domainName}/${appName} to template ${templateId} failed (${reason}), and restoring ` +
          `the previous rule (template ${current.TemplateId}) failed too (${why}): the domain has NO callback ` +
          `rule now; run pulumi up again once the cause is fixed.`,
      );
    }
    throw new Error(
      `re-pointing ${domainName}/${appName} to template ${templateId} failed (${reason}); the previous rule ` +
        `(template ${current.TemplateId}) was restored.`,
    );
  }
}

/** The six provider functions of DomainCallbackBinding, bound to a context. */
export function createBindingProvider(ctx: ProviderContext) {
  // A deployment runs every create before the deletes of resources that left the program, so a
  // binding renamed in the program takes over its rule before the old name's delete runs: that
  // delete must leave the rule alone. And one rule cannot be the object of two creates in one
  // deployment (two resources, one domain and app).
  const createdHere = new Set<string>();
  const takenOverHere = new Set<string>();

  const label = (b: Partial<DomainCallbackBindingInputs>) =>
    `DomainCallbackBinding ${b.domainName ?? "?"}/${b.appName ?? "?"}`;

  function liveRule(domainName: string, appName: string) {
    return ctx.client().findLiveCallbackRule(domainName, appName);
  }

  return {
    async check(_olds: unknown, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
      return checkInputs({ schema: domainCallbackBindingSchema }, news);
    },

    async diff(
      _id: string,
      olds: DomainCallbackBindingOutputs,
      news: Record<string, unknown>,
    ): Promise<dynamic.DiffResult> {
      const declared = withoutProvider(news) as Partial<DomainCallbackBindingInputs>;
      // A rule is identified by (domain, app): another pair is another rule.
      const replaces = (["domainName", "appName"] as const).filter(
        (k) => isUnknown(declared[k]) || declared[k] !== olds[k],
      );
      if (replaces.length > 0) return { changes: true, replaces };
      const rule = await liveRule(olds.domainName, olds.appName).catch((e) => {
        throw explain(`Reading ${label(olds)}`, e);
      });
      if (!rule) {
        ctx.log(
          `${label(olds)}: the rule no longer exists in the account; it will be created again.`,
        );
        return { changes: true };
      }
      if (isUnknown(declared.templateId)) return { changes: true };
      if (rule.TemplateId !== declared.templateId) {
        ctx.log(
          `${label(olds)}: templateId: live ${rule.TemplateId} ≠ declared ${declared.templateId}`,
        );
        return { changes: true };
      }
      // The console may already have made the program's change: the state must still follow it.
      return { changes: olds.templateId !== declared.templateId };
    },

    async create(inputs: DomainCallbackBindingInputs): Promise<dynamic.CreateResult> {
      const declared = withoutProvider(inputs) as DomainCallbackBindingInputs;
      const { domainName, appName, templateId } = declared;
      try {
        if (createdHere.has(bindingId(declared))) {
          throw new Error(
            `another DomainCallbackBinding in this stack already manages ${bindingId(declared)}; a domain and ` +
              `app can have only one callback rule.`,
          );
        }
        const current = await liveRule(domainName, appName);
        if (current && current.TemplateId !== templateId && !declared.adopt) {
          throw new Error(
            `a callback rule for ${domainName}/${appName} already exists and points at template ${current.TemplateId}, ` +
              `not ${templateId}. Set adopt: true on this DomainCallbackBinding to re-point it, or remove the rule first.`,
          );
        }
        if (current) {
          ctx.log(
            `${label(declared)}: a rule already exists (template ${current.TemplateId}); managing it from now on.`,
          );
        }
        const rule = await pointRule(ctx.client(), domainName, appName, templateId, current);
        createdHere.add(bindingId(declared));
        if (current) takenOverHere.add(bindingId(declared));
        return { id: bindingId(declared), outs: outputs(declared, rule) };
      } catch (e) {
        throw explain(`Creating ${label(declared)}`, e);
      }
    },

    async read(id: string, props?: DomainCallbackBindingOutputs): Promise<dynamic.ReadResult> {
      const key = props
        ? { domainName: props.domainName, appName: props.appName }
        : parseBindingId(id);
      if (!key) return { id: "" };
      const rule = await liveRule(key.domainName, key.appName).catch((e) => {
        throw explain(`Reading ${label(key)}`, e);
      });
      if (!rule || rule.TemplateId === undefined) return { id: "" };
      const inputs: DomainCallbackBindingInputs = { ...key, templateId: rule.TemplateId };
      if (props?.adopt !== undefined) inputs.adopt = props.adopt;
      return { id, props: outputs(inputs, rule), inputs };
    },

    async update(
      _id: string,
      olds: DomainCallbackBindingOutputs,
      news: DomainCallbackBindingInputs,
    ): Promise<dynamic.UpdateResult> {
      const declared = withoutProvider(news) as DomainCallbackBindingInputs;
      try {
        const current = await liveRule(declared.domainName, declared.appName);
        const rule = await pointRule(
          ctx.client(),
          declared.domainName,
          declared.appName,
          declared.templateId,
          current,
        );
        return { outs: outputs(declared, rule) };
      } catch (e) {
        throw explain(`Updating ${label(olds)}`, e);
      }
    },

    async delete(_id: string, props: DomainCallbackBindingOutputs): Promise<void> {
      if (takenOverHere.has(bindingId(props))) {
        ctx.log(
          `${label(props)}: not deleted, another resource of this deployment manages the rule now (a renamed resource?).`,
        );
        return;
      }
      try {
        await ctx
          .client()
          .deleteLiveCallbackRule({ DomainName: props.domainName, AppName: props.appName });
      } catch (e) {
        if (e instanceof LiveApiError && e.kind === "not-found") return;
        throw explain(`Deleting ${label(props)}`, e);
      }
    },
  };
}
