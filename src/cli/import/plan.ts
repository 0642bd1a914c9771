/**
 * What an import declares, decided from what the account holds: one adopted CallbackTemplate per
 * template and one adopted DomainCallbackBinding per rule, named for people to read, each checked
 * with the provider's own rules so that the generated program passes `check`. Objects the
 * library cannot manage as they are (a name held by two templates, a value outside the rules, a
 * rule whose template is gone) are left out, each with the reason. Pure: no I/O.
 */
import type { CallBackRuleInfo, CallBackTemplateInfo } from "../../api/models";
import { findRule, ruleKey } from "../../api/rules";
import { bindingCheckResult } from "../../provider/binding/check";
import { consoleLimitNote, templateCheckResult } from "../../provider/template/check";
import { fromLive } from "../../provider/template/fields";
import { AT_LEAST_ONE_URL } from "../../schemas/template";
import type { CallbackTemplateInputs } from "../../schemas/template";
import {
  bindingResourceBase,
  callbackKeyConfigName,
  claimUnique,
  templateResourceBase,
  templateVariableBase,
} from "./names";

/** What the account holds, as the API listed it. */
export interface AccountListing {
  templates: readonly CallBackTemplateInfo[];
  rules: readonly CallBackRuleInfo[];
}

/** Options of {@link planImport}. */
export interface PlanOptions {
  /**
   * Only these domains' rules and the templates they use (any letter case); none or empty: the
   * whole account.
   */
  domains?: readonly string[];
}

/** A callback key, read in the program from the stack config as a secret. */
export interface PlannedSecret {
  /** The config key, such as `callbackKey_prodHooks`. */
  configKey: string;
  /** The key itself: written only to the owner-only secrets file, never printed. */
  value: string;
}

/** One template the program declares. */
export interface PlannedTemplate {
  templateId: number;
  templateName: string;
  /** The TypeScript variable holding the resource. */
  variable: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /**
   * Every readable field the API returned (unset ones left out), without the callback key, with
   * `adopt: true`: exactly what adopting compares, so nothing is written.
   */
  inputs: CallbackTemplateInputs;
  /** The template's callback key, when it has one. */
  secret?: PlannedSecret;
  /** Things worth saying about it (beyond the console's limits, say). */
  notes: string[];
}

/** One binding the program declares. */
export interface PlannedBinding {
  resourceName: string;
  /** The domain as the API spells it. */
  domainName: string;
  appName: string;
  /** The template the rule points at (declared in the same program). */
  template: PlannedTemplate;
}

/** A template or rule left out of the program, and why. */
export interface LeftOut {
  /** `template 1001 "name"` or `rule push.example.com/live`. */
  what: string;
  reason: string;
}

/** Everything the import writes, decided. */
export interface ImportPlan {
  templates: PlannedTemplate[];
  bindings: PlannedBinding[];
  skippedTemplates: LeftOut[];
  skippedRules: LeftOut[];
  /** Requested domains that have no rule in the account. */
  unmatchedDomains: string[];
}

/** How the summary and comments name a template. */
export function templateWhat(t: CallBackTemplateInfo): string {
  return `template ${t.TemplateId} ${JSON.stringify(t.TemplateName ?? "")}`;
}

/** How the summary and comments name a rule. */
export function ruleWhat(r: CallBackRuleInfo): string {
  return `rule ${r.DomainName}/${r.AppName}`;
}

/** Decides what to declare for `account`; see the module comment. */
export function planImport(account: AccountListing, options: PlanOptions = {}): ImportPlan {
  const wanted = options.domains?.length ? options.domains.map((d) => d.toLowerCase()) : undefined;
  const inScope = (r: CallBackRuleInfo) =>
    wanted === undefined || wanted.includes((r.DomainName ?? "").toLowerCase());
  const rules = [...account.rules].filter(inScope).sort(byDomainAndApp);
  const unmatchedDomains = (options.domains ?? []).filter(
    (d) => !rules.some((r) => (r.DomainName ?? "").toLowerCase() === d.toLowerCase()),
  );
  const used = new Set(rules.map((r) => r.TemplateId));
  const templates = [...account.templates]
    .filter((t) => wanted === undefined || used.has(t.TemplateId))
    .sort((a, b) => (a.TemplateId ?? 0) - (b.TemplateId ?? 0));

  const { planned, skipped: skippedTemplates } = planTemplates(templates, account.templates);
  const { bindings, skipped: skippedRules } = planBindings(
    rules,
    planned,
    account,
    skippedTemplates,
  );
  return { templates: planned, bindings, skippedTemplates, skippedRules, unmatchedDomains };
}

function byDomainAndApp(a: CallBackRuleInfo, b: CallBackRuleInfo): number {
  const ka = ruleKey(a.DomainName ?? "", a.AppName ?? "");
  const kb = ruleKey(b.DomainName ?? "", b.AppName ?? "");
  return ka === kb ? 0 : ka < kb ? -1 : 1;
}

