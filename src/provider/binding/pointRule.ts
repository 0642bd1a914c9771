/**
 * Making the rule of one (domain, app) point at a template. There is no Modify action for rules,
 * so this works whether the API overwrites on create or refuses a duplicate, and restores the old
 * rule if the new one cannot be made.
 */
import type { LiveClient } from "../../api/client";
import { LiveApiError } from "../../api/errors";
import type { CallBackRuleInfo } from "../../api/models";
import { formatBeijingTime } from "../../api/time";

/**
 * Makes the rule for (domain, app) point at `templateId`, given the rule as it is now, and
 * returns the rule. If the API refuses a second rule, the old one is deleted first; should the
 * new create then fail, the old rule is created again so the domain is not left without
 * callbacks.
 *
 * `domainName` is the declared spelling, used only for a rule that does not exist yet.
 *
 * A rule created here gets its times from this machine's clock when the API accepted it, in the
 * API's format: reading the rule back would cost one more listing per binding and halve the pace
 * of creating many bindings. `pulumi refresh` replaces them with the API's own values.
 */
export async function pointRule(
  client: LiveClient,
  domainName: string,
  appName: string,
  templateId: number,
  current: CallBackRuleInfo | undefined,
): Promise<CallBackRuleInfo> {
  // An existing rule is addressed with the API's spelling of its domain, so a domain declared in
  // another letter case re-points that rule instead of adding a second one.
  const domain = current?.DomainName ?? domainName;
  const req = { DomainName: domain, AppName: appName, TemplateId: templateId };
  const created = (createTime?: string): CallBackRuleInfo => {
    const now = formatBeijingTime(Date.now());
    return { ...req, CreateTime: createTime ?? now, UpdateTime: now };
  };
  if (!current) {
    await client.createLiveCallbackRule(req);
    return created();
  }
  if (current.TemplateId === templateId) return current;
  try {
    await client.createLiveCallbackRule(req);
    // The API overwrote the rule in place: it keeps its creation time.
    return created(current.CreateTime);
  } catch (e) {
    if (!(e instanceof LiveApiError && e.kind === "already-exists")) throw e;
  }
  await client.deleteLiveCallbackRule({ DomainName: domain, AppName: appName });
  try {
    await client.createLiveCallbackRule(req);
    return created();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // A create whose answer was lost may have landed: look before restoring, or the restore
    // could undo it (overwrite) or fail confusingly (duplicate refused).
    if (!(e instanceof LiveApiError) || e.kind === "transient") {
      const now = await client.findLiveCallbackRule(domain, appName).then(
        (rule) => ({ rule }),
        () => undefined,
      );
      if (!now) {
        throw new Error(
          `re-pointing ${domain}/${appName} to template ${templateId} failed (${reason}), and whether the ` +
            `rule exists now could not be checked; run pulumi up again to converge.`,
        );
      }
      if (now.rule?.TemplateId === templateId) return created();
      if (now.rule) {
        throw new Error(
          `re-pointing ${domain}/${appName} to template ${templateId} failed (${reason}); the rule now ` +
            `points at template ${now.rule.TemplateId}.`,
        );
      }
    }
    try {
      await client.createLiveCallbackRule({ ...req, TemplateId: current.TemplateId ?? 0 });
    } catch (restoreError) {
      const why = restoreError instanceof Error ? restoreError.message : String(restoreError);
      throw new Error(
        `re-pointing ${domain}/${appName} to template ${templateId} failed (${reason}), and restoring ` +
          `the previous rule (template ${current.TemplateId}) failed too (${why}): the domain has NO callback ` +
          `rule now; run pulumi up again once the cause is fixed.`,
      );
    }
    throw new Error(
      `re-pointing ${domain}/${appName} to template ${templateId} failed (${reason}); the previous rule ` +
        `(template ${current.TemplateId}) was restored.`,
    );
  }
}
