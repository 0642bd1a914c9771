/** Finding a template by id, and the rule every stored template keeps. */
import { fail } from "../../protocol/errors";
import { readInteger, type Params } from "../../protocol/params";
import type { EmulatorData } from "../data";
import { URL_FIELD_NAMES, type StoredTemplate } from "./fields";

/** Reads the TemplateId parameter (`InvalidParameter` unless it is an integer). */
export function readTemplateId(params: Params): number {
  return readInteger(params, "TemplateId");
}

/** The template with `id`; `InternalError.ConfNotFound` when there is none. */
export function findTemplate(data: EmulatorData, id: number): StoredTemplate {
  const template = data.templates.find((t) => t.TemplateId === id);
  if (!template) fail("InternalError.ConfNotFound", `Callback template ${id} does not exist.`);
  return template;
}

/** Refuses a template without any callback URL (`InvalidParameter`), as the API does. */
export function requireCallbackUrl(template: StoredTemplate): void {
  if (!URL_FIELD_NAMES.some((name) => template[name] !== "")) {
    fail("InvalidParameter", "At least one callback URL is required on a callback template.");
  }
}
