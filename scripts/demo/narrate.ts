/**
 * What the demo tells the reader after each step: which templates and rules changed in the
 * emulated account, and the account as two small tables.
 */
import type { EmulatorSnapshot, StoredRule, StoredTemplate } from "../../src/emulator";
import { TEMPLATE_FIELDS } from "../../src/api/fields";
import { renderTable } from "../lib/table";

const ruleKey = (r: StoredRule) => `${r.DomainName}/${r.AppName}`;

/**
 * One line per template or rule that appeared, disappeared or changed between two snapshots,
 * in the order the dependencies impose: templates are created before the rules that use them,
 * and rules are deleted before their templates.
 */
export function changes(before: EmulatorSnapshot, after: EmulatorSnapshot): string[] {
  const templates = { created: [] as string[], changed: [] as string[], deleted: [] as string[] };
  const rules = { created: [] as string[], changed: [] as string[], deleted: [] as string[] };
  const oldT = new Map(before.templates.map((t) => [t.TemplateId, t]));
  const newT = new Map(after.templates.map((t) => [t.TemplateId, t]));
  for (const [id, t] of newT) {
    const old = oldT.get(id);
    if (!old) {
      templates.created.push(`+ template ${id} "${t.TemplateName}" created`);
      continue;
    }
    const changed = TEMPLATE_FIELDS.filter(
      (f) => JSON.stringify(old[f.api]) !== JSON.stringify(t[f.api]),
    ).map((f) =>
      f.kind === "secret" ? `${f.api} [secret]` : `${f.api} → ${JSON.stringify(t[f.api])}`,
    );
    if (changed.length > 0) {
      templates.changed.push(`~ template ${id} "${t.TemplateName}": ${changed.join(", ")}`);
    }
  }
  for (const [id, t] of oldT) {
    if (!newT.has(id)) templates.deleted.push(`- template ${id} "${t.TemplateName}" deleted`);
  }
  const oldR = new Map(before.rules.map((r) => [ruleKey(r), r]));
  const newR = new Map(after.rules.map((r) => [ruleKey(r), r]));
  for (const [key, r] of newR) {
    const old = oldR.get(key);
    if (!old) rules.created.push(`+ rule ${key} → template ${r.TemplateId}`);
    else if (old.TemplateId !== r.TemplateId) {
      rules.changed.push(`~ rule ${key}: template ${old.TemplateId} → ${r.TemplateId}`);
    }
  }
  for (const key of oldR.keys()) if (!newR.has(key)) rules.deleted.push(`- rule ${key} deleted`);
  const lines = [
    ...templates.created,
    ...templates.changed,
    ...rules.created,
    ...rules.changed,
    ...rules.deleted,
    ...templates.deleted,
  ];
  return lines.length > 0 ? lines : ["(no change in the account)"];
}

/** The account's templates and rules as two small tables (the key shown only as set or not). */
export function accountTables(state: EmulatorSnapshot): string {
  const urls = (t: StoredTemplate) =>
    TEMPLATE_FIELDS.filter((f) => f.kind === "url" && t[f.api])
      .map(
        (f) => `${f.api.replace("NotifyUrl", "")}=${String(t[f.api]).replace(/^https?:\/\//, "")}`,
      )
      .join(" ");
  const templates =
    state.templates.length === 0
      ? "templates: (none)"
      : renderTable(
          [
            { header: "TemplateId", numeric: true },
            { header: "TemplateName" },
            { header: "key" },
            { header: "callback URLs" },
          ],
          state.templates.map((t) => [
            String(t.TemplateId),
            String(t.TemplateName),
            t.CallbackKey ? "[secret]" : "",
            urls(t),
          ]),
        );
  const rules =
    state.rules.length === 0
      ? "rules: (none)"
      : renderTable(
          [
            { header: "DomainName/AppName" },
            { header: "TemplateId", numeric: true },
            { header: "UpdateTime (UTC+8)" },
          ],
          state.rules.map((r) => [ruleKey(r), String(r.TemplateId), r.UpdateTime]),
        );
  return `${templates}\n${rules}`;
}
