/**
 * Updating a CallbackTemplate: every field is sent, a removed one as `""`, so a URL dropped from
 * the program is really cleared. A rename claims the new name first, like a create does. A key
 * change records the replaced key in the rotation outputs (see `rotation.ts`), and a change the
 * platform applies only after its propagation window gets one line saying what to keep serving.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CallbackTemplateInputs } from "../../schemas/template";
import { withClaim } from "../claims";
import { withoutProvider } from "../context";
import { perform } from "../errors";
import { templateNotice } from "../propagation";
import { toApiFields } from "./fields";
import { planTemplateChange, rotationOutputs } from "./rotation";
import {
  keyAwareClient,
  nameClaimedError,
  templateLabel,
  type CallbackTemplateOutputs,
  type TemplateScope,
} from "./scope";

/** Pulumi's `update` for CallbackTemplate. */
export async function updateTemplate(
  scope: TemplateScope,
  id: string,
  olds: CallbackTemplateOutputs,
  news: CallbackTemplateInputs,
): Promise<dynamic.UpdateResult> {
  const declared = withoutProvider(news) as CallbackTemplateInputs;
  const templateId = Number(id);
  const label = templateLabel(olds, id);
  // What the platform held just before this write, as the diff of this process read it; without
  // one (an engine that skipped diff), the stored outputs.
  const info = scope.seen.get(id);
  scope.seen.delete(id);
  const plan = planTemplateChange({ info, lastApplied: olds }, declared);
  const modify = async () => {
    // The old keys too: the API may quote them when refusing the new one.
    await keyAwareClient(scope, olds, declared).modifyLiveCallbackTemplate({
      TemplateId: templateId,
      ...toApiFields(declared, { clearUnset: true, lastApplied: olds }),
    });
    const now = new Date();
    const notice = templateNotice(label, plan, { appliedAt: now.toISOString() });
    if (notice) scope.ctx.log(notice);
    return { outs: { ...declared, templateId, ...rotationOutputs(plan, olds, now) } };
  };
  return perform(`Updating ${label}`, () => {
    const name = declared.templateName;
    if (name === olds.templateName) return modify();
    return withClaim(
      scope.names,
      name,
      () => nameClaimedError(name),
      async () => {
        // Names are what create and the retry logic find templates by: keep them unique. A
        // fresh listing, for the same reason as in create.
        const all = await keyAwareClient(scope, olds, declared).describeLiveCallbackTemplates({
          fresh: true,
        });
        const taken = all.find((t) => t.TemplateName === name && t.TemplateId !== templateId);
        if (taken) {
          throw new Error(
            `cannot rename it to "${name}": template ${taken.TemplateId} already has that name. Nothing was changed.`,
          );
        }
        return modify();
      },
    );
  });
}
