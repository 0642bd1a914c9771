/** Deleting a DomainCallbackBinding: removing the rule of its domain and app. */
import { LiveApiError } from "../../api/errors";
import { findRule, ruleKey } from "../../api/rules";
import type { LiveClient } from "../../api/client";
import { perform } from "../errors";
import { deletedBindingNotice } from "../propagation";
import { bindingLabel, type BindingScope, type DomainCallbackBindingOutputs } from "./scope";

/**
 * Pulumi's `delete` for DomainCallbackBinding; a rule that is already gone counts as deleted.
 * A rule this call removed gets one line: the platform may still route events by it a while.
 */
export async function deleteBinding(
  scope: BindingScope,
  props: DomainCallbackBindingOutputs,
): Promise<void> {
  const label = bindingLabel(props);
  if (scope.adopted.has(ruleKey(props.domainName, props.appName))) {
    scope.ctx.log(
      `${label}: not deleted, a resource of this deployment adopted the rule (a resource renamed in the program?).`,
    );
    return;
  }
  const deleted = await perform(`Deleting ${label}`, async () => {
    const client = scope.ctx.client();
    if (await deleteRule(client, props.domainName, props.appName)) return true;
    // Not found as spelled: the rule may have been adopted from the console with its domain in
    // another letter case, which the API may keep as a different key. Delete it as spelled there.
    const rule = findRule(
      await client.describeLiveCallbackRules({ fresh: true }),
      props.domainName,
      props.appName,
    );
    if (rule?.DomainName && rule.DomainName !== props.domainName) {
      return deleteRule(client, rule.DomainName, props.appName);
    }
    return false;
  });
  if (deleted) scope.ctx.log(deletedBindingNotice(label, `${props.domainName}/${props.appName}`));
}

/** Deletes one rule as spelled; false when the API says there is none. */
async function deleteRule(
  client: LiveClient,
  domainName: string,
  appName: string,
): Promise<boolean> {
  try {
    await client.deleteLiveCallbackRule({ DomainName: domainName, AppName: appName });
    return true;
  } catch (e) {
    if (e instanceof LiveApiError && e.kind === "not-found") return false;
    throw e;
  }
}
