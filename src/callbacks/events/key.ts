/**
 * `callbackEventKey`: which deliveries are "the same event" (contract 2). The platform sends an
 * event again when it got no 200 within 20 s, with a fresh `t` and `sign` and no message id;
 * each family's folder names the fields its document guarantees, and everything else falls
 * back to a hash of the body (shared/hash.ts).
 */
import { createHash } from "node:crypto";
import { eventTypeEntry } from "./registry";
import type { EventKeyPart } from "./shared/definition";
import { bodyHash } from "./shared/hash";

/** A part present in a key: a non-empty string or a finite number. */
function isPresent(part: EventKeyPart | unknown): part is string | number {
  return (
    (typeof part === "string" && part !== "") || (typeof part === "number" && Number.isFinite(part))
  );
}

/**
 * How a key names the type: the `event_type` when it is a number or a string of digits (the
 * form older documents use), `unknown` otherwise. Never the raw text of a string the client
 * chose, which could be of any length or contain `:`.
 */
function typeLabel(eventType: unknown): string {
  if (typeof eventType === "number" && Number.isFinite(eventType)) return String(eventType);
  if (typeof eventType === "string" && /^\d{1,20}$/.test(eventType)) return eventType;
  return "unknown";
}

/** Hex SHA-256 of `text`, which must be well-formed (JSON.stringify's output always is). */
function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * A stable key for "the same event", independent of `t` and `sign`, for deduplicating the
 * platform's redeliveries. Every key is at most about 90 ASCII characters, whatever the body:
 *
 * - `${event_type}:fields:${hex}` when the event's family names identifying fields and all are
 *   present and non-empty: the hex SHA-256 of those fields as a JSON array of strings
 *   (numbers written as text, so `"42"` and `42` are the same value, as older documents send
 *   both). The fields are: `sequence` for stream end / begin (0, 1), `file_id` for a
 *   recording file (100), `session_id`, `seq`, `record_event` for a recording status (332),
 *   `sequence`, `data_time` for a push exception (321), `session_id`, `timestamp` for a
 *   recording exception (341).
 * - `${event_type}:sha256:${hex}` otherwise (any other type, or one of those fields missing or
 *   empty): the hex SHA-256 of the body without `t` and `sign`, as JSON with object keys sorted
 *   recursively (`unknown` for an `event_type` that is neither a number nor digits).
 *
 * A JSON array keeps parts apart whatever they contain (`["A:1","2"]` is not `["A","1:2"]`),
 * escapes lone surrogates (which UTF-8 would otherwise turn into one replacement character),
 * and the two forms live in their own namespaces (`fields`, `sha256`), so no event's fields can
 * take another event's body hash.
 *
 * @param event - A parsed event (or the JSON-parsed body: the key reads only plain fields).
 */
export function callbackEventKey(event: object): string {
  const eventType = (event as { event_type?: unknown }).event_type;
  // Older documents show numbers as strings: a raw body's "1" is the same type as 1.
  const code =
    typeof eventType === "string" && /^\d+$/.test(eventType) ? Number(eventType) : eventType;
  const keyParts = eventTypeEntry(code)?.definition.keyParts as
    ((event: object) => readonly EventKeyPart[]) | undefined;
  const parts = keyParts?.(event);
  if (parts && parts.every(isPresent)) {
    return `${String(code)}:fields:${sha256(JSON.stringify(parts.map(String)))}`;
  }
  return `${typeLabel(eventType)}:sha256:${bodyHash(event)}`;
}
