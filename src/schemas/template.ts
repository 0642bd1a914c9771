/** The inputs of a `CallbackTemplate`: the single source of their types and rules. */
import { z } from "zod";
import { RECORD_EXCEPTION_LEVELS, TEMPLATE_FIELDS } from "../api/fields";
import { DESCRIPTION_MAX_BYTES, TEMPLATE_NAME_MAX_BYTES } from "../api/names";
import { apiText, callbackKeyRule, callbackUrl } from "./rules";
import type { Assert, SameType } from "./sameType";
import type { CallbackTemplateInputs } from "./templateInputs";

export type { CallbackTemplateInputs, RecordExceptionLevel } from "./templateInputs";

const levels = z
  .array(
    z.enum(RECORD_EXCEPTION_LEVELS, {
      error: `must be one of ${RECORD_EXCEPTION_LEVELS.map((l) => `"${l}"`).join(", ")}`,
    }),
    { error: "must be a list of levels" },
  )
  .refine((l) => new Set(l).size === l.length, { message: "must not repeat a level" });

/**
 * Validation schema of {@link CallbackTemplateInputs}, where each property's rule is documented
 * for users (the schema only enforces it).
 */
export const callbackTemplateSchema = z.object({
  templateName: apiText(TEMPLATE_NAME_MAX_BYTES, true),
  description: apiText(DESCRIPTION_MAX_BYTES, false).optional(),
  streamBeginNotifyUrl: callbackUrl.optional(),
  streamEndNotifyUrl: callbackUrl.optional(),
  recordNotifyUrl: callbackUrl.optional(),
  recordStatusNotifyUrl: callbackUrl.optional(),
  snapshotNotifyUrl: callbackUrl.optional(),
  pornCensorshipNotifyUrl: callbackUrl.optional(),
  pushExceptionNotifyUrl: callbackUrl.optional(),
  audioAuditNotifyUrl: callbackUrl.optional(),
  recordExceptionNotifyUrl: callbackUrl.optional(),
  recordExceptionLevels: levels.optional(),
  callbackKey: callbackKeyRule.optional(),
  adopt: z.boolean({ error: "must be true or false" }).optional(),
});

/**
 * Compile-time proof that the documented {@link CallbackTemplateInputs} is exactly what the
 * schema accepts and returns: `tsc` fails when they drift apart.
 */
export type CallbackTemplateInputsMatchSchema = [
  Assert<SameType<CallbackTemplateInputs, z.input<typeof callbackTemplateSchema>>>,
  Assert<SameType<CallbackTemplateInputs, z.output<typeof callbackTemplateSchema>>>,
];

/** Input names of the callback URL properties. */
export const TEMPLATE_URL_INPUTS = TEMPLATE_FIELDS.filter((f) => f.kind === "url").map(
  (f) => f.input as keyof CallbackTemplateInputs,
);

/** The rule that spans properties: a template needs somewhere to send events. */
export const AT_LEAST_ONE_URL = `at least one callback URL must be set (${TEMPLATE_URL_INPUTS.join(", ")})`;
