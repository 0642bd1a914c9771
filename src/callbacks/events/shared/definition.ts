/**
 * What an event family declares about each of its event types: the code, the schema and the
 * fields that tell one event from another. The registry (../registry.ts) joins the families;
 * the codes, the union, the parser and `callbackEventKey` are derived from it.
 */
import type { CallbackSchema } from "./schema";

/** A value `callbackEventKey` puts in a key; an absent or empty one makes it fall back to the hash. */
export type EventKeyPart = string | number | null | undefined;

/**
 * One event type of a family.
 *
 * @typeParam Code - Its `event_type`.
 * @typeParam Event - Its documented interface (whose `event_type` is `Code`).
 */
export interface EventTypeDefinition<Code extends number, Event extends { event_type: Code }> {
  /** The `event_type` the platform sends. */
  readonly code: Code;
  /** Validates a body of this type (the family's schema, behind a plain interface). */
  readonly schema: CallbackSchema<Event>;
  /**
   * The fields that its document guarantees identify one event, in the order `callbackEventKey`
   * joins them after the code (contract 2). Absent: the key is the hash of the body.
   */
  readonly keyParts?: (event: Event) => readonly EventKeyPart[];
}

/**
 * Declares one event type; the identity function that lets TypeScript check the code against
 * the interface's `event_type` and keep both literal.
 */
export function defineEventType<Code extends number, Event extends { event_type: Code }>(
  definition: EventTypeDefinition<Code, Event>,
): EventTypeDefinition<Code, Event> {
  return definition;
}

/** A family: its event types by name (the names of `CALLBACK_EVENT_TYPES`). */
export type EventFamilyDefinition = { readonly [name: string]: AnyEventTypeDefinition };

/** What every {@link EventTypeDefinition} is, whatever its code and interface. */
export interface AnyEventTypeDefinition {
  readonly code: number;
  readonly schema: CallbackSchema<{ event_type: number }>;
  readonly keyParts?: (event: never) => readonly EventKeyPart[];
}

/** The event interface a definition validates. */
export type EventOfDefinition<D> = D extends EventTypeDefinition<number, infer E> ? E : never;

/** The code of a definition. */
export type CodeOfDefinition<D> = D extends { readonly code: infer C extends number } ? C : never;
