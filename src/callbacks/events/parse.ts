/**
 * What a handler receives (a known or a generic event) and how a JSON body becomes one. Kept apart
 * from `union.ts` so that the types' documentation can link `isKnownCallbackEvent`.
 */
import { CALLBACK_EVENT_TYPES } from "./types";
import {
  GenericCallbackEventSchema,
  KnownCallbackEventSchema,
  type GenericCallbackEvent,
  type KnownCallbackEvent,
} from "./union";

const KNOWN_EVENT_TYPES: ReadonlySet<number> = new Set(Object.values(CALLBACK_EVENT_TYPES));

/**
 * What a callback handler receives: a known event, or a {@link GenericCallbackEvent}.
 * Because the generic event's `event_type` is any number, narrow with
 * {@link isKnownCallbackEvent} first, then `switch (event.event_type)`.
 */
export type CallbackEvent = KnownCallbackEvent | GenericCallbackEvent;

/** Result of {@link parseCallbackEvent}. */
export type ParseCallbackEventResult =
  | { ok: true; event: CallbackEvent }
  | {
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
  return KNOWN_EVENT_TYPES.has(event.event_type);
}

/** Renders a zod path as `a.b.0.c`; the root is named so the line still says where. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(body)" : path.map((key) => String(key)).join(".");
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
  const schema =
    typeof eventType === "number" && KNOWN_EVENT_TYPES.has(eventType)
      ? KnownCallbackEventSchema
      : GenericCallbackEventSchema;
  const result = schema.safeParse(body);
  if (result.success) {
    return { ok: true, event: result.data };
  }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  };
}
