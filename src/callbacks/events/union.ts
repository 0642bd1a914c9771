/**
 * Every known event in one union discriminated on `event_type`, derived from the registry, and
 * the fallback for the event types this library does not know.
 */
import { z } from "zod";
import { formatIssues } from "./shared/issues";
import type { CallbackSchema, CallbackSchemaResult } from "./shared/schema";
import {
  EVENT_TYPE_ENTRIES,
  eventTypeEntry,
  type CallbackEventTypeName,
  type KnownCallbackEventByName,
} from "./registry";

/** Any event of a known type; `switch (event.event_type)` narrows it to one event interface. */
export type KnownCallbackEvent = KnownCallbackEventByName[CallbackEventTypeName];

/** The known event interface whose `event_type` is `C`, e.g. `KnownCallbackEventOfType<100>`. */
export type KnownCallbackEventOfType<C extends KnownCallbackEvent["event_type"]> = Extract<
  KnownCallbackEvent,
  {
    /** The event type code to select by. */
    event_type: C;
  }
>;

/** An event whose `event_type` this library does not know; all its fields are kept. */
export interface GenericCallbackEvent {
  /** The platform's numeric event type. */
  event_type: number;
  /** Every other field, as it arrived. */
  [field: string]: unknown;
}

const generic = z.looseObject({ event_type: z.number().int() });

/**
 * Any event with an integer `event_type`; the fallback for event types this library does not
 * know yet (the platform adds new ones), which are kept rather than rejected.
 */
export const GenericCallbackEventSchema: CallbackSchema<GenericCallbackEvent> = generic;

const knownType = z.looseObject({
  event_type: z.literal(EVENT_TYPE_ENTRIES.map((entry) => entry.definition.code)),
});

function safeParseKnown(value: unknown): CallbackSchemaResult<KnownCallbackEvent> {
  const typed = knownType.safeParse(value);
  if (!typed.success) return typed;
  // The registry holds each type's schema; dispatching on the code keeps the issues specific.
  const entry = eventTypeEntry(typed.data.event_type)!;
  return entry.definition.schema.safeParse(value) as CallbackSchemaResult<KnownCallbackEvent>;
}

/** Every event type this library knows: validates a body against its `event_type`'s schema. */
export const KnownCallbackEventSchema: CallbackSchema<KnownCallbackEvent> = {
  parse(value) {
    const result = safeParseKnown(value);
    if (result.success) return result.data;
    throw Object.assign(new TypeError(formatIssues(result.error.issues).join("; ")), {
      issues: result.error.issues,
    });
  },
  safeParse: safeParseKnown,
};
