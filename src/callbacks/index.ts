/**
 * Receiving Tencent Cloud Live callback events: signature checks, typed event schemas and a
 * ready-made Node request handler. Import from `pulumi-tencentcloud-live-callbacks/callbacks`.
 */
export {
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
  RecordFileEventSchema,
  RecordStatusEventSchema,
  RecordExceptionEventSchema,
  SnapshotEventSchema,
  StreamBeginEventSchema,
  StreamEndEventSchema,
  isKnownCallbackEvent,
  parseCallbackEvent,
  type AudioAuditEvent,
  type CallbackEvent,
  type CallbackEventTypeName,
  type GenericCallbackEvent,
  type ImageAuditEvent,
  type KnownCallbackEvent,
  type KnownCallbackEventType,
  type ParseCallbackEventResult,
  type PushExceptionEvent,
  type RecordFileEvent,
  type RecordStatusEvent,
  type RecordExceptionEvent,
  type SnapshotEvent,
  type StreamBeginEvent,
  type StreamEndEvent,
} from "./events";
export {
  DEFAULT_MAX_CALLBACK_BODY_BYTES,
  createCallbackHandler,
  type CallbackErrorContext,
  type CallbackEventContext,
  type CallbackHandlerOptions,
  type CallbackRequestListener,
} from "./handler";
export {
  formatRejection,
  type CallbackRejection,
  type CallbackRejectionListener,
} from "./rejection";
