/**
 * The face of a schema that the `/callbacks` declarations show: what they promise about the
 * event schemas, so that a receiver project type-checks without the validation library's
 * declarations. The schemas themselves (in each family's schema.ts, the one place the rules are
 * enforced) fit this interface.
 */

/** One problem found while validating a value. */
export interface CallbackSchemaIssue {
  /** Where the problem is: property names and array indexes from the root, e.g. `["file_size"]`. */
  readonly path: readonly PropertyKey[];
  /** What is wrong, e.g. `Invalid input: expected number, received string`. */
  readonly message: string;
}

/** Why a value was refused: every problem found. */
export interface CallbackSchemaError {
  /** The problems, one per rule broken. */
  readonly issues: readonly CallbackSchemaIssue[];
  /** All the problems in one text. */
  readonly message: string;
}

/** Result of {@link CallbackSchema.safeParse}: the typed value, or why it was refused. */
export type CallbackSchemaResult<T> =
  | {
      /** The value follows the rules. */
      success: true;
      /** The value, typed (integers sent as text are numbers here). */
      data: T;
    }
  | {
      /** The value breaks a rule. */
      success: false;
      /** The problems found. */
      error: CallbackSchemaError;
    };

/**
 * A validator of callback event bodies (or of the JSON inside one of their fields), producing
 * `T`. Every object is loose: fields the platform adds later are kept.
 *
 * @typeParam T - What a valid value becomes.
 */
export interface CallbackSchema<T> {
  /** Validates `value`; returns the typed value, or throws an error listing the problems. */
  parse(value: unknown): T;
  /** Validates `value` and never throws: `{ success: true, data }` or `{ success: false, error }`. */
  safeParse(value: unknown): CallbackSchemaResult<T>;
}
