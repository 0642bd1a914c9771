/**
 * What a handler receives (a known or a generic event) and how a JSON body becomes one. Kept apart
 * from `union.ts` so that the types' documentation can link `isKnownCallbackEvent`.
 */
import { eventTypeEntry } from "./registry";
import { formatIssues } from "./shared/issues";
import type { CallbackSchema } from "./shared/schema";
import {
  GenericCallbackEventSchema,
  type GenericCallbackEvent,
  type KnownCallbackEvent,
} from "./union";

/**
 * What a callback handler receives: a known event, or a {@link GenericCallbackEvent}.
 * Because the generic event's `event_type` is any number, narrow with
 * {@link isKnownCallbackEvent} first, then `switch (event.event_type)`.
 */
export type CallbackEvent = KnownCallbackEvent | GenericCallbackEvent;

/** Result of {@link parseCallbackEvent}. */
export type ParseCallbackEventResult =
  | {
      /** The body is a valid event. */
      ok: true;
      /** The typed event; unknown fields are kept. */
      event: CallbackEvent;
    }
  | {
      /** The body is not a valid event. */
      ok: false;
      /** One line per problem: `<path>: <what is wrong>`, e.g. `file_size: Invalid input: …`. */
      issues: string[];
    };

/**
 * True when the event has a type this library has a schema for, which makes
 * `switch (event.event_type)` narrow it to the matching event interface.
 *
 * @example
 * ```ts
 * if (isKnownCallbackEvent(event) && event.event_type === CALLBACK_EVENT_TYPES.streamEnd) {
 *   console.log(event.stream_id, event.push_duration);
 * }
 * ```
 */
export function isKnownCallbackEvent(event: CallbackEvent): event is KnownCallbackEvent {
  return eventTypeEntry(event.event_type) !== undefined;
}

/**
 * Validates a callback event body (already JSON-parsed) and types it.
 *
 * Events of a known `event_type` are validated against their schema; any other integer
 * `event_type` yields a {@link GenericCallbackEvent} carrying every field. Unknown fields are
 * kept on all events. Parsing does **not** check the signature: call
 * `verifyCallbackSignature` first (the handler from `createCallbackHandler` does both).
 *
 * @param body - The parsed JSON body.
 * @returns `{ ok: true, event }`, or `{ ok: false, issues }` with one `path: problem` line per
 *   issue; never throws.
 */
export function parseCallbackEvent(body: unknown): ParseCallbackEventResult {
  // Dispatching on event_type ourselves (instead of a union of known + generic) keeps the issues
  // of a malformed known event specific ("file_size: expected number") instead of a vague
  // "no union member matched".
  const eventType =
    typeof body === "object" && body !== null
      ? (body as { event_type?: unknown }).event_type
      : undefined;
  const schema: CallbackSchema<CallbackEvent> =
    eventTypeEntry(eventType)?.definition.schema ?? GenericCallbackEventSchema;
  const result = schema.safeParse(body);
  if (result.success) {
    return { ok: true, event: result.data };
  }
  return { ok: false, issues: formatIssues(result.error.issues) };
}
