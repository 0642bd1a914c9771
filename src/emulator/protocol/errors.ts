/**
 * The one error type the emulator throws while handling an API request. The pipeline in
 * `pipeline.ts` catches it and turns it into the API 3.0 error envelope, so validation code deep in
 * the action handlers can stop with a Tencent error code without threading results back up.
 */

/** A Tencent Cloud API error: answered as HTTP 200 with `Response.Error.{Code,Message}`. */
export class ApiError extends Error {
  /** Tencent error code such as `InvalidParameter` or `AuthFailure.SignatureFailure`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

/** Throws an {@link ApiError}; reads better than `throw new ApiError(...)` inside expressions. */
export function fail(code: string, message: string): never {
  throw new ApiError(code, message);
}
