/**
 * Fields that arrive as JSON text inside the JSON body (`callback_ext`, `record_detail`):
 * decoding them without throwing, and reporting a malformed one.
 */
import { formatIssues } from "./issues";
import type { CallbackSchema } from "./schema";

/**
 * A field of JSON text, decoded. The original text is always there, unchanged; a text that is
 * not JSON, or whose JSON breaks the documented shape, is reported in `issues`, never thrown.
 *
 * @typeParam T - The documented shape of the decoded JSON.
 */
export type DecodedJsonText<T> =
  | {
      /** The text is JSON of the documented shape. */
      ok: true;
      /** The decoded value; fields the platform adds later are kept. */
      value: T;
      /** The field as it arrived. */
      text: string;
    }
  | {
      /** The text is not JSON, or not of the documented shape. */
      ok: false;
      /** One `path: problem` line per problem, e.g. `(body): Unexpected token …`. */
      issues: string[];
      /** The field as it arrived. */
      text: string;
    };

/**
 * Decodes `text` as JSON and validates it with `schema`. `undefined` when the field is absent or
 * empty (the documents mark these fields optional).
 */
export function decodeJsonText<T>(
  text: string | undefined,
  schema: CallbackSchema<T>,
): DecodedJsonText<T> | undefined {
  if (text === undefined || text === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [`(body): not JSON: ${(e as Error).message}`], text };
  }
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data, text }
    : { ok: false, issues: formatIssues(result.error.issues), text };
}
