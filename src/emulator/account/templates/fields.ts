/**
 * The template fields the emulator stores: the library's table from `src/api/fields.ts` plus the
 * deprecated `StreamMixNotifyUrl`, which the real API's Create still accepts (Modify does not)
 * and Describe returns even though this library does not manage it. Validation, storage and Describe output are all driven by this list.
 */
import { TEMPLATE_FIELDS, type TemplateApiName, type TemplateFieldKind } from "../../../api/fields";

/** Name of any template field the emulator stores (the API's PascalCase names). */
export type EmulatorTemplateFieldName = TemplateApiName | "StreamMixNotifyUrl";

/** Name of a template field that holds a string (every field but RecordExceptionLevels). */
export type TemplateTextFieldName = Exclude<EmulatorTemplateFieldName, "RecordExceptionLevels">;

/** One row of {@link EMULATOR_TEMPLATE_FIELDS}. */
export interface EmulatorTemplateField {
  readonly api: EmulatorTemplateFieldName;
  readonly kind: TemplateFieldKind;
  /** True when Describe never returns the field (RecordStatusNotifyUrl). */
  readonly writeOnly?: true;
  /**
   * True when only CreateLiveCallbackTemplate takes the field (the deprecated
   * StreamMixNotifyUrl): ModifyLiveCallbackTemplate does not define it, so it is an unknown
   * parameter there, and a stored value can no longer be changed.
   */
  readonly createOnly?: true;
}

/** Every field a template stores, in the library's order, the deprecated stream-mix URL last. */
export const EMULATOR_TEMPLATE_FIELDS: readonly EmulatorTemplateField[] = [
  ...TEMPLATE_FIELDS.map(({ api, kind, writeOnly }) =>
    writeOnly ? { api, kind, writeOnly } : { api, kind },
  ),
  { api: "StreamMixNotifyUrl", kind: "url", createOnly: true },
];

/** Names of the string-valued fields, i.e. everything stored as `""` when unset. */
export const TEXT_FIELD_NAMES: readonly TemplateTextFieldName[] = EMULATOR_TEMPLATE_FIELDS.filter(
  (f) => f.kind !== "levels",
).map((f) => f.api as TemplateTextFieldName);

/** Names of the callback URL fields; a template must keep at least one of them non-empty. */
export const URL_FIELD_NAMES: readonly TemplateTextFieldName[] = EMULATOR_TEMPLATE_FIELDS.filter(
  (f) => f.kind === "url",
).map((f) => f.api as TemplateTextFieldName);

/** A template as the emulator keeps it: every field present, unset strings as `""`. */
export type StoredTemplate = {
  /** The id the emulator gave the template; ids only grow. */
  TemplateId: number;
  /** The recording-exception levels the template selects; `[]` when unset. */
  RecordExceptionLevels: string[];
} & Record<TemplateTextFieldName, string>;

/** Parameter names of the template fields CreateLiveCallbackTemplate takes. */
export const CREATE_TEMPLATE_PARAMS: readonly string[] = EMULATOR_TEMPLATE_FIELDS.map((f) => f.api);

/** Parameter names of the template fields ModifyLiveCallbackTemplate takes. */
export const MODIFY_TEMPLATE_PARAMS: readonly string[] = EMULATOR_TEMPLATE_FIELDS.filter(
  (f) => !f.createOnly,
).map((f) => f.api);
