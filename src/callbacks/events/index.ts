/**
 * Types, schemas and helpers of the events Tencent Cloud Live POSTs to the callback URLs of a
 * callback template (事件消息通知).
 *
 * Design rules, because a receiver that answers non-200 makes the platform retry and finally
 * drop the event:
 * - every object is loose: fields the platform adds later survive parsing untouched;
 * - only the fields each event cannot be used without are required, everything the protocol
 *   documents inconsistently across versions is optional;
 * - integers that older documents type as strings (`t`, `push_duration`) accept both forms and
 *   come out as numbers;
 * - an `event_type` this library does not know is kept as a {@link GenericCallbackEvent}.
 *
 * Layout: one folder per event family under `families/` (its codes, documented interfaces,
 * schemas behind the plain {@link CallbackSchema} interface, and the fields of its duplicate
 * key); `registry.ts` lists the families, and `types.ts` (the codes), `union.ts` (the union),
 * `parse.ts` and `key.ts` are derived from it; `shared/` holds what families share. The schema
 * field groups several families use are in src/schemas/callbackEventFields.ts, so that no
 * declaration file here needs the validation library. Adding a family: see docs/contributing.md's
 * "Adding an event family".
 */
export {
  AudioAuditEventSchema,
  ImageAuditEventSchema,
  type AudioAuditEvent,
  type AudioAuditFinding,
  type AuditLocation,
  type ImageAuditEvent,
  type ImageFindingFields,
  type ImageLabelResult,
  type ImageLibResult,
  type ImageObjectResult,
  type ImageOcrResult,
} from "./families/audit";
export {
  PushExceptionEventSchema,
  type PushAbnormality,
  type PushAbnormalityOccurrence,
  type PushExceptionEvent,
} from "./families/pushException";
export {
  RecordExceptionEventSchema,
  RecordFileCallbackExtSchema,
  RecordFileEventSchema,
  RecordStatusDetailSchema,
  RecordStatusEventSchema,
  decodeCallbackExt,
  decodeRecordDetail,
  type RecordExceptionDetail,
  type RecordExceptionEvent,
  type RecordFileCallbackExt,
  type RecordFileEvent,
  type RecordStatusDetail,
  type RecordStatusEvent,
} from "./families/record";
export { SnapshotEventSchema, type SnapshotEvent } from "./families/snapshot";
export {
  StreamBeginEventSchema,
  StreamEndEventSchema,
  type PushSessionFields,
  type StreamBeginEvent,
  type StreamEndEvent,
} from "./families/stream";
export { callbackEventKey } from "./key";
export {
  isKnownCallbackEvent,
  parseCallbackEvent,
  type CallbackEvent,
  type ParseCallbackEventResult,
} from "./parse";
export {
  EVENT_FAMILIES,
  type CallbackEventFamilyName,
  type KnownCallbackEventByName,
} from "./registry";
export type {
  CallbackEventBody,
  IntegerTextField,
  SignatureFields,
  StreamFields,
} from "./shared/fields";
export type { DecodedJsonText } from "./shared/jsonText";
export type {
  CallbackSchema,
  CallbackSchemaError,
  CallbackSchemaIssue,
  CallbackSchemaResult,
} from "./shared/schema";
export {
  CALLBACK_EVENT_TYPES,
  type CallbackEventTypeName,
  type KnownCallbackEventType,
} from "./types";
export {
  GenericCallbackEventSchema,
  KnownCallbackEventSchema,
  type GenericCallbackEvent,
  type KnownCallbackEvent,
  type KnownCallbackEventOfType,
} from "./union";
