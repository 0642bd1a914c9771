/**
 * A local emulator of the Tencent Cloud Live callback API (API 3.0 protocol, TC3-HMAC-SHA256
 * signatures), with fault injection, emulated callback event delivery and admin routes for tests.
 * Start it with {@link startEmulator} or the `tencentcloud-live-emulator` command.
 */
export { startEmulator, type EmulatorHandle } from "./server";
export {
  DEFAULT_EMULATOR_CREDENTIALS,
  DUPLICATE_RULES_MODES,
  isLoopbackHost,
  type DuplicateRulesMode,
  type EmulatorConfig,
  type EmulatorCredentials,
  type EmulatorOptions,
} from "./options";
export type { EmulatorSnapshot, EmulatorRuntime, CallCounts } from "./runtime";
export {
  DEFAULT_DELIVERY_CONFIG,
  type DeliveryAttempt,
  type DeliveryConfig,
  type DeliveryOutcome,
} from "./delivery";
export {
  EventDeliveryError,
  MAX_DELIVERY_RECORDS,
  type DeliveryRecord,
  type EventDeliveryRequest,
} from "./dispatch";
export {
  EMULATED_APPID,
  EVENT_URL_FIELDS,
  SIGNATURE_LIFETIME_SECONDS,
  buildEventBody,
  type EventBody,
  type EventBodyContext,
} from "./events";
export type { StoredRule, StoredTemplate } from "./fields";
export { FAULT_MODES, type FaultMode, type FaultSpec, type PendingFault } from "./faults";
export {
  ADMIN_PREFIX,
  BUILTIN_ADMIN_ROUTES,
  adminRouteKey,
  badRequest,
  type AdminHandler,
  type AdminReply,
  type AdminRequest,
  type AdminRoutes,
} from "./admin";
