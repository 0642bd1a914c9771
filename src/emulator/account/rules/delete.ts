/** DeleteLiveCallbackRule: removes the rule of a (DomainName, AppName). */
import { fail } from "../../protocol/errors";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { findRuleIndex } from "./match";
import { RULE_KEY_PARAMS, readAppName, readDomainName } from "./rule";

/** Handler of DeleteLiveCallbackRule. */
export const deleteRule: ActionHandler = (params, { data }) => {
  checkParamNames("DeleteLiveCallbackRule", params, RULE_KEY_PARAMS, RULE_KEY_PARAMS);
  const domain = readDomainName(params);
  const app = readAppName(params);
  const index = findRuleIndex(data.rules, domain, app);
  if (index < 0) fail("FailedOperation.NotFound", `No callback rule exists for ${domain}/${app}.`);
  data.rules.splice(index, 1);
  return { response: {}, changed: true };
};
