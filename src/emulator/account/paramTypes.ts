/**
 * The parameters of the emulated actions whose JSON type is not a string, for requests whose
 * parameters arrive as text (signature v1, TC3 over GET or multipart): `protocol/flatParams.ts`
 * converts them before the handler sees them. Arrays need no entry: their flattened names
 * (`RecordExceptionLevels.0`) already say so.
 */
import type { ParamTypes } from "../protocol/flatParams";

/** Non-string parameters shared by every action that takes them. */
export const ACTION_PARAM_TYPES: ParamTypes = { TemplateId: "integer" };
