/**
 * What `pulumi preview` and `pulumi up` say about the platform's propagation window: Tencent
 * Cloud documents that a callback rule takes effect about 5-10 minutes after it is made, and
 * that template changes take as long. Until then events are still routed and signed by the old
 * configuration, so every line names what to keep serving. All the texts live here, so that
 * they read the same from every entry point; none of them ever carries a key.
 */

/** The platform's documented propagation window, in minutes: a change takes effect within it. */
export const PROPAGATION_WINDOW_MINUTES = {
  /** Lower end of the documented window. */
  min: 5,
  /** Upper end: until then, some nodes may still use the old configuration. */
  max: 10,
} as const;

/**
 * How long the old configuration may still be in use after a change, in milliseconds: the upper
 * end of the window. A receiver keeps the previous key (or the old URL) at least this long.
 */
export const PROPAGATION_WINDOW_MS = PROPAGATION_WINDOW_MINUTES.max * 60_000;

const WINDOW = `${PROPAGATION_WINDOW_MINUTES.min}-${PROPAGATION_WINDOW_MINUTES.max} minutes`;
const AT_LEAST = `for at least ${PROPAGATION_WINDOW_MINUTES.max} minutes`;

/** When a line is written: in `diff` (what `up` will do) or after a write (what was done, when). */
export type Moment = { planned: true } | { appliedAt: string };

/** How a template's callback key changes. */
export type KeyChange = "changed" | "added" | "removed";

/** One callback URL that changes; `from` is what the platform uses now (`""`: none). */
export interface UrlChange {
  input: string;
  from: string;
  /** The new URL, `""` when it is cleared, `undefined` when not known until `up`. */
  to: string | undefined;
}

/** What changes in a template that the platform applies only after the window. */
export interface TemplateChange {
  key?: KeyChange;
  urls: readonly UrlChange[];
}

/** True when the change has something the window applies to. */
export function hasEffect(change: TemplateChange): boolean {
  return change.key !== undefined || change.urls.length > 0;
}

function keyAdvice(key: KeyChange): string {
  switch (key) {
    case "changed":
      return `keep accepting both keys (previousCallbackKey) ${AT_LEAST}`;
    case "added":
      return `keep accepting unsigned events ${AT_LEAST}`;
    case "removed":
      return `keep accepting the old key (previousCallbackKey) and unsigned events ${AT_LEAST}`;
  }
}

function urlAdvice(urls: readonly UrlChange[]): string[] {
  const old = [...new Set(urls.map((u) => u.from).filter((u) => u.length > 0))];
  const added = urls.filter((u) => u.from === "" && u.to);
  const advice: string[] = [];
  if (old.length > 0) {
    const list = old.join(", ");
    advice.push(`keep the old URL${old.length > 1 ? "s" : ""} ${list} serving ${AT_LEAST}`);
  }
  for (const u of added) advice.push(`${u.input} gets events only once the change takes effect`);
  return advice;
}

/**
 * The one line for a template whose key or URLs change, e.g. `CallbackTemplate "main"
 * (TemplateId 12): callbackKey changes; the platform applies it 5-10 minutes after up: keep
 * accepting both keys (previousCallbackKey) for at least 10 minutes.` `undefined` when nothing
 * the window applies to changes.
 */
export function templateNotice(
  label: string,
  change: TemplateChange,
  when: Moment,
): string | undefined {
  if (!hasEffect(change)) return undefined;
  const names = [...(change.key ? ["callbackKey"] : []), ...change.urls.map((u) => u.input)];
  const what = names.join(", ");
  const advice = [...(change.key ? [keyAdvice(change.key)] : []), ...urlAdvice(change.urls)];
  const head =
    "planned" in when
      ? `${what} ${names.length > 1 ? "change" : "changes"}; the platform applies it ${WINDOW} after up`
      : `${what} changed at ${when.appliedAt}; the platform applies it within ${WINDOW}`;
  return `${label}: ${head}: ${advice.join("; ")}.`;
}

/** The line for a binding re-pointed from template `from` to `to` (`undefined`: not known yet). */
export function repointNotice(
  label: string,
  path: string,
  from: number | undefined,
  to: number | undefined,
  when: Moment,
): string {
  const target = to === undefined ? "another template" : `template ${to}`;
  const head =
    "planned" in when
      ? `up re-points it from template ${from} to ${target}; the platform applies it ${WINDOW} after up`
      : `re-pointed from template ${from} to ${target} at ${when.appliedAt}; the platform applies it within ${WINDOW}`;
  return `${label}: ${head}: events for ${path} follow template ${from} until the change takes effect.`;
}

/** The line for a new rule (a created binding, or one made again because it was gone). */
export function createdBindingNotice(label: string, path: string, templateId: number): string {
  return (
    `${label}: created; the rule takes effect within ${WINDOW}: ` +
    `events for ${path} reach template ${templateId} only then.`
  );
}

/** The line for a deleted rule. */
export function deletedBindingNotice(label: string, path: string): string {
  return (
    `${label}: deleted; the platform may still send events for ${path} for ~${PROPAGATION_WINDOW_MINUTES.max} minutes: ` +
    `keep its template's URLs serving until then.`
  );
}

/** The line `diff` writes for a binding that `up` replaces (its domain or app changes). */
export function movedBindingNotice(label: string, from: string, to: string): string {
  return (
    `${label}: up replaces it with ${to}; the new rule takes effect ${WINDOW} after it is created, ` +
    `and the platform may still send events for ${from} for ~${PROPAGATION_WINDOW_MINUTES.max} minutes after it is deleted.`
  );
}
