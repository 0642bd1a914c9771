/** The inputs of a `CallbackTemplate`: the single source of their types and rules. */
import { z } from "zod";
import { RECORD_EXCEPTION_LEVELS, TEMPLATE_FIELDS } from "../api/fields";
import { callbackKeyRule, callbackUrl, consoleText } from "./rules";
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

/** Validation schema of {@link CallbackTemplateInputs}. */
export const callbackTemplateSchema = z.object({
  /** Template name: Chinese characters, letters, digits, `_`, `-`; at most 30 characters. */
  templateName: consoleText(30, true),
  /** Description: same character set as the name; at most 100 characters. */
  description: consoleText(100, false).optional(),
  /** Receives stream begin (push started) events. */
  streamBeginNotifyUrl: callbackUrl.optional(),
  /** Receives stream end (push stopped) events. */
  streamEndNotifyUrl: callbackUrl.optional(),
  /** Receives recording file events. */
  recordNotifyUrl: callbackUrl.optional(),
  /** Receives recording status events. Write-only: the API never returns it. */
  recordStatusNotifyUrl: callbackUrl.optional(),
  /** Receives snapshot events. */
  snapshotNotifyUrl: callbackUrl.optional(),
  /** Receives image (porn) audit events. */
  pornCensorshipNotifyUrl: callbackUrl.optional(),
  /** Receives push exception events. */
  pushExceptionNotifyUrl: callbackUrl.optional(),
  /** Receives audio audit events. */
  audioAuditNotifyUrl: callbackUrl.optional(),
  /** Receives recording exception events. */
  recordExceptionNotifyUrl: callbackUrl.optional(),
  /** Which recording exceptions are reported: any of `error`, `warning`, `info`. */
  recordExceptionLevels: levels.optional(),
  /** Key that signs every event (`sign = md5(key + t)`): letters and digits, at most 32. Secret. */
  callbackKey: callbackKeyRule.optional(),
  /** Take over an existing template with the same name instead of refusing to create. */
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
