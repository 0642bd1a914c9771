/**
 * What a write to a template changes on the platform, and the rotation outputs that follow from
 * it. The platform applies a template change only after its propagation window, so the key it
 * signed with just before the write keeps signing events for a while: that key is
 * `previousCallbackKey`, so that a receiver deployed with the template can accept both.
 *
 * "The key it signed with just before" is the live key `diff` read in this process, when there
 * is one, else the last applied key. The two differ when the key was changed in the console:
 * then the console's key is the one still in flight, whichever the program declares.
 */
import { TEMPLATE_FIELDS, type TemplateField } from "../../api/fields";
import type { CallBackTemplateInfo } from "../../api/models";
import type { CallbackTemplateInputs } from "../../schemas/template";
import { isUnknown } from "../context";
import type { KeyChange, TemplateChange, UrlChange } from "../propagation";
import { declared, live } from "./fields";
import type { CallbackTemplateOutputs, RotationOutputs } from "./scope";

/** The `callbackKey` row of the field table. */
export const KEY_FIELD = TEMPLATE_FIELDS.find((f) => f.kind === "secret") as TemplateField;
const URL_FIELDS = TEMPLATE_FIELDS.filter((f) => f.kind === "url");

/** What the platform held before the write, as far as this process knows. */
export interface Before {
  /** The template as `diff` read it, or `undefined` when this process did not read it. */
  info?: CallBackTemplateInfo;
  /** What this resource applied last (its stored outputs); `{}` for a template not yet managed. */
  lastApplied: Partial<CallbackTemplateInputs>;
}

/** A key change and the key it replaces (`""`: there was none). */
export interface KeyPlan {
  kind: KeyChange;
  previous: string;
}

/** The change with the replaced key, which only the rotation outputs may carry. */
export interface TemplatePlan extends TemplateChange {
  keyPlan?: KeyPlan;
}

/**
 * What writing `next` changes, given what was there `before`. The key counts as changed when
 * the declared key differs from the platform's key or from the last applied one: in the second
 * case the console already made the program's change, maybe moments ago, and receivers of this
 * program still held the last applied key, which may still be in flight. A URL counts when it
 * differs from what the platform sends to now (the last applied value for the write-only URL,
 * which Describe never returns). An unknown value (preview) counts as a change.
 */
export function planTemplateChange(
  before: Before,
  next: Partial<CallbackTemplateInputs>,
): TemplatePlan {
  const platform = (f: TemplateField) =>
    before.info && !f.writeOnly ? live(before.info, f) : declared(before.lastApplied, f);
  const urls: UrlChange[] = [];
  for (const f of URL_FIELDS) {
    const raw = (next as Record<string, unknown>)[f.input];
    const from = platform(f) as string;
    const to = isUnknown(raw) ? undefined : (declared(next, f) as string);
    if (to === undefined || to !== from) urls.push({ input: f.input, from, to });
  }
  const keyPlan = planKey(
    platform(KEY_FIELD) as string,
    declared(before.lastApplied, KEY_FIELD) as string,
    (next as Record<string, unknown>).callbackKey,
  );
  return keyPlan ? { key: keyPlan.kind, keyPlan, urls } : { urls };
}

function planKey(platformKey: string, lastKey: string, raw: unknown): KeyPlan | undefined {
  if (isUnknown(raw)) return { kind: platformKey ? "changed" : "added", previous: platformKey };
  const nextKey = typeof raw === "string" ? raw : "";
  if (nextKey === platformKey && nextKey === lastKey) return undefined;
  const previous = nextKey !== platformKey ? platformKey : lastKey;
  const kind: KeyChange = previous === "" ? "added" : nextKey === "" ? "removed" : "changed";
  return { kind, previous };
}

/**
 * The rotation outputs after a write that made `plan`, at `now`: a key change records the
 * replaced key and the time; any other write keeps what the outputs held.
 */
export function rotationOutputs(
  plan: TemplatePlan,
  olds: Partial<CallbackTemplateOutputs>,
  now: Date,
): RotationOutputs {
  if (plan.keyPlan) {
    const changedAt = now.toISOString();
    return plan.keyPlan.previous
      ? { previousCallbackKey: plan.keyPlan.previous, callbackKeyChangedAt: changedAt }
      : { callbackKeyChangedAt: changedAt };
  }
  return carriedRotation(olds);
}

/** The rotation outputs stored in `olds`, for entry points that do not change the key. */
export function carriedRotation(
  olds: Partial<CallbackTemplateOutputs> | undefined,
): RotationOutputs {
  const out: RotationOutputs = {};
  if (typeof olds?.previousCallbackKey === "string") {
    out.previousCallbackKey = olds.previousCallbackKey;
  }
  if (typeof olds?.callbackKeyChangedAt === "string") {
    out.callbackKeyChangedAt = olds.callbackKeyChangedAt;
  }
  return out;
}
