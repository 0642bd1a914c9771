/**
 * The event types the emulator sends: which template URL each one goes to, and how a request
 * names one (its number or its name in `CALLBACK_EVENT_TYPES`).
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventTypeName,
  type KnownCallbackEventType,
} from "../../callbacks/events";
import type { TemplateTextFieldName } from "../account/templates/fields";

/**
 * The template URL field each event type is POSTed to. Stream mix events are not emulated (the
 * library has no schema for them, and the URL is deprecated).
 */
export const EVENT_URL_FIELDS: Readonly<Record<KnownCallbackEventType, TemplateTextFieldName>> = {
  [CALLBACK_EVENT_TYPES.streamEnd]: "StreamEndNotifyUrl",
  [CALLBACK_EVENT_TYPES.streamBegin]: "StreamBeginNotifyUrl",
  [CALLBACK_EVENT_TYPES.recordFile]: "RecordNotifyUrl",
  [CALLBACK_EVENT_TYPES.snapshot]: "SnapshotNotifyUrl",
  [CALLBACK_EVENT_TYPES.audioAudit]: "AudioAuditNotifyUrl",
  [CALLBACK_EVENT_TYPES.imageAudit]: "PornCensorshipNotifyUrl",
  [CALLBACK_EVENT_TYPES.pushException]: "PushExceptionNotifyUrl",
  [CALLBACK_EVENT_TYPES.recordStatus]: "RecordStatusNotifyUrl",
  [CALLBACK_EVENT_TYPES.recordException]: "RecordExceptionNotifyUrl",
};

/** Every accepted spelling of an event type, for error messages: `1 (streamBegin), …`. */
export const EVENT_TYPE_CHOICES = Object.entries(CALLBACK_EVENT_TYPES)
  .map(([name, code]) => `${code} (${name})`)
  .join(", ");

/**
 * Reads an event type given as its number (`1`) or its name in `CALLBACK_EVENT_TYPES`
 * (`"streamBegin"`). Returns `undefined` for anything else, unknown numbers included.
 */
export function resolveEventType(value: unknown): KnownCallbackEventType | undefined {
  if (typeof value === "number") {
    return (Object.values(CALLBACK_EVENT_TYPES) as number[]).includes(value)
      ? (value as KnownCallbackEventType)
      : undefined;
  }
  if (typeof value === "string" && Object.hasOwn(CALLBACK_EVENT_TYPES, value)) {
    return CALLBACK_EVENT_TYPES[value as CallbackEventTypeName];
  }
  return undefined;
}
