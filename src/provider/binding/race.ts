/**
 * Two stacks creating the rule of one (domain, app) at the same moment. Claims keep a rule to
 * one resource within one provider process; two stacks run two processes, and both may look,
 * find no rule, and create one. What follows depends on the API, whose behaviour for a second
 * create is not documented:
 *
 * - If it refuses the second create, only one create succeeds: the other fails here, naming the
 *   template the rule points at.
 * - If it overwrites, the last write wins. A rule has no id, so the earlier writer cannot see the
 *   later one's create, only its effect: after its create, each process reads the rule back, and
 *   one that finds it pointing at another template fails, naming that template. It deletes
 *   nothing, since the rule is now the other stack's. When the later write lands only after the
 *   earlier writer's read, both succeed; this window (one API call long) cannot be closed
 *   without a compare-and-set the API does not have. docs/drift-and-gitops.md says so.
 */
import type { LiveClient } from "../../api/client";
import { LiveApiError } from "../../api/errors";
import { ADOPT_MATCHING_KEY } from "../adoptMatching";
import type { CallBackRuleInfo } from "../../api/models";

/**
 * Creates the rule for (domain, app) pointing at `templateId`, where this process found none,
 * and makes sure it is still this create's rule once written. Throws the error naming the
 * other template when another stack's create won.
 */
export async function createFreshRule(
  client: LiveClient,
  domainName: string,
  appName: string,
  templateId: number,
  create: () => Promise<CallBackRuleInfo>,
): Promise<CallBackRuleInfo> {
  let rule: CallBackRuleInfo;
  try {
    rule = await create();
  } catch (e) {
    if (!(e instanceof LiveApiError && e.kind === "already-exists")) throw e;
    const other = await client.findLiveCallbackRule(domainName, appName).catch(() => undefined);
    throw ruleTakenError(domainName, appName, templateId, other, "refused this create");
  }
  // A listing that started after this create's answer (the write began a new generation for the
  // rule): the one in flight if it started since, else the next one, shared with every create
  // answered meanwhile (readCache.ts), so a bulk create costs about one listing per listing time.
  const now = await client.findLiveCallbackRule(domainName, appName).catch((e: unknown) => {
    throw readBackError(domainName, appName, templateId, e);
  });
  if (now && now.TemplateId !== templateId) {
    throw ruleTakenError(domainName, appName, templateId, now, "overwrote it");
  }
  return rule;
}

/**
 * The read-back failed (its listing failed for good, and every create waiting on that listing
 * with it). The rule was made, so the error says so; it is left in place, since by now it may
 * be another stack's.
 */
function readBackError(
  domainName: string,
  appName: string,
  templateId: number,
  cause: unknown,
): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  const error = new Error(
    `the callback rule of ${domainName}/${appName} was created (template ${templateId}), but reading it ` +
      `back to check that no other stack created it at the same moment failed (${why}). The rule is left ` +
      `in place, since it may now be another stack's; if no other stack declares this domain and app, ` +
      `run the next pulumi up with ${ADOPT_MATCHING_KEY.env}=true (or config ${ADOPT_MATCHING_KEY.config}=true), ` +
      `which takes over objects that already match the program exactly, or set adopt: true on this binding.`,
    { cause },
  );
  if (!(cause instanceof LiveApiError)) return error;
  // The listing's action, code and RequestId stay readable, as on any API error.
  const { action, code, kind, requestId } = cause;
  return Object.assign(error, { action, code, kind, requestId });
}

function ruleTakenError(
  domainName: string,
  appName: string,
  templateId: number,
  other: CallBackRuleInfo | undefined,
  what: string,
): Error {
  const winner =
    other?.TemplateId === undefined ? "another template" : `template ${other.TemplateId}`;
  return new Error(
    `another stack created the callback rule of ${domainName}/${appName} at the same moment, pointing ` +
      `at ${winner}, and the API ${what}: the rule is that stack's, so this binding (template ` +
      `${templateId}) was not made. Two stacks declare one domain and app: decide which stack manages ` +
      `it, and remove it from the other (or import it there with adopt: true).`,
  );
}
