/**
 * A local emulator of the Tencent Cloud Live callback API (API 3.0 protocol, TC3-HMAC-SHA256
 * signatures), with fault injection, emulated callback event delivery and admin routes for tests.
 * Start it with {@link startEmulator} or the `tencentcloud-live-emulator` command.
 *
 * Layout: `protocol/` speaks API 3.0 (signature, parameters, errors, the request pipeline),
 * `account/` is the emulated account (its data, state file and one handler per action),
 * `faults/` the injected failures, `admin/` the unsigned `/_emulator/` routes, `events/` the
 * emulated callback events (bodies, signing, delivery), `config/` the options and switches.
 */
export { startEmulator, type EmulatorHandle } from "./server";
export { isLoopbackHost } from "../api/loopback";
export { DEFAULT_EMULATOR_CREDENTIALS, type EmulatorCredentials } from "./config/credentials";
export type { EmulatorOptions } from "./config/options";
export {
  DEFAULT_EMULATOR_CONFIG,
  DUPLICATE_RULES_MODES,
  RULE_DOMAIN_CASE_MODES,
  UNSAFE_URLS_MODES,
  type DuplicateRulesMode,
  type EmulatorConfig,
  type RuleDomainCaseMode,
  type UnsafeUrlsMode,
} from "./config/switches";
export type { EmulatorSnapshot, EmulatorRuntime, CallCounts } from "./runtime";
export {
  DEFAULT_DELIVERY_CONFIG,
  DELIVERY_SCHEDULES,
  RETRY_SIGNATURES,
  type DeliveryConfig,
  type DeliverySchedule,
  type RetrySignature,
} from "./events/deliveryConfig";
export type { DeliveryAttempt, DeliveryOutcome, DeliveryRecord } from "./events/record";
export {
  PLATFORM_RETRY_RULES,
  PLATFORM_TIMEOUT_MS,
  type DeliveryPlan,
  type RetryRule,
} from "./events/schedule";
export { EventDeliveryError, type EventDeliveryRequest } from "./events/dispatch";
export { DeliveryWaitError, MAX_DELIVERY_RECORDS } from "./events/state";
export {
  MAX_HISTORY_VERSIONS,
  MIN_HISTORY_RETENTION_MS,
  type AccountVersion,
} from "./account/history";
export { EMULATED_APPID, type EventBody, type EventBodyContext } from "./events/bodies/common";
export { buildEventBody } from "./events/bodies";
export { SIGNATURE_LIFETIME_SECONDS } from "./events/sign";
export { EVENT_URL_FIELDS } from "./events/types";
export type {
  EmulatorTemplateFieldName,
  StoredTemplate,
  TemplateTextFieldName,
} from "./account/templates/fields";
export type { EmulatorData } from "./account/data";
export type { StoredRule } from "./account/rules/rule";
export { FAULT_MODES, type FaultMode, type FaultSpec } from "./faults/specs";
export type { PendingFault } from "./faults/queue";
export {
  ADMIN_PREFIX,
  adminRouteKey,
  badRequest,
  type AdminHandler,
  type AdminReply,
  type AdminRequest,
  type AdminRoutes,
} from "./admin/router";
export { BUILTIN_ADMIN_ROUTES } from "./admin/routes";
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_CVM_ROLE,
  DEFAULT_OIDC_PROVIDERS,
  OIDC_ISSUER,
  type IssuedCredential,
  type OidcProvider,
  type StsOptions,
} from "./sts/state";
export { STS_API_VERSION } from "./sts/actions";
