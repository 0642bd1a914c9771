/**
 * The level of an emulated recording exception event (341). The platform sends that event only
 * for the levels the template selects in RecordExceptionLevels, so the emulator refuses to send
 * one of another level rather than deliver something the real platform never would.
 */
import type { StoredTemplate } from "../account/templates/fields";

/** Why no recording exception event can be sent; the events route answers it with 400 or 409. */
export class ExceptionLevelError extends Error {
  /** 400: `exception_level` is not a string; 409: the template does not select the level. */
  readonly status: 400 | 409;

  constructor(status: 400 | 409, message: string) {
    super(message);
    this.name = "ExceptionLevelError";
    this.status = status;
  }
}

/**
 * The level to send: the requested `exception_level` when the template selects it, else the
 * first level the template selects.
 *
 * @param where - How the template is named in messages, e.g. `template 1000 (hooks) bound to …`.
 * @throws ExceptionLevelError when the requested level is not a string (400), or the template
 *   selects no level or not the requested one (409).
 */
export function chooseExceptionLevel(
  template: StoredTemplate,
  requested: unknown,
  where: string,
): string {
  if (requested !== undefined && typeof requested !== "string") {
    throw new ExceptionLevelError(400, "exception_level must be a string such as error");
  }
  const selected = template.RecordExceptionLevels;
  if (selected.length === 0) {
    throw new ExceptionLevelError(
      409,
      `${where} selects no RecordExceptionLevels, so the platform sends it no recording ` +
        `exception events; select levels in the template first`,
    );
  }
  if (requested === undefined) return selected[0];
  if (!selected.includes(requested)) {
    throw new ExceptionLevelError(
      409,
      `${where} selects RecordExceptionLevels ${selected.join(", ")}, not ${JSON.stringify(requested)}: ` +
        `the platform sends no recording exception event of that level`,
    );
  }
  return requested;
}
