/** The API key pair the emulator accepts, and its well-known default. */

/** The one API key pair (plus optional session token) the emulator accepts. */
export interface EmulatorCredentials {
  /** The SecretId requests must be signed with. */
  secretId: string;
  /** The SecretKey requests must be signed with. */
  secretKey: string;
  /** When set, every request must carry it in `X-TC-Token` (temporary credentials). */
  token?: string;
}

/**
 * Credentials used when none are given. They are public on purpose: the emulator is a local test
 * double, and a fixed pair lets a stack or a test point at it without any setup.
 */
export const DEFAULT_EMULATOR_CREDENTIALS: Readonly<EmulatorCredentials> = Object.freeze({
  secretId: "AKIDLOCALEMULATOR",
  secretKey: "local-emulator-secret-key",
});

/** A copy of `credentials` after checking them; throws an `Error` naming what is missing. */
export function checkCredentials(credentials: EmulatorCredentials): EmulatorCredentials {
  if (!credentials.secretId || !credentials.secretKey) {
    throw new Error("credentials need a non-empty secretId and secretKey");
  }
  if (credentials.token !== undefined && !credentials.token) {
    throw new Error("credentials.token, when given, must not be empty");
  }
  return { ...credentials };
}
