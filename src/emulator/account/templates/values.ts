/**
 * Validation of the template fields a Create or Modify request sets, with the codes the real API
 * answers: a wrongly typed value is `InvalidParameter`, a name, description or key outside its
 * character set or length is `InvalidParameter`, a URL that is not http(s) or an unknown
 * exception level is `InvalidParameterValue`, and (when the `unsafeUrls` switch says so) a URL
 * to a local address is `InvalidParameter.UrlNotSafe`.
 */
import { RECORD_EXCEPTION_LEVELS } from "../../../api/fields";
import {
  DESCRIPTION_MAX_BYTES,
  KEY_CHARSET,
  NAME_CHARSET,
  TEMPLATE_NAME_MAX_BYTES,
  utf8Bytes,
} from "../../../api/names";
import type { UnsafeUrlsMode } from "../../config/switches";
import { fail } from "../../protocol/errors";
import type { Params } from "../../protocol/params";
import {
  EMULATOR_TEMPLATE_FIELDS,
  type StoredTemplate,
  type TemplateTextFieldName,
} from "./fields";
import { unsafeHostKind } from "./urlSafety";

/** Template fields a Create or Modify request set, already validated. */
export type TemplateFieldValues = Partial<Omit<StoredTemplate, "TemplateId">>;

/**
 * Validates every template field present in `params` and returns their values. `""` is kept as
 * is (it clears a field on Modify); only TemplateName may not be empty, since a template without
 * a name cannot be shown or found in the console.
 */
export function readTemplateFields(
  params: Params,
  unsafeUrls: UnsafeUrlsMode,
): TemplateFieldValues {
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
    if (field.kind === "url") checkUrl(name, raw, unsafeUrls);
    else if (field.kind === "secret") checkKey(name, raw);
    else
      checkText(
        name,
        raw,
        name === "TemplateName" ? TEMPLATE_NAME_MAX_BYTES : DESCRIPTION_MAX_BYTES,
      );
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

function checkUrl(name: string, value: string, unsafeUrls: UnsafeUrlsMode): void {
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
  const unsafe = unsafeUrls === "reject" ? unsafeHostKind(value) : undefined;
  if (unsafe) {
    fail(
      "InvalidParameter.UrlNotSafe",
      `\`${name}\` ${JSON.stringify(value)} is not safe: its host is a ${unsafe} address.`,
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
  if (utf8Bytes(value) > maxBytes) {
    fail("InvalidParameter", `\`${name}\` is longer than ${maxBytes} bytes.`);
  }
  if (!NAME_CHARSET.test(value)) {
    fail(
      "InvalidParameter",
      `\`${name}\` may contain only Chinese characters, letters, digits, _ and -.`,
    );
  }
}
