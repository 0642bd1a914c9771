/**
 * Credential sources and the chain that orders them: static keys, tccli profiles, the CVM
 * instance role, assumed roles, web identity (token or file) and TKE pod OIDC, each renewed
 * before it expires.
 */
export { accountChecked, checkAccountId, type AccountRules } from "./accounts";
export { assumeRoleParams, assumeRoleSource } from "./assumeRole";
export { buildCredentialChain, MISSING_CREDENTIALS, type ChainOptions } from "./chain";
export { CREDENTIALS_PATH, DEFAULT_METADATA_ENDPOINT, cvmRoleSource } from "./cvmRole";
export {
  CredentialSettingsError,
  readCredentialInputs,
  ROLE_ARN,
  type CredentialInputs,
} from "./inputs";
export { CREDENTIAL_CONFIG_ROOTS, CREDENTIAL_KEYS, TKE_VARIABLES } from "./keys";
export { podOidcSource } from "./podOidc";
export { profileSource, readProfile } from "./profile";
export { refreshing, type RefreshOptions } from "./refresh";
export { staticSource } from "./static";
export { DEFAULT_STS_ENDPOINT, STS_VERSION, type StsTransport } from "./sts";
export { CredentialError, type Credential, type CredentialProvider } from "./types";
export { readRoleArnFile, readTokenFile, webIdentitySource } from "./webIdentity";
