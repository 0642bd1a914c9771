/**
 * Receiving Tencent Cloud Live callback events: signature checks with several keys, typed event
 * schemas, one framework-free receiver and its handlers for Node (`http`, Express, Koa, SCF web
 * functions), the Fetch API (Hono, Next.js, Bun, Deno, Workers) and SCF event functions, and
 * duplicate detection in memory or Redis. Import from
 * `pulumi-tencentcloud-live-callbacks/callbacks`.
 */
export { type CallbackKeyEntry, type CallbackKeys } from "./keys";
export {
  DEFAULT_MAX_SIGNATURE_LIFETIME_SECONDS,
  signCallback,
  verifyCallbackSignature,
  type CallbackSignatureFailureReason,
  type CallbackSignatureResult,
  type VerifyCallbackSignatureOptions,
} from "./signature";
export {
  CALLBACK_EVENT_TYPES,
  AudioAuditEventSchema,
  GenericCallbackEventSchema,
  ImageAuditEventSchema,
  KnownCallbackEventSchema,
  PushExceptionEventSchema,
  RecordFileCallbackExtSchema,
  RecordFileEventSchema,
  RecordStatusDetailSchema,
  RecordStatusEventSchema,
  RecordExceptionEventSchema,
  SnapshotEventSchema,
  StreamBeginEventSchema,
  StreamEndEventSchema,
  callbackEventKey,
  decodeCallbackExt,
  decodeRecordDetail,
  isKnownCallbackEvent,
  parseCallbackEvent,
  type AudioAuditEvent,
  type AudioAuditFinding,
  type AuditLocation,
  type CallbackEvent,
  type CallbackEventBody,
  type CallbackEventFamilyName,
  type CallbackEventTypeName,
  type CallbackSchema,
  type CallbackSchemaError,
  type CallbackSchemaIssue,
  type CallbackSchemaResult,
  type DecodedJsonText,
  type IntegerTextField,
  type GenericCallbackEvent,
  type ImageAuditEvent,
  type ImageFindingFields,
  type ImageLabelResult,
  type ImageLibResult,
  type ImageObjectResult,
  type ImageOcrResult,
  type KnownCallbackEvent,
  type KnownCallbackEventByName,
  type KnownCallbackEventOfType,
  type KnownCallbackEventType,
  type ParseCallbackEventResult,
  type PushAbnormality,
  type PushAbnormalityOccurrence,
  type PushExceptionEvent,
  type PushSessionFields,
  type RecordExceptionDetail,
  type RecordFileCallbackExt,
  type RecordFileEvent,
  type RecordStatusDetail,
  type RecordStatusEvent,
  type RecordExceptionEvent,
  type SignatureFields,
  type SnapshotEvent,
  type StreamBeginEvent,
  type StreamEndEvent,
  type StreamFields,
} from "./events";
export {
  DEFAULT_CALLBACK_BODY_TIMEOUT_MS,
  DEFAULT_MAX_CALLBACK_BODY_BYTES,
  type CallbackEventInfo,
  type CallbackReceiverOptions,
} from "./receive/options";
export {
  verifyCallbackEvent,
  type CallbackRefusal,
  type CallbackVerification,
  type VerifyCallbackEventOptions,
} from "./receive/verify";
export {
  CallbackBodyTooLargeError,
  createCallbackReceiver,
  type CallbackAnswer,
  type CallbackBodySource,
  type CallbackDelivery,
  type CallbackOutcome,
  type CallbackReceiver,
  type ParsedCallbackBody,
} from "./receive/receiver";
export {
  createCallbackHandler,
  type CallbackErrorContext,
  type CallbackEventContext,
  type CallbackHandlerOptions,
  type CallbackRequestListener,
} from "./adapters/node";
export {
  createFetchCallbackHandler,
  type FetchCallbackErrorContext,
  type FetchCallbackEventContext,
  type FetchCallbackHandler,
  type FetchCallbackHandlerOptions,
} from "./adapters/fetch";
export {
  createScfCallbackHandler,
  type ScfCallbackErrorContext,
  type ScfCallbackEventContext,
  type ScfCallbackHandler,
  type ScfCallbackHandlerOptions,
  type ScfContext,
  type ScfHttpEvent,
  type ScfHttpResponse,
} from "./adapters/scf";
export {
  DEFAULT_DEDUPE_LEASE_SECONDS,
  DEFAULT_DEDUPE_TTL_SECONDS,
  MAX_DEDUPE_KEY_LENGTH,
  type CallbackDedupeClaim,
  type CallbackDedupeClaimResult,
  type CallbackDedupeStore,
  type CallbackDedupeStoreOptions,
} from "./dedupe/store";
export {
  DEFAULT_DEDUPE_MAX_ENTRIES,
  createMemoryDedupeStore,
  type MemoryDedupeStoreOptions,
} from "./dedupe/memory";
export {
  DEFAULT_REDIS_DEDUPE_PREFIX,
  createRedisDedupeStore,
  type IoRedisDedupeClient,
  type NodeRedisDedupeClient,
  type RedisDedupeClient,
  type RedisDedupeStoreOptions,
} from "./dedupe/redis";
export {
  formatRejection,
  type CallbackRejection,
  type CallbackRejectionListener,
} from "./rejection";
