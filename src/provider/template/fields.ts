/**
 * Conversions between a template as declared (camelCase inputs) and as the API holds it
 * (PascalCase fields), and the field-by-field comparison that diff and adoption rely on.
 */
import { TEMPLATE_FIELDS, type TemplateField } from "../api/fields";
import type { CallBackTemplateInfo, ModifyLiveCallbackTemplateRequest } from "../api/models";
import type { CallbackTemplateInputs } from "../schemas/template";

/** A field's value in comparable form: a string, or a sorted list of levels. */
type FieldValue = string | string[];

/** The declared value of a field; unset is `""` (or `[]`), as the API reports unset fields. */
export function declared(inputs: Partial<CallbackTemplateInputs>, f: TemplateField): FieldValue {
  const v = (inputs as Record<string, unknown>)[f.input];
  if (f.kind === "levels") return Array.isArray(v) ? [...(v as string[])].sort() : [];
  return typeof v === "string" ? v : "";
}

/** The live value of a field as Describe returned it. */
export function live(info: CallBackTemplateInfo, f: TemplateField): FieldValue {
  const v = (info as Record<string, unknown>)[f.api];
  if (f.kind === "levels") return Array.isArray(v) ? [...(v as string[])].sort() : [];
  return typeof v === "string" ? v : "";
}

/** True when two field values are the same. */
export function same(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The API fields to send. With `clearUnset`, every managed field is sent and an unset one as
 * `""` (or `[]`), so a URL removed from the program is really cleared in the cloud.
 */
export function toApiFields(
  inputs: CallbackTemplateInputs,
  clearUnset: boolean,
): Omit<ModifyLiveCallbackTemplateRequest, "TemplateId"> {
  const out: Record<string, unknown> = {};
  for (const f of TEMPLATE_FIELDS) {
    const v = (inputs as Record<string, unknown>)[f.input];
    if (v === undefined && !clearUnset) continue;
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
