/** ModifyLiveCallbackTemplate: changes the fields given, leaves the others alone. */
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { MODIFY_TEMPLATE_PARAMS } from "./fields";
import { findTemplate, readTemplateId, requireCallbackUrl } from "./lookup";
import { readTemplateFields } from "./values";

/** Handler of ModifyLiveCallbackTemplate. */
export const modifyTemplate: ActionHandler = (params, { data, config }) => {
  checkParamNames(
    "ModifyLiveCallbackTemplate",
    params,
    ["TemplateId", ...MODIFY_TEMPLATE_PARAMS],
    ["TemplateId"],
  );
  const id = readTemplateId(params);
  const values = readTemplateFields(params, config.unsafeUrls);
  const current = findTemplate(data, id);
  // Omitted fields stay as they are; "" and [] are values that clear a field.
  const next = { ...current, ...values };
  requireCallbackUrl(next);
  data.templates[data.templates.indexOf(current)] = next;
  return { response: {}, changed: true };
};
