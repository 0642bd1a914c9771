/**
 * The event families this library knows, in one list. The type codes (`CALLBACK_EVENT_TYPES`),
 * the union of known events, the parser, `callbackEventKey` and the emulator's body builders
 * are all derived from it: adding a family is a folder under families/ and one line here.
 */
import type { Assert, SameType } from "../../schemas/sameType";
import type {
  AnyEventTypeDefinition,
  EventFamilyDefinition,
  EventOfDefinition,
} from "./shared/definition";
import { AUDIT_FAMILY } from "./families/audit";
import { PUSH_EXCEPTION_FAMILY } from "./families/pushException";
import { RECORD_FAMILY } from "./families/record";
import { SNAPSHOT_FAMILY } from "./families/snapshot";
import { STREAM_FAMILY } from "./families/stream";

/** Every known event family, by name; each maps its event type names to their definitions. */
export const EVENT_FAMILIES = {
  /** Push sessions (document 47025): stream begin and end. */
  stream: STREAM_FAMILY,
  /** Recording (documents 47026, 332's and 117052): files, status, exceptions. */
  record: RECORD_FAMILY,
  /** Screenshots (document 47028). */
  snapshot: SNAPSHOT_FAMILY,
  /** Moderation: audio audit and image audit (document 38084). */
  audit: AUDIT_FAMILY,
  /** Push exceptions (document 53310). */
  pushException: PUSH_EXCEPTION_FAMILY,
} as const satisfies Readonly<Record<string, EventFamilyDefinition>>;

type Families = typeof EVENT_FAMILIES;

/** Name of an event family, e.g. `stream` (push sessions) or `record` (recording). */
export type CallbackEventFamilyName = keyof Families;

/** The event type names of one family. */
export type EventTypeNameOfFamily<F extends CallbackEventFamilyName> = keyof Families[F] & string;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/** Every family's definitions in one object type, by event type name. */
export type AllEventTypeDefinitions = UnionToIntersection<Families[CallbackEventFamilyName]>;

/** Name of an event type, e.g. `streamBegin` (the keys of `CALLBACK_EVENT_TYPES`). */
export type CallbackEventTypeName = keyof AllEventTypeDefinitions & string;

/** Names that two families both use: their definitions would merge into nothing. */
type CollidingNames = {
  [N in CallbackEventTypeName]: [AllEventTypeDefinitions[N]["code"]] extends [never] ? N : never;
}[CallbackEventTypeName];

/** Compile-time proof that no two families declare the same event type name. */
export type EventTypeNamesAreUnique = Assert<SameType<CollidingNames, never>>;

/** The documented interface of each known event type, by name, e.g. `["recordFile"]`. */
export type KnownCallbackEventByName = {
  [N in CallbackEventTypeName]: EventOfDefinition<AllEventTypeDefinitions[N]>;
};

/** One event type of the registry, found by name or code. */
export interface EventTypeEntry {
  /** The family that declares it. */
  readonly family: CallbackEventFamilyName;
  /** Its name, e.g. `recordFile`. */
  readonly name: CallbackEventTypeName;
  /** Its definition: code, schema, key fields. */
  readonly definition: AnyEventTypeDefinition;
}

function collectEntries(): readonly EventTypeEntry[] {
  const entries: EventTypeEntry[] = [];
  for (const [family, types] of Object.entries(EVENT_FAMILIES)) {
    for (const [name, definition] of Object.entries(types as EventFamilyDefinition)) {
      // Names are checked at compile time; codes only here (they are numbers in two places).
      const clash = entries.find((e) => e.definition.code === definition.code);
      if (clash) {
        throw new Error(
          `event type ${definition.code} is declared twice: ${clash.family}.${clash.name} and ${family}.${name}`,
        );
      }
      entries.push({
        family: family as CallbackEventFamilyName,
        name: name as CallbackEventTypeName,
        definition,
      });
    }
  }
  return entries;
}

/** Every known event type, family by family in registry order. */
export const EVENT_TYPE_ENTRIES: readonly EventTypeEntry[] = collectEntries();

const BY_CODE: ReadonlyMap<number, EventTypeEntry> = new Map(
  EVENT_TYPE_ENTRIES.map((entry) => [entry.definition.code, entry]),
);

/** The registry entry of an `event_type`, or `undefined` when this library does not know it. */
export function eventTypeEntry(code: unknown): EventTypeEntry | undefined {
  return typeof code === "number" ? BY_CODE.get(code) : undefined;
}
