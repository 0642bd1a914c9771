/** Everything the emulated account holds: templates, rules and the template id counter. */
import type { StoredRule } from "./rules/rule";
import type { StoredTemplate } from "./templates/fields";

/** Everything the emulated account holds; what the state file persists. */
export interface EmulatorData {
  /** Id the next created template gets. Ids only grow and are never reused, as in the API. */
  nextTemplateId: number;
  /** Templates in creation order. */
  templates: StoredTemplate[];
  /** Rules in creation order. */
  rules: StoredRule[];
}

/** Id of the first template of a fresh account; fixed so that tests can predict ids. */
export const FIRST_TEMPLATE_ID = 1000;

/** A fresh, empty account. */
export function emptyData(nextTemplateId = FIRST_TEMPLATE_ID): EmulatorData {
  return { nextTemplateId, templates: [], rules: [] };
}

/** A deep copy, so callers can never mutate the emulator's data through a snapshot. */
export function cloneData(data: EmulatorData): EmulatorData {
  return structuredClone(data);
}
