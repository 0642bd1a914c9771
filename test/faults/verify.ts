/**
 * What "converged" means after a faulty `up`, checked against the emulator's own record of the
 * account (not through the client under test): every declared template and rule exists exactly
 * once with the declared values, nothing else exists, and the checkpoint points at the live ids.
 */
import { TEMPLATE_FIELDS } from "../../src/api/fields";
import type { EmulatorSnapshot, StoredTemplate } from "../../src/emulator";
import type { StackDecl } from "./declared";
import type { StackState } from "./stack";

/** Problems found, by kind; all empty means converged. */
export interface Convergence {
  /** Extra templates sharing a declared name (each extra one counts once). */
  duplicates: string[];
  /** Templates or rules in the account that the stack does not declare. */
  orphans: string[];
  /** Declared objects that are missing or hold other values, and checkpoint mismatches. */
  drift: string[];
}

/** Options of {@link checkConvergence}. */
export interface ConvergenceOptions {
  /** Templates made outside the stack (e.g. with the SDK) that are expected to be there. */
  foreign?: (t: StoredTemplate) => boolean;
  /** Rules made outside the stack, as `domain/app`. */
  foreignRules?: readonly string[];
}

/** Compares the emulator's account with the declared stack and the checkpoint. */
export function checkConvergence(
  live: EmulatorSnapshot,
  stack: StackDecl,
  state: StackState,
  options: ConvergenceOptions = {},
): Convergence {
  const result: Convergence = { duplicates: [], orphans: [], drift: [] };
  const ours = live.templates.filter((t) => !options.foreign?.(t));
  const idsByName = new Map<string, number[]>();
  for (const t of ours)
    idsByName.set(t.TemplateName, [...(idsByName.get(t.TemplateName) ?? []), t.TemplateId]);

  for (const [name, ids] of idsByName) {
    if (ids.length > 1)
      result.duplicates.push(`template "${name}" ×${ids.length} (${ids.join(", ")})`);
  }
  const declaredNames = new Set(stack.templates.map((t) => t.inputs.templateName));
  for (const t of ours) {
    if (!declaredNames.has(t.TemplateName))
      result.orphans.push(`template ${t.TemplateId} "${t.TemplateName}"`);
  }

  for (const d of stack.templates) {
    const matches = ours.filter((t) => t.TemplateName === d.inputs.templateName);
    const inState = state.templates.get(d.name);
    if (matches.length === 0) {
      result.drift.push(`template ${d.name} is missing`);
      continue;
    }
    if (!inState || !matches.some((t) => String(t.TemplateId) === inState.id)) {
      result.drift.push(`template ${d.name}: the checkpoint does not hold the live id`);
    }
    for (const t of matches) result.drift.push(...fieldDrift(d.name, d.inputs, t));
  }

  const foreignRules = new Set(options.foreignRules ?? []);
  const declaredRules = new Map(stack.bindings.map((b) => [`${b.domainName}/${b.appName}`, b]));
  for (const r of live.rules) {
    const key = `${r.DomainName}/${r.AppName}`;
    if (foreignRules.has(key)) continue;
    const b = declaredRules.get(key);
    if (!b) {
      result.orphans.push(`rule ${key}`);
      continue;
    }
    const want = state.templates.get(b.template)?.id;
    if (String(r.TemplateId) !== want) {
      result.drift.push(`rule ${key} points at ${r.TemplateId}, declared ${b.template} (${want})`);
    }
    if (!state.bindings.has(b.name))
      result.drift.push(`binding ${b.name} is not in the checkpoint`);
  }
  for (const key of declaredRules.keys()) {
    if (!live.rules.some((r) => `${r.DomainName}/${r.AppName}` === key)) {
      result.drift.push(`rule ${key} is missing`);
    }
  }
  return result;
}

/** Fields of one live template that differ from its declaration. */
function fieldDrift(name: string, inputs: Record<string, unknown>, live: StoredTemplate): string[] {
  const out: string[] = [];
  for (const f of TEMPLATE_FIELDS) {
    const declared = inputs[f.input];
    const have: unknown = live[f.api];
    const same =
      f.kind === "levels"
        ? JSON.stringify([...((declared as string[]) ?? [])].sort()) ===
          JSON.stringify([...(have as string[])].sort())
        : ((declared as string | undefined) ?? "") === have;
    // Values are not printed: one of the fields is the callback key.
    if (!same) out.push(`template ${name}: ${f.api} differs`);
  }
  return out;
}

/** True when nothing is wrong. */
export function isConverged(c: Convergence): boolean {
  return c.duplicates.length + c.orphans.length + c.drift.length === 0;
}
