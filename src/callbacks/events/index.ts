/**
 * Schemas and types of the events Tencent Cloud Live POSTs to the callback URLs of a callback
 * template (事件消息通知). The zod schemas are the single source of the types.
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
 * Layout: `types.ts` holds the event type codes, `common.ts` the field groups several documents
 * share, one file per document family holds its event schemas and types (`stream`, `record`,
 * `snapshot`, `audit`, `pushException`), `union.ts` joins them and `parse.ts` turns a body into
 * a `CallbackEvent`. Adding an event type means adding its code to `types.ts`, its schema and
 * type to its family's file (or a new one), a line in `union.ts`, and its exports here and in
 * `../index.ts`.
 */
export {
  AudioAuditEventSchema,
  ImageAuditEventSchema,
  type AudioAuditEvent,
  type ImageAuditEvent,
} from "./audit";
export { callbackEventKey } from "./key";
export {
  isKnownCallbackEvent,
  parseCallbackEvent,
  type CallbackEvent,
  type ParseCallbackEventResult,
} from "./parse";
export { PushExceptionEventSchema, type PushExceptionEvent } from "./pushException";
export {
  RecordExceptionEventSchema,
  RecordFileEventSchema,
  RecordStatusEventSchema,
  type RecordExceptionEvent,
  type RecordFileEvent,
  type RecordStatusEvent,
} from "./record";
export { SnapshotEventSchema, type SnapshotEvent } from "./snapshot";
export {
  StreamBeginEventSchema,
  StreamEndEventSchema,
  type StreamBeginEvent,
  type StreamEndEvent,
} from "./stream";
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
} from "./union";
