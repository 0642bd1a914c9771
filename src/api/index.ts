/**
 * The typed Live callback API client, its settings and its errors
 * (`pulumi-tencentcloud-live-callbacks/api`).
 *
 * Internal: the provider's building blocks; not a public API, and it may change in any
 * release. Use the lookups from the package root to read templates and bindings.
 *
 * @packageDocumentation
 * @internal
 */
export { createLiveClient } from "./client";
export type {
  ClientStats,
  CreateTemplateOptions,
  FindRuleOptions,
  ListOptions,
  LiveClient,
  LiveClientOptions,
} from "./client";
export { classify, CLIENT_CODES, LiveApiError } from "./errors";
export type { LiveApiErrorInit, LiveErrorKind } from "./errors";
export { MAX_TEMPLATES, RECORD_EXCEPTION_LEVELS, TEMPLATE_FIELDS } from "./fields";
export type {
  TemplateApiName,
  TemplateField,
  TemplateFieldKind,
  TemplateInputName,
} from "./fields";
export { LIVE_ACTIONS, LIVE_API_VERSION, READ_ACTIONS, WRITE_ACTIONS } from "./models";
export type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackRuleRequest,
  CreateLiveCallbackTemplateRequest,
  DeleteLiveCallbackRuleRequest,
  LiveAction,
  ModifyLiveCallbackTemplateRequest,
} from "./models";
export { createRateLimiter } from "./rateLimiter";
export type { RateLimiter } from "./rateLimiter";
export {
  DEFAULT_ENDPOINT,
  isLoopbackHost,
  parseEndpoint,
  resolveSettings,
  SETTING_KEYS,
  SettingsError,
} from "./settings";
export type { ConfigSource, Credentials, LiveSettings } from "./settings";
