/** DescribeLiveCallbackTemplate (one, by id) and DescribeLiveCallbackTemplates (all, no paging). */
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { findTemplate, readTemplateId } from "./lookup";
import { describeTemplate } from "./view";

/** Handler of DescribeLiveCallbackTemplate. */
export const describeOneTemplate: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackTemplate", params, ["TemplateId"], ["TemplateId"]);
  const template = findTemplate(data, readTemplateId(params));
  return { response: { Template: describeTemplate(template) }, changed: false };
};

/** Handler of DescribeLiveCallbackTemplates. */
export const describeTemplates: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackTemplates", params, []);
  return { response: { Templates: data.templates.map(describeTemplate) }, changed: false };
};
