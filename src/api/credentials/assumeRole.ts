/**
 * STS AssumeRole, signed with the credential before it in the chain (static keys, a profile,
 * the instance role or another assumed role).
 */
import type { AssumeRoleInput } from "./inputs";
import { callSts, credentialOf, type StsCredentialsAnswer, type StsTransport } from "./sts";
import { stsCredentialError } from "./stsError";
import type { CredentialProvider, CredentialSource } from "./types";

/** The AssumeRole request parameters of `input`. */
export function assumeRoleParams(
  input: Omit<AssumeRoleInput, "origin">,
): Record<string, string | number> {
  return {
    RoleArn: input.roleArn,
    RoleSessionName: input.sessionName,
    DurationSeconds: input.sessionDuration,
    ...(input.policy ? { Policy: encodeURIComponent(input.policy) } : {}),
    ...(input.externalId ? { ExternalId: input.externalId } : {}),
    ...(input.sourceIdentity ? { SourceIdentity: input.sourceIdentity } : {}),
  };
}

/** A source assuming `input.roleArn` with credentials from `base`. */
export function assumeRoleSource(
  input: Omit<AssumeRoleInput, "origin">,
  base: CredentialProvider,
  transport: StsTransport,
  label: string,
): CredentialSource {
  return {
    label,
    async fetch() {
      // Awaited here first so that a failing base source reports itself, not a network error.
      await base.getCredential();
      try {
        const answer = await callSts<StsCredentialsAnswer>(
          transport,
          "AssumeRole",
          assumeRoleParams(input),
          base,
        );
        return credentialOf(answer);
      } catch (err) {
        throw stsCredentialError(label, "AssumeRole", err);
      }
    },
  };
}
