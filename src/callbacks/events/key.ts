/**
 * `callbackEventKey`: which deliveries are "the same event" (contract 2). The platform sends an
 * event again when it got no 200 within 20 s, with a fresh `t` and `sign` and no message id;
 * each family's folder names the fields its document guarantees, and everything else falls
 * back to a hash of the body (shared/hash.ts).
 */
import { eventTypeEntry } from "./registry";
import type { EventKeyPart } from "./shared/definition";
import { bodyHash } from "./shared/hash";

/** A part present in a key: a non-empty string or a finite number. */
function isPresent(part: EventKeyPart | unknown): part is string | number {
  return (
    (typeof part === "string" && part !== "") || (typeof part === "number" && Number.isFinite(part))
  );
}

/** How the fallback names the type: the raw `event_type`, or `unknown` when there is none. */
function typeLabel(eventType: unknown): string {
  if (typeof eventType === "number" && Number.isFinite(eventType)) return String(eventType);
  if (typeof eventType === "string" && eventType !== "") return eventType;
  return "unknown";
}

/**
 * A stable key for "the same event", independent of `t` and `sign`, for deduplicating the
 * platform's redeliveries. Parts are joined with `:`:
 *
 * - stream end / begin (0, 1): `${event_type}:${sequence}`
 * - recording file (100): `100:${file_id}`
 * - recording status (332): `332:${session_id}:${seq}:${record_event}`
 * - push exception (321): `321:${sequence}:${data_time}`
 * - recording exception (341): `341:${session_id}:${timestamp}`
 * - any other type, or when one of those fields is missing or empty:
 *   `${event_type}:sha256:${hex SHA-256 of the body without t and sign, as JSON with object
 *   keys sorted recursively}` (`unknown` for a missing `event_type`).
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
    return [String(eventType), ...parts.map(String)].join(":");
  }
  return `${typeLabel(eventType)}:sha256:${bodyHash(event)}`;
}
