/**
 * The fallback of `callbackEventKey`: a hash of the body without `t` and `sign`, in one place so
 * that every family without key fields (and every event missing them) hashes the same way.
 */
import { createHash } from "node:crypto";

/**
 * JSON text with the keys of every object sorted (by UTF-16 code units, as `Array.prototype.sort`
 * does), arrays in their order, and no whitespace. Written by hand because `JSON.stringify`
 * always puts integer-like keys (`"2"`, `"10"`) first, whatever the insertion order.
 * Like `JSON.stringify`, it drops properties whose value is `undefined` and writes `null` for
 * `undefined` in arrays.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Hex SHA-256 of the canonical JSON of `body` without its top-level `t` and `sign`. */
export function bodyHash(body: object): string {
  const { t: _t, sign: _sign, ...rest } = body as Record<string, unknown>;
  void _t;
  void _sign;
  return createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex");
}
