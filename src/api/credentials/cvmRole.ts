/**
 * The CAM role bound to a CVM instance, from its metadata service. Unlike the SDK's
 * `CvmRoleCredential`, the address is a setting (the emulator serves the same routes) and each
 * request has a timeout.
 */
import { z } from "zod";
import { CredentialError, type CredentialSource } from "./types";

/** The metadata service of a CVM instance. */
export const DEFAULT_METADATA_ENDPOINT = "http://metadata.tencentyun.com";
/** Path under which the bound role's credentials are served. */
export const CREDENTIALS_PATH = "/latest/meta-data/cam/security-credentials/";

const answerSchema = z.looseObject({
  TmpSecretId: z.string().min(1),
  TmpSecretKey: z.string().min(1),
  Token: z.string().min(1),
  ExpiredTime: z.number(),
  Code: z.string().optional(),
});

/** Options of {@link cvmRoleSource}. */
export interface CvmRoleOptions {
  endpoint: URL;
  timeoutMs: number;
  /** The HTTP client; tests inject one. */
  fetch?: typeof fetch;
}

/**
 * A source asking the metadata service for the credentials of role `roleName`. A missing role
 * (404), a timeout or an answer without credentials fails naming `label`.
 */
export function cvmRoleSource(
  roleName: string,
  label: string,
  options: CvmRoleOptions,
): CredentialSource {
  const doFetch = options.fetch ?? fetch;
  return {
    label,
    async fetch() {
      const url = new URL(CREDENTIALS_PATH + encodeURIComponent(roleName), options.endpoint);
      let res: Response;
      try {
        res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (err) {
        const reason =
          (err as Error).name === "TimeoutError" ? "timed out" : (err as Error).message;
        throw new CredentialError(label, `the metadata service at ${url.origin} ${reason}.`);
      }
      if (res.status === 404) {
        throw new CredentialError(
          label,
          `the instance has no CAM role named "${roleName}" (metadata answered 404).`,
        );
      }
      if (!res.ok) {
        throw new CredentialError(label, `the metadata service answered HTTP ${res.status}.`);
      }
      const parsed = answerSchema.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success || (parsed.data.Code !== undefined && parsed.data.Code !== "Success")) {
        throw new CredentialError(label, "the metadata service gave no complete credentials.");
      }
      const a = parsed.data;
      return {
        secretId: a.TmpSecretId,
        secretKey: a.TmpSecretKey,
        token: a.Token,
        expiresAtMs: a.ExpiredTime * 1000,
      };
    },
  };
}
