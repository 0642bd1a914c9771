/** How the API shows a stored template, and the shape of a fresh one. */
import type { CallBackTemplateInfo } from "../../../api/models";
import { EMULATOR_TEMPLATE_FIELDS, type StoredTemplate } from "./fields";

/**
 * A template as Describe returns it: the key in plain text, never the write-only
 * RecordStatusNotifyUrl, and no unset field at all. The real API may leave unset fields out or
 * return them as `null` (the SDK marks several as nullable); leaving them out is the reading a
 * client is most likely to get wrong (`undefined` where it expected `""`), so the emulator
 * answers that way. Stored data keeps `""` and `[]`.
 */
export function describeTemplate(template: StoredTemplate): CallBackTemplateInfo {
  const info: Record<string, unknown> = { TemplateId: template.TemplateId };
  for (const field of EMULATOR_TEMPLATE_FIELDS) {
    if (field.writeOnly) continue;
    const value = template[field.api];
    if (Array.isArray(value)) {
      if (value.length > 0) info[field.api] = [...value];
    } else if (value !== "") {
      info[field.api] = value;
    }
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
