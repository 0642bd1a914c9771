/**
 * A TKE pod's service-account role (`enablePodOidc`): the four `TKE_*` variables name the
 * region, the identity provider, the token file (a raw JWT, rotated by the kubelet, so read at
 * each renewal) and the role.
 */
import { DEFAULT_SESSION_NAME, DEFAULT_SESSION_SECONDS, ROLE_ARN } from "./inputs";
import { TKE_VARIABLES } from "./keys";
import type { StsTransport } from "./sts";
import { CredentialError, type CredentialSource } from "./types";
import { webIdentitySource } from "./webIdentity";

/**
 * A web-identity source from the pod's `TKE_*` variables. Throws a {@link CredentialError}
 * naming the variables that are missing or malformed.
 */
export function podOidcSource(
  env: NodeJS.ProcessEnv,
  transport: Omit<StsTransport, "region">,
  label: string,
): CredentialSource {
  const missing = Object.values(TKE_VARIABLES).filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new CredentialError(label, `${missing.join(", ")} not set in the pod's environment.`);
  }
  const roleArn = env[TKE_VARIABLES.roleArn]!.trim();
  if (!ROLE_ARN.test(roleArn)) {
    throw new CredentialError(label, `${TKE_VARIABLES.roleArn} is not a role ARN ("${roleArn}").`);
  }
  return webIdentitySource(
    {
      providerId: env[TKE_VARIABLES.providerId]!.trim(),
      roleArn,
      tokenFile: env[TKE_VARIABLES.tokenFile]!.trim(),
      sessionName: DEFAULT_SESSION_NAME,
      sessionDuration: DEFAULT_SESSION_SECONDS,
    },
    { ...transport, region: env[TKE_VARIABLES.region]!.trim() },
    label,
  );
}
