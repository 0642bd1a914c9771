/**
 * The duplicate key of an event. The platform delivers an event again whenever it got no 200
 * within 20 s, and its bodies carry no message id, so "the same event" has to be read from the
 * fields each family's document guarantees; `t` and `sign` are left out because a retry may be
 * signed anew.
 */
import { createHash } from "node:crypto";

/** The fields that identify one event, per `event_type`, from the event documents. */
const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "0": ["sequence"],
  "1": ["sequence"],
  "100": ["file_id"],
  "332": ["session_id", "seq", "record_event"],
  "321": ["sequence", "data_time"],
  "341": ["session_id", "timestamp"],
};

/** JSON text with object keys sorted at every depth; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    // JSON.stringify writes null for array holes, undefined and functions.
    return `[${value.map((item) => (isOmitted(item) ? "null" : canonicalJson(item))).join(",")}]`;
  }
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => !isOmitted(record[key]))
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** A field's text for the key, or undefined when it is missing or empty. */
function fieldText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/**
 * A stable key for "the same event", to recognise the platform's repeated deliveries:
 * - stream end and begin (0, 1): `${event_type}:${sequence}`;
 * - recording file (100): `100:${file_id}`;
 * - recording status (332): `332:${session_id}:${seq}:${record_event}`;
 * - push exception (321): `321:${sequence}:${data_time}`;
 * - recording exception (341): `341:${session_id}:${timestamp}`;
 * - any other type, or when one of those fields is missing or empty:
 *   `${event_type}:sha256:${hex}`, the SHA-256 of the body's canonical JSON (keys sorted at every
 *   depth) without `t` and `sign`; an absent `event_type` is written `unknown`.
 *
 * The key never depends on `t` or `sign`, so a retry signed anew has the key of the first
 * delivery.
 *
 * @param event - A callback event (or any JSON object body).
 * @returns The key, e.g. `1:6674468118806626493`.
 */
export function callbackEventKey(event: object): string {
  const body = event as Record<string, unknown>;
  const rawType = body.event_type;
  const type =
    rawType === undefined || rawType === null || rawType === "" ? "unknown" : String(rawType);
  const fields = Object.prototype.hasOwnProperty.call(KEY_FIELDS, type)
    ? KEY_FIELDS[type]
    : undefined;
  if (fields) {
    const parts = fields.map((field) => fieldText(body[field]));
    if (parts.every((part): part is string => part !== undefined)) {
      return [type, ...parts].join(":");
    }
  }
  const { t: _t, sign: _sign, ...unsigned } = body;
  void _t;
  void _sign;
  const digest = createHash("sha256").update(canonicalJson(unsigned), "utf8").digest("hex");
  return `${type}:sha256:${digest}`;
}
