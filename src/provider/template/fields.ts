/**
 * Conversions between a template as declared (camelCase inputs) and as the API holds it
 * (PascalCase fields), and the field-by-field comparison that diff and adoption rely on.
 */
import { TEMPLATE_FIELDS, type TemplateField } from "../../api/fields";
import { fieldValue, sameValue, type FieldValue } from "../../api/templateMatch";
import type { CallBackTemplateInfo, ModifyLiveCallbackTemplateRequest } from "../../api/models";
import type { CallbackTemplateInputs } from "../../schemas/template";

/** The declared value of a field; unset is `""` (or `[]`), as the API reports unset fields. */
export function declared(inputs: Partial<CallbackTemplateInputs>, f: TemplateField): FieldValue {
  const v = (inputs as Record<string, unknown>)[f.input];
  if (f.kind === "levels") return Array.isArray(v) ? [...(v as string[])].sort() : [];
  return typeof v === "string" ? v : "";
}

/** The live value of a field as Describe returned it (missing and `null` read as unset). */
export const live: (info: CallBackTemplateInfo, f: TemplateField) => FieldValue = fieldValue;

/** True when two field values are the same. */
export const same = sameValue;

/** How {@link toApiFields} treats fields the program does not declare. */
export interface SendMode {
  /**
   * Send every readable field, an undeclared one as `""` (or `[]`), so that a URL removed from
   * the program is really cleared in the cloud and an adopted template matches the declaration.
   */
  clearUnset: boolean;
  /**
   * What this resource applied last. A write-only field is never read back, so it is cleared
   * only when this resource set it before; a value someone else set, which the program never
   * declared and nobody can see, is left alone.
   */
  lastApplied?: Partial<CallbackTemplateInputs>;
}

/** The API fields to send for `inputs`; see {@link SendMode} for undeclared fields. */
export function toApiFields(
  inputs: CallbackTemplateInputs,
  mode: SendMode,
): Omit<ModifyLiveCallbackTemplateRequest, "TemplateId"> {
  const out: Record<string, unknown> = {};
  for (const f of TEMPLATE_FIELDS) {
    const v = (inputs as Record<string, unknown>)[f.input];
    if (v === undefined) {
      if (!mode.clearUnset) continue;
      if (f.writeOnly && declared(mode.lastApplied ?? {}, f).length === 0) continue;
    }
    out[f.api] = declared(inputs, f);
  }
  return out as Omit<ModifyLiveCallbackTemplateRequest, "TemplateId">;
}

/** A template as Describe would return it, built from declared inputs or stored outputs. */
export function toInfo(inputs: Partial<CallbackTemplateInputs>): CallBackTemplateInfo {
  const out: Record<string, unknown> = {};
  for (const f of TEMPLATE_FIELDS) out[f.api] = declared(inputs, f);
  return out as CallBackTemplateInfo;
}

/**
 * The inputs that describe a live template. Write-only fields cannot be read back, so they are
 * taken from `previous` (the last applied inputs), as is `adopt`.
 */
export function fromLive(
  info: CallBackTemplateInfo,
  previous: Partial<CallbackTemplateInputs>,
): CallbackTemplateInputs {
  const out: Record<string, unknown> = {};
  for (const f of TEMPLATE_FIELDS) {
    const value = f.writeOnly ? declared(previous, f) : live(info, f);
    // Unset fields are left out, as a program that does not declare them would.
    if (value.length > 0) out[f.input] = value;
  }
  if (previous.adopt !== undefined) out.adopt = previous.adopt;
  return out as CallbackTemplateInputs;
}

/** One field whose live value differs from the declared one. */
export interface FieldDrift {
  field: TemplateField;
  live: FieldValue;
  declared: FieldValue;
}

/**
 * Compares declared inputs with a live template, field by field. Write-only fields are compared
 * with `lastApplied` instead, since Describe never returns them.
 */
export function compare(
  declaredInputs: Partial<CallbackTemplateInputs>,
  info: CallBackTemplateInfo,
  lastApplied: Partial<CallbackTemplateInputs>,
): FieldDrift[] {
  const drifts: FieldDrift[] = [];
  for (const f of TEMPLATE_FIELDS) {
    const want = declared(declaredInputs, f);
    const have = f.writeOnly ? declared(lastApplied, f) : live(info, f);
    if (!same(want, have)) drifts.push({ field: f, live: have, declared: want });
  }
  return drifts;
}

/** One line per drifted field, e.g. `streamEndNotifyUrl: live "…" ≠ declared "…"`; keys as `[secret]`. */
export function describeDrift(d: FieldDrift): string {
  const fmt = (v: FieldValue) =>
    d.field.kind === "secret" ? (v.length > 0 ? "[secret]" : '""') : JSON.stringify(v);
  const what = d.field.writeOnly ? "last applied" : "live";
  return `${d.field.input}: ${what} ${fmt(d.live)} ≠ declared ${fmt(d.declared)}`;
}
