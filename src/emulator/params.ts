/**
 * Validation of action parameters, with the error codes the real API uses: a parameter of the
 * wrong JSON type or an unknown one is `InvalidParameter`, a well-typed but unacceptable value is
 * `InvalidParameterValue` (or the action's specific code), a missing one is `MissingParameter`.
 */
import { RECORD_EXCEPTION_LEVELS } from "../api/fields";
import { fail } from "./errors";
import {
  EMULATOR_TEMPLATE_FIELDS,
  type StoredTemplate,
  type TemplateTextFieldName,
} from "./fields";
import { isHostName, KEY_CHARSET, NAME_CHARSET } from "../api/names";

/** The JSON object an action received. */
export type Params = Record<string, unknown>;

/** Template fields a Create or Modify request set, already validated. */
export type TemplateFieldValues = Partial<Omit<StoredTemplate, "TemplateId">>;

/** API limit on TemplateName, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;
/** API limit on Description, in UTF-8 bytes. */
const MAX_DESCRIPTION_BYTES = 1024;

/**
 * Rejects parameters the action does not know (`InvalidParameter`) and reports the first missing
 * required one (`MissingParameter`). Both messages name the parameter.
 */
export function checkParamNames(
  action: string,
  params: Params,
  allowed: readonly string[],
  required: readonly string[] = [],
): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) {
      fail("InvalidParameter", `The parameter \`${name}\` is not recognized by ${action}.`);
    }
  }
  for (const name of required) {
    if (params[name] === undefined) {
      fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
    }
  }
}

/** Reads an integer id such as TemplateId; a string or fraction is `InvalidParameter`. */
export function readTemplateId(params: Params, name = "TemplateId"): number {
  const value = params[name];
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    fail("InvalidParameter", `The parameter \`${name}\` must be an integer.`);
  }
  return value;
}

/** Reads a string parameter; a value of another JSON type is `InvalidParameter`. */
export function readString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    fail("InvalidParameter", `The parameter \`${name}\` must be a string.`);
  return value;
}

/** Reads a required DomainName and checks it is a host name (`InvalidParameter.DomainFormatError`). */
export function readDomainName(params: Params): string {
  const domain = readString(params, "DomainName") ?? "";
  if (!isHostName(domain)) {
    fail(
      "InvalidParameter.DomainFormatError",
      `\`DomainName\` ${JSON.stringify(domain)} is not a valid domain name.`,
    );
  }
  return domain;
}

/**
 * Reads a required AppName: the push path segment, so it must be non-empty and contain neither
 * `/` nor white space (`InvalidParameterValue`).
 */
export function readAppName(params: Params): string {
  const app = readString(params, "AppName") ?? "";
  if (!app || /[\s/]/.test(app)) {
    fail("InvalidParameterValue", `\`AppName\` ${JSON.stringify(app)} is not a valid push path.`);
  }
  return app;
}

/**
 * Validates every template field present in `params` and returns their values. `""` is kept as
 * is (it clears a field on Modify); only TemplateName may not be empty, since a template without
 * a name cannot be shown or found in the console.
 */
export function readTemplateFields(params: Params): TemplateFieldValues {
  const values: TemplateFieldValues = {};
  for (const field of EMULATOR_TEMPLATE_FIELDS) {
    const raw = params[field.api];
    if (raw === undefined) continue;
    if (field.kind === "levels") {
      values.RecordExceptionLevels = readLevels(raw);
      continue;
    }
    const name = field.api as TemplateTextFieldName;
    if (typeof raw !== "string")
      fail("InvalidParameter", `The parameter \`${name}\` must be a string.`);
    if (field.kind === "url") checkUrl(name, raw);
    else if (field.kind === "secret") checkKey(name, raw);
    else checkText(name, raw, name === "TemplateName" ? MAX_NAME_BYTES : MAX_DESCRIPTION_BYTES);
    values[name] = raw;
  }
  return values;
}

function readLevels(raw: unknown): string[] {
  if (!Array.isArray(raw) || !raw.every((v) => typeof v === "string")) {
    fail("InvalidParameter", "The parameter `RecordExceptionLevels` must be an array of strings.");
  }
  for (const level of raw) {
    if (!(RECORD_EXCEPTION_LEVELS as readonly string[]).includes(level)) {
      fail(
        "InvalidParameterValue",
        `\`RecordExceptionLevels\` value ${JSON.stringify(level)} is not one of ${RECORD_EXCEPTION_LEVELS.join(", ")}.`,
      );
    }
  }
  return [...raw];
}

function checkUrl(name: string, value: string): void {
  if (value === "") return;
  let protocol = "";
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = "";
  }
  // `new URL` trims surrounding white space; the API stores the string verbatim, so refuse it.
  if ((protocol !== "http:" && protocol !== "https:") || /\s/.test(value)) {
    fail(
      "InvalidParameterValue",
      `\`${name}\` must be an http or https URL, got ${JSON.stringify(value)}.`,
    );
  }
}

function checkKey(name: string, value: string): void {
  if (!KEY_CHARSET.test(value)) {
    fail("InvalidParameter", `\`${name}\` may contain only letters and digits.`);
  }
}

function checkText(name: string, value: string, maxBytes: number): void {
  if (name === "TemplateName" && value === "") {
    fail("InvalidParameter", "`TemplateName` must not be empty.");
  }
  if (Buffer.byteLength(value, "utf8") > maxBytes) {
    fail("InvalidParameter", `\`${name}\` is longer than ${maxBytes} bytes.`);
  }
  if (!NAME_CHARSET.test(value)) {
    fail(
      "InvalidParameter",
      `\`${name}\` may contain only Chinese characters, letters, digits, _ and -.`,
    );
  }
}
