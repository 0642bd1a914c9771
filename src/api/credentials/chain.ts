/**
 * The credential chain, in the Terraform provider's order: each later source replaces the
 * current one, and role assumptions are signed with whatever is current, so they chain.
 *
 * static keys → tccli profile (only without static keys) → the instance's CAM role → the
 * profile's `role-arn` → `assumeRole` (or the TENCENTCLOUD_ASSUME_ROLE_* variables) →
 * `assumeRoleWithWebIdentity` (or its variables) → `enablePodOidc`.
 *
 * Unlike Terraform, which calls STS once, every temporary credential is renewed before it
 * expires (see `refresh.ts`).
 */
import { accountChecked } from "./accounts";
import { assumeRoleSource } from "./assumeRole";
import { cvmRoleSource } from "./cvmRole";
import { SettingsError } from "../configSource";
import { DEFAULT_SESSION_NAME, DEFAULT_SESSION_SECONDS, type CredentialInputs } from "./inputs";
import { CREDENTIAL_KEYS, TKE_VARIABLES } from "./keys";
import { podOidcSource } from "./podOidc";
import { profileExists, profileFile, profileSource, readProfile } from "./profile";
import { refreshing } from "./refresh";
import { staticSource } from "./static";
import type { StsTransport } from "./sts";
import type { CredentialProvider, CredentialSource } from "./types";
import { webIdentitySource } from "./webIdentity";

/** Everything the chain needs besides the inputs. */
export interface ChainOptions {
  inputs: CredentialInputs;
  env: NodeJS.ProcessEnv;
  /** STS endpoint and timeout; region as sent to STS. */
  sts: StsTransport;
  metadataEndpoint: URL;
  /** Timeout of a metadata request, in ms. */
  metadataTimeoutMs: number;
  /** Injected HTTP client for the metadata service (tests). */
  fetch?: typeof fetch;
  /** Clock (tests). */
  now?: () => number;
}

/** Message of a chain with no source at all; the settings keep its wording. */
export const MISSING_CREDENTIALS =
  "Tencent Cloud credentials are missing (secretId and secretKey). Set them in the stack config " +
  "(pulumi config set --secret tencentcloud:secretId <id>; pulumi config set --secret tencentcloud:secretKey <key>) " +
  "or in the environment (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY), or name another " +
  "source: tencentcloud:profile, tencentcloud:camRoleName, tencentcloud:assumeRoleWithWebIdentity, " +
  "tencentcloud:enablePodOidc (see the credentials table of docs/configuration.md).";

/**
 * In a pod whose `TKE_*` variables are set, the likely fix of missing credentials is the one
 * switch that has no variable: say so, naming the variables found (never their values).
 */
function podOidcHint(env: NodeJS.ProcessEnv): string {
  const found = Object.values(TKE_VARIABLES).filter((name) => env[name]?.trim());
  if (found.length === 0) return "";
  return (
    ` ${found.join(", ")} ${found.length === 1 ? "is" : "are"} set: to use the TKE pod's role, ` +
    `pulumi config set ${CREDENTIAL_KEYS.enablePodOidc.config} true.`
  );
}

/**
 * Builds the provider the Live client signs with. Throws a `SettingsError` when no source is
 * configured, or when a role assumption has nothing to sign it with.
 */
export function buildCredentialChain(options: ChainOptions): CredentialProvider {
  const { inputs, env } = options;
  const marginMs = inputs.refreshSeconds * 1000;
  const wrap = (source: CredentialSource) => refreshing(source, { marginMs, now: options.now });
  let current: CredentialProvider | undefined;

  if (inputs.static) {
    current = wrap(staticSource(inputs.static, `static keys (${inputs.static.origin})`));
  }

  let profileRole: { arn: string; sessionName: string } | undefined;
  const { profile } = inputs;
  if (!inputs.static && (profile.explicit || profileExists(profile.dir, profile.name))) {
    const label = `tccli profile "${profile.name}" (${profile.origin}: ${profileFile(profile.dir, profile.name)})`;
    // Read now, so that a missing or broken profile fails before any call.
    const contents = readProfile(profile.dir, profile.name, label);
    current = wrap(profileSource(profile.dir, profile.name, label));
    if (contents.roleArn) {
      profileRole = {
        arn: contents.roleArn,
        sessionName: contents.roleSessionName ?? DEFAULT_SESSION_NAME,
      };
    }
  }

  if (inputs.camRole) {
    current = wrap(
      cvmRoleSource(inputs.camRole.name, `CVM instance role (${inputs.camRole.origin})`, {
        endpoint: options.metadataEndpoint,
        timeoutMs: options.metadataTimeoutMs,
        fetch: options.fetch,
      }),
    );
  }

  const assume = (
    params: Parameters<typeof assumeRoleSource>[0],
    origin: string,
  ): CredentialProvider => {
    if (!current) {
      throw new SettingsError(
        `${origin} assumes a role, which needs credentials to sign with: set static keys, ` +
          `a profile or ${CREDENTIAL_KEYS.camRoleName.config} as well.`,
      );
    }
    const label = `assumed role ${params.roleArn} (${origin}), signed with ${current.label}`;
    return wrap(assumeRoleSource(params, current, options.sts, label));
  };

  if (profileRole) {
    current = assume(
      {
        roleArn: profileRole.arn,
        sessionName: profileRole.sessionName,
        sessionDuration: DEFAULT_SESSION_SECONDS,
      },
      `role-arn of the tccli profile "${profile.name}"`,
    );
  }
  if (inputs.assumeRole) current = assume(inputs.assumeRole, inputs.assumeRole.origin);

  if (inputs.webIdentity) {
    const w = inputs.webIdentity;
    current = wrap(
      webIdentitySource(
        w,
        { ...options.sts, region: options.sts.region || "ap-guangzhou" },
        `web identity (${w.origin})`,
      ),
    );
  }

  if (inputs.podOidc) {
    current = wrap(
      podOidcSource(
        env,
        options.sts,
        `TKE pod OIDC (config ${CREDENTIAL_KEYS.enablePodOidc.config})`,
      ),
    );
  }

  if (!current) throw new SettingsError(MISSING_CREDENTIALS + podOidcHint(env));
  return accountChecked(
    current,
    { allowed: inputs.allowedAccountIds, forbidden: inputs.forbiddenAccountIds },
    { ...options.sts, region: options.sts.region || "ap-guangzhou" },
  );
}
