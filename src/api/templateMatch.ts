/**
 * Comparing templates field by field in the API's own shape. Describe may leave an unset field
 * out, return it as `null` or as `""`: all three read as unset here, so no caller has to care.
 */
import { TEMPLATE_FIELDS, type TemplateField } from "./fields";
import type { CallBackTemplateInfo, CreateLiveCallbackTemplateRequest } from "./models";

/** A field's value in comparable form: a string, or a sorted list of levels. */
export type FieldValue = string | string[];

/**
 * Spellings of a record-exception level that mean another. The request documents `error`,
 * `warning` and `info`; the returned model's documentation says `error` and `alarm`. Read as
 * the same level, an `alarm` the API returns matches a declared `warning` instead of showing as
 * drift on every preview (the safer reading: a wrong guess shows no drift, it never breaks read).
 */
const LEVEL_ALIASES: Readonly<Record<string, string>> = { alarm: "warning" };

/** The value of field `f` in an API-shaped template or request, unset as `""` (or `[]`). */
export function fieldValue(
  template: CallBackTemplateInfo | CreateLiveCallbackTemplateRequest,
  f: TemplateField,
): FieldValue {
  const v = (template as Record<string, unknown>)[f.api];
  if (f.kind === "levels") {
    if (!Array.isArray(v)) return [];
    const levels = v
      .filter((x): x is string => typeof x === "string")
      .map((x) => LEVEL_ALIASES[x.toLowerCase()] ?? x);
    return [...new Set(levels)].sort();
  }
  return typeof v === "string" ? v : "";
}

/** True when two field values are the same. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * True when a live template holds exactly what a create request asked for, in every field that
 * can be read back (the write-only one cannot be compared).
 */
export function matchesRequest(
  info: CallBackTemplateInfo,
  req: CreateLiveCallbackTemplateRequest,
): boolean {
  return TEMPLATE_FIELDS.every(
    (f) => f.writeOnly || sameValue(fieldValue(info, f), fieldValue(req, f)),
  );
}
