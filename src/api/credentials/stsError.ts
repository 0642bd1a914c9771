/** Turns an STS failure into a {@link CredentialError} of the source that made the call. */
import { isStsFailure } from "./sts";
import { CredentialError } from "./types";

/** A {@link CredentialError} naming `label`, with the STS code and RequestId when known. */
export function stsCredentialError(label: string, action: string, err: unknown): CredentialError {
  if (err instanceof CredentialError) return err;
  if (isStsFailure(err)) {
    return new CredentialError(label, `${action} failed: ${err.message}`, {
      code: err.code || undefined,
      requestId: err.requestId || undefined,
    });
  }
  return new CredentialError(label, `${action} failed: ${(err as Error)?.message ?? String(err)}`);
}
