/** DeleteLiveCallbackRule: removes the rule of a (DomainName, AppName). */
import { fail } from "../../protocol/errors";
import { checkParamNames } from "../../protocol/params";
import type { ActionHandler } from "../handler";
import { findRuleIndex } from "./match";
import { RULE_KEY_PARAMS, readAppName, readDomainName } from "./rule";

/** Handler of DeleteLiveCallbackRule. */
export const deleteRule: ActionHandler = (params, { data, config }) => {
  checkParamNames("DeleteLiveCallbackRule", params, RULE_KEY_PARAMS, RULE_KEY_PARAMS);
  // DeleteLiveCallbackRule documents FailedOperation.NotFound, InternalError, InvalidParameter
  // and the like, but not DomainFormatError (that is CreateLiveCallbackRule's). A malformed
  // domain or push path is a malformed parameter, so InvalidParameter: answering NotFound
  // instead would let a client take it for an already deleted rule and hide its own bug.
  const domain = readDomainName(params, "InvalidParameter");
  const app = readAppName(params, "InvalidParameter");
  const index = findRuleIndex(data.rules, domain, app, config.ruleDomainCase);
  if (index < 0) fail("FailedOperation.NotFound", `No callback rule exists for ${domain}/${app}.`);
  data.rules.splice(index, 1);
  return { response: {}, changed: true };
};
