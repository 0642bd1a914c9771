/**
 * Every known event schema in one union discriminated on `event_type`, and the fallback for the
 * event types this library does not know. Adding an event type adds its schema to the union.
 */
import { z } from "zod";
import { AudioAuditEventSchema, ImageAuditEventSchema } from "./audit";
import { PushExceptionEventSchema } from "./pushException";
import {
  RecordExceptionEventSchema,
  RecordFileEventSchema,
  RecordStatusEventSchema,
} from "./record";
import { SnapshotEventSchema } from "./snapshot";
import { StreamBeginEventSchema, StreamEndEventSchema } from "./stream";

/** Every event type this library knows, discriminated on `event_type`. */
export const KnownCallbackEventSchema = z.discriminatedUnion("event_type", [
  StreamBeginEventSchema,
  StreamEndEventSchema,
  RecordFileEventSchema,
  SnapshotEventSchema,
  AudioAuditEventSchema,
  ImageAuditEventSchema,
  PushExceptionEventSchema,
  RecordStatusEventSchema,
  RecordExceptionEventSchema,
]);

/**
 * Any event with an integer `event_type`; the fallback for event types this library does not
 * know yet (the platform adds new ones), which are kept rather than rejected.
 */
export const GenericCallbackEventSchema = z.looseObject({
  /** The platform's numeric event type. */
  event_type: z.number().int(),
});

/** Any event of a known type; `switch (event.event_type)` narrows it to one event type. */
export type KnownCallbackEvent = z.infer<typeof KnownCallbackEventSchema>;
/** An event whose `event_type` this library does not know; all its fields are kept. */
export type GenericCallbackEvent = z.infer<typeof GenericCallbackEventSchema>;
