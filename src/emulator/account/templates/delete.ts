/** DeleteLiveCallbackTemplate: refused while a rule still uses the template. */
import { fail } from "../../protocol/errors";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { findTemplate, readTemplateId } from "./lookup";

/** Handler of DeleteLiveCallbackTemplate. */
export const deleteTemplate: ActionHandler = (params, { data }) => {
  checkParamNames("DeleteLiveCallbackTemplate", params, ["TemplateId"], ["TemplateId"]);
  const template = findTemplate(data, readTemplateId(params));
  const user = data.rules.find((r) => r.TemplateId === template.TemplateId);
  if (user) {
    fail(
      "FailedOperation.ConfInUsed",
      `Callback template ${template.TemplateId} is used by the rule of ${user.DomainName}/${user.AppName}.`,
    );
  }
  data.templates.splice(data.templates.indexOf(template), 1);
  return { response: {}, changed: true };
};
