/**
 * Creating a CallbackTemplate: a new template, or, only with `adopt: true`, the existing template
 * of the same name brought under management. The API keeps no tags and does not keep names
 * unique, so a template's identity is its name: the name is claimed in this process before the
 * first call, and an existing template is never taken over without the program saying so (or, for
 * one that already matches exactly, the recovery switch of `adoptMatching.ts`).
 * Another stack (another process) creating the same name at the same moment is settled after
 * the create, in `race.ts`.
 */
import { ADOPT_MATCHING_ADVICE, ADOPT_MATCHING_KEY } from "../adoptMatching";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CallBackTemplateInfo } from "../../api/models";
import type { CallbackTemplateInputs } from "../../schemas/template";
import { withClaim } from "../claims";
import { withoutProvider } from "../context";
import { perform } from "../errors";
import { templateNotice } from "../propagation";
import { compare, live, toApiFields } from "./fields";
import { settleNameRace } from "./race";
import { KEY_FIELD, planTemplateChange, rotationOutputs } from "./rotation";
import {
  keyAwareClient,
  nameClaimedError,
  templateLabel,
  type RotationOutputs,
  type TemplateScope,
} from "./scope";

/** Pulumi's `create` for CallbackTemplate. */
export async function createTemplate(
  scope: TemplateScope,
  inputs: CallbackTemplateInputs,
): Promise<dynamic.CreateResult> {
  const declared = withoutProvider(inputs) as CallbackTemplateInputs;
  const name = declared.templateName;
  return perform(`Creating ${templateLabel(declared)}`, () =>
    withClaim(
      scope.names,
      name,
      () => nameClaimedError(name),
      async () => {
        const client = keyAwareClient(scope, declared);
        // A fresh listing: one cached by earlier reads could miss a template made since then,
        // and creating a second template of this name is exactly what must not happen.
        const all = await client.describeLiveCallbackTemplates({ fresh: true });
        const sameName = all.filter((t) => t.TemplateName === name);
        if (sameName.length > 1) throw duplicateNamesError(name, sameName);
        // A new template has no previous key; an adopted one may (see adopt).
        if (sameName[0]?.TemplateId !== undefined) {
          const { templateId, rotation } = await adopt(scope, declared, sameName[0]);
          return { id: String(templateId), outs: { ...declared, templateId, ...rotation } };
        }
        const templateId = await client.createLiveCallbackTemplate(
          { TemplateName: name, ...toApiFields(declared, { clearUnset: false }) },
          { existingIds: all.map((t) => t.TemplateId ?? 0) },
        );
        // Another stack may have found the name free at the same moment (see race.ts).
        await settleNameRace(scope, client, name, templateId, templateLabel(declared, templateId));
        return { id: String(templateId), outs: { ...declared, templateId } };
      },
    ),
  );
}

/**
 * Takes over `existing` when the program asked for it, changing only what differs from the
 * declaration: adopting a template that already matches writes nothing. A write-only field is
 * sent only when declared (it cannot be compared), never cleared, since whatever it holds was
 * set by someone this program does not know about. Replacing the template's key is a key
 * change like any other: the key it signed with becomes `previousCallbackKey`, since the
 * receivers that were verifying it still get events signed with it for the propagation window.
 */
async function adopt(
  scope: TemplateScope,
  declared: CallbackTemplateInputs,
  existing: CallBackTemplateInfo,
): Promise<{ templateId: number; rotation: RotationOutputs }> {
  const templateId = existing.TemplateId as number;
  // Against an empty "last applied", a declared write-only field always counts as a difference,
  // so a template declaring one never matches for the recovery switch.
  const differences = compare(declared, existing, {});
  const matching = differences.length === 0 && scope.ctx.adoptMatching?.();
  if (!declared.adopt && !matching) throw alreadyExistsError(declared.templateName, templateId);
  const label = templateLabel(declared, templateId);
  let rotation: RotationOutputs = {};
  if (differences.length === 0) {
    scope.ctx.log(
      declared.adopt
        ? `${label}: adopting the existing template; it already matches the declaration.`
        : `${label}: taking over the existing template, which already matches the declaration (${ADOPT_MATCHING_KEY.config}).`,
    );
  } else {
    const fields = differences.map((d) => d.field.input).join(", ");
    scope.ctx.log(`${label}: adopting the existing template and setting ${fields}.`);
    // Its key counts as the last applied one: only a different declared key is a key change.
    const existingKey = live(existing, KEY_FIELD) as string;
    const lastApplied = existingKey ? { callbackKey: existingKey } : {};
    const plan = planTemplateChange({ info: existing, lastApplied }, declared);
    await scope.ctx.client().modifyLiveCallbackTemplate({
      TemplateId: templateId,
      ...toApiFields(declared, { clearUnset: true }),
    });
    const now = new Date();
    const notice = templateNotice(label, plan, { appliedAt: now.toISOString() });
    if (notice) scope.ctx.log(notice);
    rotation = rotationOutputs(plan, {}, now);
  }
  scope.adopted.add(templateId);
  return { templateId, rotation };
}

function alreadyExistsError(name: string, templateId: number): Error {
  return new Error(
    `a callback template named "${name}" already exists in the account (TemplateId ${templateId}), ` +
      `and this resource does not manage it. Taking over an existing template requires adopt: true. ` +
      `If it was made in the console, or by an earlier run that was interrupted before Pulumi recorded it, ` +
      `set adopt: true on this CallbackTemplate to manage it (it is changed to match the declaration). ` +
      `If you renamed this resource in the program, add its old name to the aliases resource option ` +
      `instead, so that Pulumi keeps managing the template under the new name. ${ADOPT_MATCHING_ADVICE} ` +
      `Nothing was changed.`,
  );
}

function duplicateNamesError(name: string, templates: CallBackTemplateInfo[]): Error {
  const ids = templates.map((t) => t.TemplateId).join(", ");
  return new Error(
    `${templates.length} templates in the account are named "${name}" (TemplateIds ${ids}); a name must ` +
      `identify one template for this library to manage it. Rename or delete the extra ones in the ` +
      `console. Nothing was changed.`,
  );
}
