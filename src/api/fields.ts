/**
 * The fields of a callback template, in one table: the camelCase name users write, the API's
 * PascalCase name, and what kind of value it holds. Schemas, the provider's mapping and diff, and
 * the emulator all read this table so that adding a field is a one-line change.
 */

/** How a template field is validated, compared and displayed. */
export type TemplateFieldKind = "text" | "url" | "secret" | "levels";

/** One row of {@link TEMPLATE_FIELDS}. */
export interface TemplateField {
  /** Property name on `CallbackTemplate` (camelCase of the API name). */
  readonly input: TemplateInputName;
  /** Field name in the Live API 3.0 requests and responses. */
  readonly api: TemplateApiName;
  readonly kind: TemplateFieldKind;
  /**
   * True when Describe never returns the field (RecordStatusNotifyUrl): drift cannot be seen,
   * so diff compares it with the last applied value instead.
   */
  readonly writeOnly?: true;
}

/** API names of the callback URL fields a template can carry (StreamMixNotifyUrl is deprecated and not exposed). */
export const TEMPLATE_URL_API_NAMES = [
  "StreamBeginNotifyUrl",
  "StreamEndNotifyUrl",
  "RecordNotifyUrl",
  "RecordStatusNotifyUrl",
  "SnapshotNotifyUrl",
  "PornCensorshipNotifyUrl",
  "PushExceptionNotifyUrl",
  "AudioAuditNotifyUrl",
  "RecordExceptionNotifyUrl",
] as const;

/** API name of any template field this library manages. */
export type TemplateApiName =
  | "TemplateName"
  | "Description"
  | "CallbackKey"
  | "RecordExceptionLevels"
  | (typeof TEMPLATE_URL_API_NAMES)[number];

/** Input name of any template field this library manages. */
export type TemplateInputName = Uncapitalize<TemplateApiName>;

function row(api: TemplateApiName, kind: TemplateFieldKind, writeOnly?: true): TemplateField {
  const input = (api.charAt(0).toLowerCase() + api.slice(1)) as TemplateInputName;
  return writeOnly ? { input, api, kind, writeOnly } : { input, api, kind };
}

/** Every managed template field, in the order the console shows them. */
export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  row("TemplateName", "text"),
  row("Description", "text"),
  ...TEMPLATE_URL_API_NAMES.map((api) =>
    row(api, "url", api === "RecordStatusNotifyUrl" ? true : undefined),
  ),
  row("RecordExceptionLevels", "levels"),
  row("CallbackKey", "secret"),
];

/** Allowed values of RecordExceptionLevels. */
export const RECORD_EXCEPTION_LEVELS = ["error", "warning", "info"] as const;

/** Account-wide quota on callback templates. */
export const MAX_TEMPLATES = 50;
