/**
 * Where an emulated event goes: the rule in effect for its (domain, app), that rule's template
 * as it was then, and the template's URL for the event type. "In effect" is the account as it
 * was `propagationSeconds` ago (see `account/history.ts`); with a window of 0 it is the account
 * as it is now.
 */
import type { KnownCallbackEventType } from "../../callbacks/events";
import { versionAt, versionsAfter } from "../account/history";
import { findRule } from "../account/rules/match";
import type { StoredRule } from "../account/rules/rule";
import type { StoredTemplate } from "../account/templates/fields";
import type { TemplateTextFieldName } from "../account/templates/fields";
import type { EmulatorRuntime } from "../runtime";
import { checkDeliveryTarget } from "./delivery";
import { EventDeliveryError } from "./errors";
import { EVENT_URL_FIELDS } from "./types";

/** The rule, template and URL an event is sent by. */
export interface EventRoute {
  /** The rule in effect; its DomainName is the spelling event bodies carry. */
  rule: Readonly<StoredRule>;
  /** The rule's template as it was when the rule took effect for this event. */
  template: Readonly<StoredTemplate>;
  field: TemplateTextFieldName;
  url: string;
  target: URL;
  /** How messages name the template, e.g. `template 1000 (hooks) bound to push.example.com/live`. */
  where: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The 404 of an event without a rule in effect, saying when a pending one takes effect. */
function noRule(runtime: EmulatorRuntime, domain: string, app: string, nowMs: number): never {
  const windowMs = runtime.config.propagationSeconds * 1000;
  const mode = runtime.config.ruleDomainCase;
  const pending = versionsAfter(runtime.history, nowMs - windowMs).find((v) =>
    findRule(v.rules, domain, app, mode),
  );
  if (windowMs > 0 && pending) {
    const effectiveMs = pending.sinceMs + windowMs;
    const inSeconds = Math.max(0, (effectiveMs - nowMs) / 1000);
    throw new EventDeliveryError(
      404,
      `no callback rule in effect yet for domain ${domain} and app ${app}: the rule made at ` +
        `${iso(pending.sinceMs)} takes effect at ${iso(effectiveMs)} (in ${inSeconds.toFixed(1)} s; ` +
        `propagationSeconds is ${runtime.config.propagationSeconds})`,
    );
  }
  const inEffect = accountInEffect(runtime, nowMs).rules;
  const bound = inEffect.map((r) => `${r.DomainName}/${r.AppName}`);
  throw new EventDeliveryError(
    404,
    `no callback rule for domain ${domain} and app ${app}` +
      (bound.length ? ` (rules exist for: ${bound.join(", ")})` : " (there are no rules)"),
  );
}

/** The templates and rules events are routed by at `nowMs`. */
export function accountInEffect(
  runtime: EmulatorRuntime,
  nowMs: number,
): { templates: readonly Readonly<StoredTemplate>[]; rules: readonly Readonly<StoredRule>[] } {
  const windowMs = runtime.config.propagationSeconds * 1000;
  return windowMs === 0 ? runtime.data : versionAt(runtime.history, nowMs - windowMs);
}

/**
 * The route of an event of `eventType` for (domain, app) at `nowMs`.
 *
 * @throws EventDeliveryError: no rule in effect (404), the rule's template is gone or has no URL
 *   for the event type (409), or the URL is not one the emulator may send to (403).
 */
export function routeEvent(
  runtime: EmulatorRuntime,
  domain: string,
  app: string,
  eventType: KnownCallbackEventType,
  nowMs: number,
): EventRoute {
  const account = accountInEffect(runtime, nowMs);
  const rule = findRule(account.rules, domain, app, runtime.config.ruleDomainCase);
  if (!rule) noRule(runtime, domain, app, nowMs);
  const template = account.templates.find((t) => t.TemplateId === rule.TemplateId);
  if (!template) {
    throw new EventDeliveryError(
      409,
      `the rule of ${rule.DomainName}/${app} points at template ${rule.TemplateId}, which does not exist`,
    );
  }
  const where = `template ${template.TemplateId} (${template.TemplateName}) bound to ${rule.DomainName}/${app}`;
  const field = EVENT_URL_FIELDS[eventType];
  const url = template[field];
  if (!url) {
    throw new EventDeliveryError(
      409,
      `${where} has no ${field}, so event type ${eventType} has nowhere to go`,
    );
  }
  try {
    const target = checkDeliveryTarget(url, runtime.delivery.allowNonLoopback);
    return { rule, template, field, url, target, where };
  } catch (err) {
    throw new EventDeliveryError(
      403,
      `${field} of template ${template.TemplateId}: ${(err as Error).message}`,
    );
  }
}
