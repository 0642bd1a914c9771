/**
 * Every stack config key and environment variable a credential source reads, spelled as the
 * bridged `tencentcloud` package and the Terraform provider spell them. The credentials
 * table of docs/configuration.md lists exactly these (test/docs/readme.test.ts checks it).
 */

/** One key of the table: its stack config key (nested ones by `--path`) and its variable. */
export interface CredentialKey {
  config: string;
  /** Environment variable, or undefined when only the stack config sets it. */
  env?: string;
}

/** The credential keys, by the name the code uses. */
export const CREDENTIAL_KEYS = {
  assumeRoleArn: { config: "tencentcloud:assumeRole.roleArn", env: "TENCENTCLOUD_ASSUME_ROLE_ARN" },
  assumeRoleSessionName: {
    config: "tencentcloud:assumeRole.sessionName",
    env: "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME",
  },
  assumeRoleSessionDuration: {
    config: "tencentcloud:assumeRole.sessionDuration",
    env: "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION",
  },
  assumeRolePolicy: { config: "tencentcloud:assumeRole.policy" },
  assumeRoleExternalId: {
    config: "tencentcloud:assumeRole.externalId",
    env: "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID",
  },
  assumeRoleSourceIdentity: {
    config: "tencentcloud:assumeRole.sourceIdentity",
    env: "TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY",
  },
  webIdentityProviderId: {
    config: "tencentcloud:assumeRoleWithWebIdentity.providerId",
    env: "TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID",
  },
  webIdentityRoleArn: {
    config: "tencentcloud:assumeRoleWithWebIdentity.roleArn",
    env: "TENCENTCLOUD_ASSUME_ROLE_ARN",
  },
  webIdentityRoleArnFile: {
    config: "tencentcloud:assumeRoleWithWebIdentity.roleArnFile",
    env: "TENCENTCLOUD_ASSUME_ROLE_ARN_FILE",
  },
  webIdentitySessionName: {
    config: "tencentcloud:assumeRoleWithWebIdentity.sessionName",
    env: "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME",
  },
  webIdentitySessionDuration: {
    config: "tencentcloud:assumeRoleWithWebIdentity.sessionDuration",
    env: "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION",
  },
  webIdentityToken: {
    config: "tencentcloud:assumeRoleWithWebIdentity.webIdentityToken",
    env: "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN",
  },
  webIdentityTokenFile: {
    config: "tencentcloud:assumeRoleWithWebIdentity.webIdentityTokenFile",
    env: "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE",
  },
  camRoleName: { config: "tencentcloud:camRoleName", env: "TENCENTCLOUD_CAM_ROLE_NAME" },
  profile: { config: "tencentcloud:profile", env: "TENCENTCLOUD_PROFILE" },
  sharedCredentialsDir: {
    config: "tencentcloud:sharedCredentialsDir",
    env: "TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
  },
  enablePodOidc: { config: "tencentcloud:enablePodOidc" },
  allowedAccountIds: { config: "tencentcloud:allowedAccountIds" },
  forbiddenAccountIds: { config: "tencentcloud:forbiddenAccountIds" },
  stsEndpoint: { config: "tencentcloud-live:stsEndpoint", env: "TENCENTCLOUD_STS_ENDPOINT" },
  metadataEndpoint: {
    config: "tencentcloud-live:metadataEndpoint",
    env: "TENCENTCLOUD_METADATA_ENDPOINT",
  },
  refreshSeconds: {
    config: "tencentcloud-live:credentialRefreshSeconds",
    env: "TENCENTCLOUD_LIVE_CREDENTIAL_REFRESH_SECONDS",
  },
} as const satisfies Record<string, CredentialKey>;

/** The four variables a TKE pod with a service-account role gets (`enablePodOidc`). */
export const TKE_VARIABLES = {
  region: "TKE_REGION",
  providerId: "TKE_PROVIDER_ID",
  tokenFile: "TKE_WEB_IDENTITY_TOKEN_FILE",
  roleArn: "TKE_ROLE_ARN",
} as const;

/** The top-level stack config keys holding credential settings (objects are JSON). */
export const CREDENTIAL_CONFIG_ROOTS: readonly string[] = [
  ...new Set(Object.values(CREDENTIAL_KEYS).map((k) => k.config.split(".")[0])),
];