/** The templates to declare, named, and those left out with the reason. */
function planTemplates(
  templates: readonly CallBackTemplateInfo[],
  everyTemplate: readonly CallBackTemplateInfo[],
): { planned: PlannedTemplate[]; skipped: LeftOut[] } {
  const planned: PlannedTemplate[] = [];
  const skipped: LeftOut[] = [];
  const variables = new Set<string>();
  const resourceNames = new Set<string>();
  for (const info of templates) {
    const templateId = info.TemplateId ?? 0;
    const reason = whyNotAdoptable(info, everyTemplate);
    if (reason) {
      skipped.push({ what: templateWhat(info), reason });
      continue;
    }
    const { callbackKey, ...fields } = fromLive(info, {});
    const templateName = fields.templateName;
    const variableBase = templateVariableBase(templateName, templateId);
    const variable = claimUnique(variables, [variableBase, `${variableBase}${templateId}`]);
    const resourceBase = templateResourceBase(templateName, templateId);
    const resourceName = claimUnique(resourceNames, [
      resourceBase,
      `${resourceBase}-${templateId}`,
    ]);
    const note = consoleLimitNote(fields);
    planned.push({
      templateId,
      templateName,
      variable,
      resourceName,
      inputs: { ...fields, adopt: true },
      ...(callbackKey
        ? { secret: { configKey: callbackKeyConfigName(variable), value: callbackKey } }
        : {}),
      notes: note ? [note] : [],
    });
  }
  return { planned, skipped };
}

/**
 * Why adopting this template as the API returned it would fail, or `undefined`: a name another
 * template shares (the provider refuses it), or a value outside the rules `check` applies.
 */
function whyNotAdoptable(
  info: CallBackTemplateInfo,
  everyTemplate: readonly CallBackTemplateInfo[],
): string | undefined {
  const sameName = everyTemplate.filter((t) => t.TemplateName === info.TemplateName);
  if (sameName.length > 1) {
    const ids = sameName.map((t) => t.TemplateId).join(", ");
    return (
      `${sameName.length} templates in the account are named ${JSON.stringify(info.TemplateName ?? "")} ` +
      `(TemplateIds ${ids}), and the library finds a template by its name. Rename or delete the extra ` +
      `ones in the console, then import again.`
    );
  }
  const failures = templateCheckResult({ ...fromLive(info, {}) }).failures ?? [];
  if (failures.length === 0) return undefined;
  const reasons = failures.map((f) => f.reason).join("; ");
  const onlyUrlMissing = failures.every((f) => f.reason === AT_LEAST_ONE_URL);
  const hint = onlyUrlMissing
    ? ` Its only URL may be recordStatusNotifyUrl, which the API never returns: declare the template by hand.`
    : ` Change it in the console so that it follows the rules, then import again.`;
  return `${reasons}.${hint}`;
}

/** The bindings to declare, named, and the rules left out with the reason. */
function planBindings(
  rules: readonly CallBackRuleInfo[],
  templates: readonly PlannedTemplate[],
  account: AccountListing,
  skippedTemplates: readonly LeftOut[],
): { bindings: PlannedBinding[]; skipped: LeftOut[] } {
  const bindings: PlannedBinding[] = [];
  const skipped: LeftOut[] = [];
  const names = new Set<string>();
  for (const rule of rules) {
    const domainName = rule.DomainName ?? "";
    const appName = rule.AppName ?? "";
    // The rule a binding of this domain and app would find and adopt, as the provider looks.
    const found = findRule(account.rules, domainName.toLowerCase(), appName);
    if (found !== rule) {
      skipped.push({
        what: ruleWhat(rule),
        reason:
          `the rule ${found?.DomainName}/${found?.AppName} has the same domain in another letter case. ` +
          `The library manages a domain and app as one rule, and a binding would adopt that one.`,
      });
      continue;
    }
    const template = templates.find((t) => t.templateId === rule.TemplateId);
    if (!template) {
      skipped.push({
        what: ruleWhat(rule),
        reason: missingTemplateReason(rule, account.templates, skippedTemplates),
      });
      continue;
    }
    const failures =
      bindingCheckResult({ domainName, appName, templateId: template.templateId }).failures ?? [];
    if (failures.length > 0) {
      skipped.push({
        what: ruleWhat(rule),
        reason: `${failures.map((f) => f.reason).join("; ")}. A binding cannot declare it as it is.`,
      });
      continue;
    }
    const resourceName = claimUnique(names, [bindingResourceBase(domainName, appName)]);
    bindings.push({ resourceName, domainName, appName, template });
  }
  return { bindings, skipped };
}

function missingTemplateReason(
  rule: CallBackRuleInfo,
  everyTemplate: readonly CallBackTemplateInfo[],
  skippedTemplates: readonly LeftOut[],
): string {
  const info = everyTemplate.find((t) => t.TemplateId === rule.TemplateId);
  if (!info) return `its template ${rule.TemplateId} no longer exists.`;
  const what = templateWhat(info);
  return skippedTemplates.some((s) => s.what === what)
    ? `its ${what} is not imported (see above).`
    : `its ${what} is not imported.`;
}
