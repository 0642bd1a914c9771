/** Static keys from the stack config or the environment: the first source of the chain. */
import type { CredentialSource } from "./types";

/** A source that always gives the same key pair (and token, for pasted temporary keys). */
export function staticSource(
  keys: { secretId: string; secretKey: string; token?: string },
  label: string,
): CredentialSource {
  const credential = { secretId: keys.secretId, secretKey: keys.secretKey, token: keys.token };
  return { label, fetch: () => Promise.resolve({ ...credential }) };
}
