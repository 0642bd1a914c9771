/**
 * What the generated program says in its comments, in every language: the header, the note on
 * each template, the bindings' heading and the list of what was left out. The renderers only
 * choose the comment marker (`// ` or `# `).
 */
import type { ImportTarget } from "../../args";
import type { ImportPlan, LeftOut, PlannedTemplate } from "../plan";
import { commentLines } from "./text";

const HEADER: Readonly<Record<ImportTarget, string>> = {
  dynamic:
    "Every resource has adopt: true, so the first `pulumi up` takes the existing objects over, " +
    "and writes nothing to those that still match this program.",
  plugin:
    "The resources are the tencentcloud-live provider plugin's. Each has the import option, so " +
    "the first `pulumi up` adopts the existing objects with reads only, and fails without a " +
    "write if an object differs from this program; once that `pulumi up` has succeeded, " +
    "remove the import options and run `pulumi up` again: it writes nothing to the account " +
    "and records the declared inputs (the keys among them) in the state.",
};

/** The comment at the top of the program. */
export function headerComment(plan: ImportPlan, target: ImportTarget, marker: string): string[] {
  const hasKeys = plan.templates.some((t) => t.secret);
  return commentLines(
    "Tencent Cloud Live callback templates and their bindings to push domains, written by " +
      "`tencentcloud-live-callbacks import` from what the account held. " +
      HEADER[target] +
      (hasKeys ? " Callback keys are read from the stack config, as secrets." : ""),
    marker,
  );
}

/** The comment above a template's declaration. */
export function templateComment(
  t: PlannedTemplate,
  target: ImportTarget,
  marker: string,
  indent = "",
): string[] {
  return commentLines(
    `${JSON.stringify(t.templateName)} (TemplateId ${t.templateId}). recordStatusNotifyUrl ` +
      `cannot be read back from the API: if this template uses it, declare it here by hand ` +
      `(${target === "plugin" ? "importing" : "adopting"} leaves it as it is).` +
      t.notes.map((n) => ` ${n}`).join(""),
    marker,
    indent,
  );
}

/** The comment above the bindings. */
export function bindingsComment(marker: string, indent = ""): string[] {
  return commentLines("Which template each push domain and app reports to.", marker, indent);
}

/** The comment that says the account held nothing to import. */
export function nothingComment(marker: string, indent = ""): string[] {
  return [`${indent}${marker}The account held nothing to import.`];
}

/** What was left out, as a comment list (empty when nothing was). */
export function leftOutComment(plan: ImportPlan, marker: string, indent = ""): string[] {
  const leftOut = [...plan.skippedTemplates, ...plan.skippedRules];
  if (leftOut.length === 0) return [];
  return [`${indent}${marker}Not imported:`, ...leftOut.flatMap((i) => item(i, marker, indent))];
}

function item(left: LeftOut, marker: string, indent: string): string[] {
  const first = `${marker}- `;
  const rest = `${marker}  `;
  return commentLines(`${left.what}: ${left.reason}`, first, indent).map((line, i) =>
    i === 0 ? line : `${indent}${rest}${line.slice(indent.length + first.length)}`,
  );
}
