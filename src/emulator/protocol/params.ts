/**
 * Reading the parameters of an API request, with the error codes of the API 3.0 protocol: a body
 * that is not a JSON object or a parameter of the wrong JSON type is `InvalidParameter`, a
 * parameter the action does not define is `UnknownParameter`, a missing one `MissingParameter`.
 * Checks of a value's meaning belong to the action that reads it.
 */
import { fail } from "./errors";

/** The JSON object an action received. */
export type Params = Record<string, unknown>;

/** Parses a request body into {@link Params}; anything but a JSON object is `InvalidParameter`. */
export function parseParams(body: Buffer): Params {
  let params: unknown;
  try {
    params = JSON.parse(body.toString("utf8"));
  } catch {
    fail("InvalidParameter", "The request body is not valid JSON.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    fail("InvalidParameter", "The request body must be a JSON object.");
  }
  return params as Params;
}

/**
 * Rejects parameters the action does not define (`UnknownParameter`, the API 3.0 common code)
 * and reports the first missing required one (`MissingParameter`). Both messages name the
 * parameter.
 */
export function checkParamNames(
  action: string,
  params: Params,
  allowed: readonly string[],
  required: readonly string[] = [],
): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) {
      fail("UnknownParameter", `The parameter \`${name}\` is not recognized by ${action}.`);
    }
  }
  for (const name of required) {
    if (params[name] === undefined) {
      fail("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
    }
  }
}

/** Reads an integer parameter such as TemplateId; a string or fraction is `InvalidParameter`. */
export function readInteger(params: Params, name: string): number {
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
