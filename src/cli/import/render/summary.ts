/**
 * What the import tells the person who ran it: what was read, what the program declares, what
 * was left out and why, and the next steps. Never a callback key: only the config keys that hold
 * them.
 */
import { DEFAULT_ENDPOINT } from "../../../api/settings";
import type { ImportLanguage, ImportTarget } from "../../args";
import type { ImportPlan } from "../plan";
import { PROGRAM_FILES } from "./program";
import { SDK_CLONE } from "./project";
import { SECRETS_FILE, shellQuote } from "./secrets";
import { displayWidth, padColumns } from "./text";

/** What the summary reports besides the plan. */
export interface SummaryContext {
  /** How many templates and rules the account listed. */
  read: { templates: number; rules: number };
  /** The API endpoint that was read. */
  endpoint: string;
  /** The project folder as the user should `cd` to it; absent with `--stdout`. */
  folder?: string;
  /** The files written into it. */
  files?: readonly string[];
  /** Which resources the program declares; default `dynamic`. */
  target?: ImportTarget;
  /** The program's language; default `typescript`. */
  language?: ImportLanguage;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary's text. */
export function renderSummary(plan: ImportPlan, ctx: SummaryContext): string {
  const target = ctx.target ?? "dynamic";
  const out = [
    `Read ${plural(ctx.read.templates, "template")} and ${plural(ctx.read.rules, "rule")} ` +
      `from ${ctx.endpoint} (nothing was changed there).`,
    `The program declares ${plural(plan.templates.length, "template")} and ` +
      `${plural(plan.bindings.length, "binding")}, ` +
      `each with ${target === "plugin" ? "the import option" : "adopt: true"}; ` +
      `${plural(plan.skippedTemplates.length, "template")} and ` +
      `${plural(plan.skippedRules.length, "rule")} skipped.`,
  ];
  if (ctx.folder !== undefined && ctx.files) {
    const files = ctx.files.map((f) => (f === SECRETS_FILE ? `${f} (readable by you only)` : f));
    out.push(`Wrote ${files.join(", ")} into ${ctx.folder}.`);
  }
  if (plan.templates.length > 0) {
    out.push("", "Templates:");
    const width = Math.max(...plan.templates.map((t) => displayWidth(label(t))));
    for (const t of plan.templates) {
      const key = t.secret ? `key in config ${t.secret.configKey}` : "no callback key";
      out.push(`  ${padColumns(label(t), width)}  → ${t.variable} (${key})`);
      for (const note of t.notes) out.push(`      ${note}`);
    }
  }
  if (plan.bindings.length > 0) {
    out.push("", "Bindings:");
    const width = Math.max(...plan.bindings.map((b) => displayWidth(bindingLabel(b))));
    for (const b of plan.bindings) {
      out.push(`  ${padColumns(bindingLabel(b), width)}  → ${b.template.variable}`);
    }
  }
  const leftOut = [...plan.skippedTemplates, ...plan.skippedRules];
  if (leftOut.length > 0) {
    const file = PROGRAM_FILES[ctx.language ?? "typescript"];
    out.push("", `Skipped (each is a comment in ${file}):`);
    for (const item of leftOut) out.push(`  ${item.what}: ${item.reason}`);
  }
  for (const domain of plan.unmatchedDomains) {
    out.push("", `--domain ${domain}: the account has no rule for this domain.`);
  }
  out.push("", ...(ctx.folder === undefined ? keysElsewhere(plan) : nextSteps(plan, ctx)));
  out.push("", ...credentialsNote(ctx.endpoint, target));
  return out.join("\n") + "\n";
}

function label(t: { templateId: number; templateName: string }): string {
  return `${t.templateId} ${JSON.stringify(t.templateName)}`;
}

function bindingLabel(b: { domainName: string; appName: string }): string {
  return `${b.domainName}/${b.appName}`;
}

function nextSteps(plan: ImportPlan, ctx: SummaryContext): string[] {
  const keys = plan.templates.filter((t) => t.secret).length;
  const folder = /^[\w./-]+$/.test(ctx.folder ?? "")
    ? (ctx.folder as string)
    : shellQuote(ctx.folder ?? "");
  const target = ctx.target ?? "dynamic";
  const steps: [string, string][] = [
    [`cd ${folder}`, ""],
    ...installSteps(target, ctx.language ?? "typescript"),
    ["pulumi stack init dev", "or: pulumi stack select <stack>"],
  ];
  if (keys > 0) {
    steps.push(
      [
        `sh ${SECRETS_FILE}`,
        keys === 1
          ? "sets the callback key as a secret of the stack"
          : `sets the ${keys} callback keys as secrets of the stack`,
      ],
      [`rm ${SECRETS_FILE}`, "it holds the keys in plain text"],
    );
  }
  steps.push(
    ...(target === "plugin"
      ? ([
          ["pulumi preview", "every object shows as an import"],
          ["pulumi up", "imports them with reads only; then remove the import options"],
          ["pulumi up", "again: writes nothing, records the declared inputs in the state"],
        ] as [string, string][])
      : ([
          ["pulumi preview", "every object shows as a create: it is adopted, not made"],
          ["pulumi up", "adopts them, writing nothing to an account unchanged since this import"],
        ] as [string, string][])),
  );
  const width = Math.max(...steps.map(([cmd]) => cmd.length));
  return [
    "Next steps:",
    ...steps.map(([cmd, why]) => (why ? `  ${cmd.padEnd(width)}  # ${why}` : `  ${cmd}`)),
  ];
}

/** How the project's dependencies are installed, per language. */
function installSteps(target: ImportTarget, language: ImportLanguage): [string, string][] {
  if (target === "dynamic") return [["npm install", ""]];
  const npm: [string, string] = [
    "npm install",
    language === "typescript"
      ? `the plugin, and its Node.js SDK from ${SDK_CLONE}/nodejs`
      : "the npm package, which holds the plugin",
  ];
  if (language === "python") {
    return [
      npm,
      ["python3 -m venv venv", ""],
      ["venv/bin/pip install -r requirements.txt", `the plugin's SDK from ${SDK_CLONE}/python`],
    ];
  }
  if (language === "go") return [npm, ["go mod tidy", `the plugin's SDK from ${SDK_CLONE}/go`]];
  return [npm];
}

function keysElsewhere(plan: ImportPlan): string[] {
  const keys = plan.templates.flatMap((t) => (t.secret ? [t] : []));
  if (keys.length === 0) return ["No template has a callback key: the program needs no secret."];
  return [
    "The callback keys were written nowhere (--stdout). Set each one, from the console, with " +
      "`pulumi config set --secret <config key> <callback key>`, or run the import with --out:",
    ...keys.map((t) => `  ${t.secret?.configKey}  (template ${label(t)})`),
  ];
}

function credentialsNote(endpoint: string, target: ImportTarget): string[] {
  // The engine hands the plugin only its own config namespace.
  const ns = target === "plugin" ? "tencentcloud-live" : "tencentcloud";
  const lines = [
    "Pulumi reads the credentials as this command did: TENCENTCLOUD_SECRET_ID and " +
      `TENCENTCLOUD_SECRET_KEY, or the stack config ${ns}:secretId and ${ns}:secretKey.`,
  ];
  if (new URL(endpoint).origin !== new URL(DEFAULT_ENDPOINT).origin) {
    lines.push(
      `The endpoint ${endpoint} is not the default: keep TENCENTCLOUD_LIVE_ENDPOINT set, or set ` +
        "tencentcloud-live:endpoint in the stack config.",
    );
  }
  return lines;
}
