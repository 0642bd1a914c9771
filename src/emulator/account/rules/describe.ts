/** DescribeLiveCallbackRules: every rule, no parameters and no paging. */
import type { CallBackRuleInfo } from "../../../api/models";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import type { StoredRule } from "./rule";

function describeRule(rule: StoredRule): CallBackRuleInfo {
  const { CreateTime, UpdateTime, TemplateId, DomainName, AppName } = rule;
  return { CreateTime, UpdateTime, TemplateId, DomainName, AppName };
}

/** Handler of DescribeLiveCallbackRules. */
export const describeRules: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackRules", params, []);
  return { response: { Rules: data.rules.map(describeRule) }, changed: false };
};
