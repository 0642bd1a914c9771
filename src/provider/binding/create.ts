/**
 * Creating a DomainCallbackBinding: a new rule for its domain and app, or, only with
 * `adopt: true`, the existing rule brought under management (re-pointed if it uses another
 * template). The (domain, app) pair is claimed in this process before the first call, so two
 * resources of one deployment can never both own one rule; two stacks creating it at the same
 * moment are settled in `race.ts`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CallBackRuleInfo } from "../../api/models";
import { ruleKey } from "../../api/rules";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import { withClaim } from "../claims";
import { withoutProvider } from "../context";
import { ADOPT_MATCHING_ADVICE, ADOPT_MATCHING_KEY } from "../adoptMatching";
import { perform } from "../errors";
import { createdBindingNotice, repointNotice } from "../propagation";
import { pointRule } from "./pointRule";
import { createFreshRule } from "./race";
import { bindingId, bindingLabel, bindingOutputs, type BindingScope } from "./scope";

/**
 * How old the listing that says "this rule is free" may be. Under the API's overwrite behaviour
 * a rule made elsewhere after that listing would be silently taken over by the create, so it
 * must be young; a listing per create, though, would cost one read per binding and slow a
 * bulk create by half (bench). Within one process the claim already excludes other writers of
 * this rule, and the listing always reflects this process's own writes to it.
 */
export const RULE_LOOK_MAX_AGE_MS = 1000;

/** Pulumi's `create` for DomainCallbackBinding. */
export async function createBinding(
  scope: BindingScope,
  inputs: DomainCallbackBindingInputs,
): Promise<dynamic.CreateResult> {
  const declared = withoutProvider(inputs) as DomainCallbackBindingInputs;
  const { domainName, appName, templateId } = declared;
  const label = bindingLabel(declared);
  return perform(`Creating ${label}`, () =>
    withClaim(
      scope.rules,
      ruleKey(domainName, appName),
      () => pairClaimedError(declared),
      async () => {
        const client = scope.ctx.client();
        const current = await client.findLiveCallbackRule(domainName, appName, {
          maxAgeMs: RULE_LOOK_MAX_AGE_MS,
        });
        if (current) {
          const matching = current.TemplateId === templateId && scope.ctx.adoptMatching?.();
          if (!declared.adopt && !matching) throw alreadyExistsError(declared, current);
          scope.ctx.log(
            current.TemplateId !== templateId
              ? `${label}: adopting the existing rule and re-pointing it from template ${current.TemplateId} to ${templateId}.`
              : declared.adopt
                ? `${label}: adopting the existing rule; it already points at template ${templateId}.`
                : `${label}: taking over the existing rule, which already points at template ${templateId} (${ADOPT_MATCHING_KEY.config}).`,
          );
        }
        const point = () => pointRule(client, domainName, appName, templateId, current);
        // Another stack may have found the rule free at the same moment (see race.ts).
        const rule = current
          ? await point()
          : await createFreshRule(client, domainName, appName, templateId, point);
        if (current) scope.adopted.add(ruleKey(domainName, appName));
        const path = bindingId(declared);
        if (!current) {
          scope.ctx.log(createdBindingNotice(label, path, templateId));
        } else if (current.TemplateId !== templateId) {
          const appliedAt = new Date().toISOString();
          scope.ctx.log(repointNotice(label, path, current.TemplateId, templateId, { appliedAt }));
        }
        return { id: bindingId(declared), outs: bindingOutputs(declared, rule) };
      },
    ),
  );
}

function pairClaimedError(b: DomainCallbackBindingInputs): Error {
  return new Error(
    `another DomainCallbackBinding of this stack also declares the callback rule of ${b.domainName}/${b.appName}. ` +
      `A domain and app have one callback rule, managed by one resource: remove the duplicate declaration. ` +
      `Nothing was changed.`,
  );
}

function alreadyExistsError(b: DomainCallbackBindingInputs, rule: CallBackRuleInfo): Error {
  return new Error(
    `a callback rule for ${rule.DomainName}/${rule.AppName} already exists in the account (template ` +
      `${rule.TemplateId}), and this resource does not manage it. Taking over an existing rule requires ` +
      `adopt: true. If it was made in the console, or by an earlier run that was interrupted before Pulumi ` +
      `recorded it, set adopt: true on this DomainCallbackBinding to manage it (it is re-pointed to template ` +
      `${b.templateId} if needed). If you renamed this resource in the program, add its old name to the aliases ` +
      `resource option instead. ${ADOPT_MATCHING_ADVICE} Nothing was changed.`,
  );
}
