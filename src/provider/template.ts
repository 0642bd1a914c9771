/**
 * The CallbackTemplate provider: check, diff, create, read, update and delete against the live
 * API. Diff always asks the API, so drift made in the console shows in `pulumi preview`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { LiveApiError } from "../api/errors";
import type { CallBackTemplateInfo } from "../api/models";
import {
  AT_LEAST_ONE_URL,
  callbackTemplateSchema,
  TEMPLATE_URL_INPUTS,
  type CallbackTemplateInputs,
} from "../schemas/template";
import { checkInputs } from "./check";
import { isUnknown, withoutProvider, type ProviderContext } from "./context";
import { explain } from "./errors";
import { compare, describeDrift, fromLive, toApiFields, toInfo } from "./templateState";

/** What a CallbackTemplate stores as outputs: every input plus the numeric template id. */
export type CallbackTemplateOutputs = CallbackTemplateInputs & { templateId: number };

/** The six provider functions of CallbackTemplate, bound to a context. */
export function createTemplateProvider(ctx: ProviderContext) {
  // A deployment runs every create before the deletes of resources that left the program, so a
  // resource renamed in the program takes over its old template (identical) before the old
  // name's delete runs: that delete must leave the template alone. And one template cannot be
  // the object of two creates in one deployment (two resources, one templateName).
  const createdHere = new Set<number>();
  const takenOverHere = new Set<number>();

  async function findLive(id: string): Promise<CallBackTemplateInfo | undefined> {
    const templateId = Number(id);
    const all = await ctx.client().describeLiveCallbackTemplates();
    return all.find((t) => t.TemplateId === templateId);
  }

  const label = (inputs: Partial<CallbackTemplateInputs>, id?: string | number) =>
    `CallbackTemplate "${inputs.templateName ?? "?"}"${id !== undefined ? ` (TemplateId ${id})` : ""}`;

  return {
    async check(_olds: unknown, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
      return checkInputs(
        {
          schema: callbackTemplateSchema,
          secrets: ["callbackKey"],
          crossChecks: (inputs, unknown) => {
            const anyUrl = TEMPLATE_URL_INPUTS.some(
              (k) => unknown.has(k) || inputs[k] !== undefined,
            );
            return anyUrl ? [] : [{ property: TEMPLATE_URL_INPUTS[0], reason: AT_LEAST_ONE_URL }];
          },
        },
        news,
      );
    },

    async diff(
      id: string,
      olds: CallbackTemplateOutputs,
      news: Record<string, unknown>,
    ): Promise<dynamic.DiffResult> {
      const declaredInputs = withoutProvider(news) as Partial<CallbackTemplateInputs>;
      const info = await findLive(id).catch((e) => {
        throw explain(`Reading ${label(olds, id)}`, e);
      });
      if (!info) {
        ctx.log(`${label(olds, id)} no longer exists in the account: it will be created again.`);
        return { changes: true, replaces: ["templateId"] };
      }
      // During preview a value may not be known yet: it may change, so report a change.
      const unknownNow = Object.keys(declaredInputs).filter((k) =>
        isUnknown((declaredInputs as Record<string, unknown>)[k]),
      );
      const drifts = compare(declaredInputs, info, olds).filter(
        (d) => !unknownNow.includes(d.field.input),
      );
      for (const d of drifts) ctx.log(`${label(olds, id)}: ${describeDrift(d)}`);
      // The program may have made the change the console already made: nothing to repair, but
      // the outputs in the state must follow the program.
      const stale = compare(declaredInputs, toInfo(olds), olds).length > 0;
      return { changes: drifts.length > 0 || unknownNow.length > 0 || stale };
    },

    async create(inputs: CallbackTemplateInputs): Promise<dynamic.CreateResult> {
      const declaredInputs = withoutProvider(inputs) as CallbackTemplateInputs;
      const doing = `Creating ${label(declaredInputs)}`;
      const client = ctx.client();
      try {
        // A fresh listing: creating a second template of the same name is what must not happen.
        const sameName = (await client.describeLiveCallbackTemplates({ fresh: true })).filter(
          (t) => t.TemplateName === declaredInputs.templateName,
        );
        if (sameName.length > 1) {
          const ids = sameName.map((t) => t.TemplateId).join(", ");
          throw new Error(
            `${sameName.length} templates in the account are named "${declaredInputs.templateName}" (TemplateIds ${ids}); ` +
              `names must be unique for this library to manage one. Rename or delete the extra ones in the console.`,
          );
        }
        const existing = sameName[0];
        let templateId: number;
        if (existing?.TemplateId !== undefined && createdHere.has(existing.TemplateId)) {
          throw new Error(
            `another CallbackTemplate in this stack already manages the template named "${declaredInputs.templateName}" ` +
              `(TemplateId ${existing.TemplateId}); each resource needs its own templateName.`,
          );
        }
        if (existing?.TemplateId !== undefined) {
          const identical = compare(declaredInputs, existing, declaredInputs).length === 0;
          if (!declaredInputs.adopt && !identical) {
            throw new Error(
              `a callback template named "${declaredInputs.templateName}" already exists (TemplateId ${existing.TemplateId}) ` +
                `and differs from this declaration. Set adopt: true on this CallbackTemplate to take it over ` +
                `(it will be modified to match), or choose another templateName.`,
            );
          }
          // An identical template is most likely this resource's own, created by an earlier run
          // whose answer was lost; taking it over is how that run converges.
          ctx.log(
            `${label(declaredInputs, existing.TemplateId)} already exists; ${declaredInputs.adopt ? "adopting it" : "it is identical, taking it over"}.`,
          );
          templateId = existing.TemplateId;
          await client.modifyLiveCallbackTemplate({
            TemplateId: templateId,
            ...toApiFields(declaredInputs, true),
          });
          takenOverHere.add(templateId);
        } else {
          templateId = await client.createLiveCallbackTemplate({
            TemplateName: declaredInputs.templateName,
            ...toApiFields(declaredInputs, false),
          });
        }
        createdHere.add(templateId);
        return { id: String(templateId), outs: { ...declaredInputs, templateId } };
      } catch (e) {
        throw explain(doing, e);
      }
    },

    async read(id: string, props?: CallbackTemplateOutputs): Promise<dynamic.ReadResult> {
      const previous = (props ? withoutProvider(props) : {}) as Partial<CallbackTemplateOutputs>;
      const info = await findLive(id).catch((e) => {
        throw explain(`Reading ${label(previous, id)}`, e);
      });
      if (!info || info.TemplateId === undefined) return { id: "" };
      const inputs = fromLive(info, previous);
      return { id, props: { ...inputs, templateId: info.TemplateId }, inputs };
    },

    async update(
      id: string,
      olds: CallbackTemplateOutputs,
      news: CallbackTemplateInputs,
    ): Promise<dynamic.UpdateResult> {
      const declaredInputs = withoutProvider(news) as CallbackTemplateInputs;
      const templateId = Number(id);
      try {
        const client = ctx.client();
        if (declaredInputs.templateName !== olds.templateName) {
          // Names are what create and the retry logic find templates by: keep them unique.
          const taken = (await client.describeLiveCallbackTemplates({ fresh: true })).find(
            (t) => t.TemplateName === declaredInputs.templateName && t.TemplateId !== templateId,
          );
          if (taken) {
            throw new Error(
              `cannot rename it to "${declaredInputs.templateName}": template ${taken.TemplateId} already has that name.`,
            );
          }
        }
        // Every field is sent, unset ones as "": that is what clears a removed URL.
        await client.modifyLiveCallbackTemplate({
          TemplateId: templateId,
          ...toApiFields(declaredInputs, true),
        });
      } catch (e) {
        throw explain(`Updating ${label(olds, id)}`, e);
      }
      return { outs: { ...declaredInputs, templateId } };
    },

    async delete(id: string, props: CallbackTemplateOutputs): Promise<void> {
      const doing = `Deleting ${label(props, id)}`;
      if (takenOverHere.has(Number(id))) {
        ctx.log(
          `${label(props, id)}: not deleted, another resource of this deployment manages it now (a renamed resource?).`,
        );
        return;
      }
      try {
        await ctx.client().deleteLiveCallbackTemplate(Number(id));
      } catch (e) {
        if (e instanceof LiveApiError && e.kind === "not-found") return;
        if (e instanceof LiveApiError && e.kind === "in-use") {
          const rules = await ctx
            .client()
            .describeLiveCallbackRules({ fresh: true })
            .catch((listError) => {
              throw explain(
                `${doing}: it is still bound (${e.code}), and listing the rules failed`,
                listError,
              );
            });
          const users = rules
            .filter((r) => r.TemplateId === Number(id))
            .map((r) => `${r.DomainName}/${r.AppName}`);
          throw new Error(
            `${doing}: it is still bound by ${users.length || "some"} callback rule(s)` +
              `${users.length ? `: ${users.join(", ")}` : ""}. Remove those bindings first ` +
              `(delete their DomainCallbackBinding resources, or the rules in the console), then run again. ` +
              `Nothing was deleted. (${e.code}, RequestId ${e.requestId})`,
          );
        }
        throw explain(doing, e);
      }
    },
  };
}
