/**
 * CreateLiveCallbackRule: binds a template to a (DomainName, AppName). A second rule for the same
 * pair (DomainName compared as the `ruleDomainCase` switch says) is refused or overwrites the
 * first, as the `duplicateRules` switch says.
 */
import { formatBeijingTime } from "../../../api/time";
import { fail } from "../../protocol/errors";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { readTemplateId } from "../templates/lookup";
import { findRuleIndex } from "./match";
import { RULE_KEY_PARAMS, readAppName, readDomainName } from "./rule";

/** Handler of CreateLiveCallbackRule. */
export const createRule: ActionHandler = (params, { data, config, nowMs }) => {
  checkParamNames(
    "CreateLiveCallbackRule",
    params,
    [...RULE_KEY_PARAMS, "TemplateId"],
    [...RULE_KEY_PARAMS, "TemplateId"],
  );
  const templateId = readTemplateId(params);
  const domain = readDomainName(params, "InvalidParameter.DomainFormatError");
  const app = readAppName(params, "InvalidParameterValue");
  if (!data.templates.some((t) => t.TemplateId === templateId)) {
    fail("InvalidParameter.ConfNotFound", `Callback template ${templateId} does not exist.`);
  }
  const now = formatBeijingTime(nowMs);
  const index = findRuleIndex(data.rules, domain, app, config.ruleDomainCase);
  if (index < 0) {
    data.rules.push({
      DomainName: domain,
      AppName: app,
      TemplateId: templateId,
      CreateTime: now,
      UpdateTime: now,
    });
    return { response: {}, changed: true };
  }
  if (config.duplicateRules === "reject") {
    fail(
      "FailedOperation.RuleAlreadyExist",
      `A callback rule for ${domain}/${app} already exists.`,
    );
  }
  // Overwrite: the binding keeps its identity (CreateTime and the DomainName spelling it was
  // created with) and points at the new template.
  data.rules[index] = { ...data.rules[index], TemplateId: templateId, UpdateTime: now };
  return { response: {}, changed: true };
};
