/**
 * The event type codes, by name, derived from the families' registry so that each code is
 * written down once, in its family's folder.
 */
import { EVENT_TYPE_ENTRIES, type AllEventTypeDefinitions } from "./registry";

export type { CallbackEventTypeName } from "./registry";

/**
 * Numeric `event_type` of every callback event this library types, by name: `streamEnd` 0,
 * `streamBegin` 1, `recordFile` 100, `snapshot` 200, `audioAudit` 315, `imageAudit` 317,
 * `pushException` 321, `recordStatus` 332, `recordException` 341. Shared with code that
 * produces events (an emulator, tests) so the codes are written down once.
 */
export const CALLBACK_EVENT_TYPES: {
  readonly [N in keyof AllEventTypeDefinitions]: AllEventTypeDefinitions[N]["code"];
} = Object.freeze(
  Object.fromEntries(EVENT_TYPE_ENTRIES.map((entry) => [entry.name, entry.definition.code])),
  // fromEntries cannot type a computed object; the entries are the registry, name by name.
) as never;

/** An `event_type` value this library has a schema for. */
export type KnownCallbackEventType =
  (typeof CALLBACK_EVENT_TYPES)[keyof typeof CALLBACK_EVENT_TYPES];
