/** How the API shows a stored template, and the shape of a fresh one. */
import type { CallBackTemplateInfo } from "../../../api/models";
import { EMULATOR_TEMPLATE_FIELDS, type StoredTemplate } from "./fields";

/**
 * A template as Describe returns it: every field, unset strings as `""`, the key in plain text,
 * but never the write-only RecordStatusNotifyUrl.
 */
export function describeTemplate(template: StoredTemplate): CallBackTemplateInfo {
  const info: Record<string, unknown> = { TemplateId: template.TemplateId };
  for (const field of EMULATOR_TEMPLATE_FIELDS) {
    if (field.writeOnly) continue;
    const value = template[field.api];
    info[field.api] = Array.isArray(value) ? [...value] : value;
  }
  return info as CallBackTemplateInfo;
}

/** A template with every field unset, keys in the field table's order (readable state files). */
export function blankTemplate(id: number): StoredTemplate {
  const template: Record<string, unknown> = { TemplateId: id };
  for (const field of EMULATOR_TEMPLATE_FIELDS)
    template[field.api] = field.kind === "levels" ? [] : "";
  return template as StoredTemplate;
}
