/** CreateLiveCallbackTemplate: a new template with the next id, within the account's quota. */
import { MAX_TEMPLATES } from "../../../api/fields";
import { fail } from "../../protocol/errors";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { CREATE_TEMPLATE_PARAMS } from "./fields";
import { requireCallbackUrl } from "./lookup";
import { readTemplateFields } from "./values";
import { blankTemplate } from "./view";

/** Handler of CreateLiveCallbackTemplate. */
export const createTemplate: ActionHandler = (params, { data, config }) => {
  checkParamNames("CreateLiveCallbackTemplate", params, CREATE_TEMPLATE_PARAMS, ["TemplateName"]);
  const template = { ...blankTemplate(0), ...readTemplateFields(params, config.unsafeUrls) };
  requireCallbackUrl(template);
  if (data.templates.length >= MAX_TEMPLATES) {
    fail(
      "InternalError.ConfOutLimit",
      `The account already has ${MAX_TEMPLATES} callback templates.`,
    );
  }
  template.TemplateId = data.nextTemplateId;
  data.nextTemplateId += 1;
  data.templates.push(template);
  return { response: { TemplateId: template.TemplateId }, changed: true };
};
