// callbackEventKey (contract 2): a SHA-256 of the fields each family's document guarantees (as a
// JSON array of strings), a SHA-256 of the canonical body without t and sign otherwise, each in
// its own namespace, never t or sign themselves, and never longer than a fixed bound.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  callbackEventKey,
  parseCallbackEvent,
  signCallback,
  type CallbackEvent,
} from "../../src/callbacks";
import { DOCUMENT_EXAMPLES } from "./documentExamples";
import { SAMPLE_EVENTS } from "./fixtures";

/** Contract 2's fallback, written out independently: sorted keys, no t/sign, hex SHA-256. */
function expectedHash(body: Record<string, unknown>): string {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
          )
        : value;
  const { t: _t, sign: _s, ...rest } = body;
  void _t;
  void _s;
  return createHash("sha256")
    .update(JSON.stringify(sortKeys(rest)))
    .digest("hex");
}

/** The fields form, written out independently: `code:fields:` + SHA-256 of the JSON array. */
function fieldsKey(code: number, parts: readonly unknown[]): string {
  const hex = createHash("sha256")
    .update(JSON.stringify(parts.map(String)))
    .digest("hex");
  return `${code}:fields:${hex}`;
}

function parsed(body: unknown): CallbackEvent {
  const result = parseCallbackEvent(body);
  assert.ok(result.ok, result.ok ? "" : result.issues.join("; "));
  return result.event;
}

describe("callbackEventKey per family", () => {
  it("keys stream begin and end by type and sequence", () => {
    const begin = DOCUMENT_EXAMPLES.streamBegin.body as Record<string, unknown>;
    const end = DOCUMENT_EXAMPLES.streamEnd.body as Record<string, unknown>;
    assert.equal(callbackEventKey(parsed(begin)), fieldsKey(1, [begin.sequence]));
    assert.equal(callbackEventKey(parsed(end)), fieldsKey(0, [end.sequence]));
    // The begin and end of one push share the sequence; the code keeps them apart.
    const sameSession = { ...end, sequence: begin.sequence };
    assert.notEqual(callbackEventKey(parsed(sameSession)), callbackEventKey(parsed(begin)));
  });

  it("keys a recording file by its file_id", () => {
    assert.equal(
      callbackEventKey(parsed(DOCUMENT_EXAMPLES.recordFile.body)),
      fieldsKey(100, ["1234567890"]),
    );
  });

  it("keys a recording status by session, seq and record_event", () => {
    assert.equal(
      callbackEventKey(parsed(DOCUMENT_EXAMPLES.recordStatus.body)),
      fieldsKey(332, ["2918085116267032069", "3266441426274648065", "record_ended"]),
    );
  });

  it("keys a push exception by sequence and data_time", () => {
    const body = SAMPLE_EVENTS.pushException as Record<string, unknown>;
    assert.equal(callbackEventKey(parsed(body)), fieldsKey(321, [body.sequence, body.data_time]));
  });

  it("keys a recording exception by session and timestamp", () => {
    const body = SAMPLE_EVENTS.recordException as Record<string, unknown>;
    assert.equal(callbackEventKey(parsed(body)), fieldsKey(341, [body.session_id, body.timestamp]));
  });

  it("hashes the families without key fields: snapshot, audio audit, image audit", () => {
    for (const name of ["snapshot", "audioAudit", "imageAudit"] as const) {
      const body = SAMPLE_EVENTS[name] as Record<string, unknown>;
      assert.equal(
        callbackEventKey(parsed(body)),
        `${String(body.event_type)}:sha256:${expectedHash(body)}`,
        name,
      );
    }
  });

  it("falls back to the hash when a key field is missing or empty", () => {
    const file = { ...(DOCUMENT_EXAMPLES.recordFile.body as Record<string, unknown>) };
    delete file.file_id;
    assert.equal(callbackEventKey(parsed(file)), `100:sha256:${expectedHash(file)}`);
    const status = { ...(DOCUMENT_EXAMPLES.recordStatus.body as Record<string, unknown>), seq: "" };
    assert.equal(callbackEventKey(parsed(status)), `332:sha256:${expectedHash(status)}`);
  });

  it("never depends on t or sign, and tells different bodies apart", () => {
    const body = SAMPLE_EVENTS.snapshot as Record<string, unknown>;
    const again = { ...body, t: 1999999999, sign: "0".repeat(32) };
    assert.equal(callbackEventKey(parsed(again)), callbackEventKey(parsed(body)));
    const other = { ...body, pic_url: "/other.jpg" };
    assert.notEqual(callbackEventKey(parsed(other)), callbackEventKey(parsed(body)));
  });

  it("sorts keys at every depth, integer-like keys included, and keeps array order", () => {
    const a = { event_type: 999, b: { "10": 1, "2": 2, z: [3, 1] }, a: 1 };
    const b = { a: 1, b: { z: [3, 1], "2": 2, "10": 1 }, event_type: 999 };
    assert.equal(callbackEventKey(a), callbackEventKey(b));
    const hex = createHash("sha256")
      .update('{"a":1,"b":{"10":1,"2":2,"z":[3,1]},"event_type":999}')
      .digest("hex");
    assert.equal(callbackEventKey(a), `999:sha256:${hex}`);
    assert.notEqual(callbackEventKey({ ...a, b: { ...a.b, z: [1, 3] } }), callbackEventKey(a));
  });

  it("names an unknown or missing event_type by its raw value or 'unknown'", () => {
    assert.match(callbackEventKey({ event_type: 123, x: 1 }), /^123:sha256:[0-9a-f]{64}$/);
    assert.match(callbackEventKey({ x: 1 }), /^unknown:sha256:[0-9a-f]{64}$/);
  });
});

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("callbacks/callbackEventKey", () => {
  it("keys each documented family by its identifying fields", () => {
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.streamBegin),
      fieldsKey(1, ["6674468118806626493"]),
    );
    assert.equal(callbackEventKey(SAMPLE_EVENTS.streamEnd), fieldsKey(0, ["6674468118806626493"]));
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.recordFile),
      fieldsKey(100, ["5285890781763144364"]),
    );
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.recordStatus),
      fieldsKey(332, ["2918085116267032069", "3266441426274648065", "record_ended"]),
    );
    const push = SAMPLE_EVENTS.pushException;
    assert.equal(callbackEventKey(push), fieldsKey(321, [push.sequence, "1699999974971"]));
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.recordException),
      fieldsKey(341, ["2918085116267032069", "1700000300"]),
    );
  });

  it("does not depend on t or sign (a retry signed anew has the same key)", () => {
    for (const body of Object.values(SAMPLE_EVENTS)) {
      const resigned = { ...body, t: 1800000000, sign: signCallback("Other", 1800000000) };
      const unsigned: Record<string, unknown> = { ...body };
      delete unsigned.t;
      delete unsigned.sign;
      assert.equal(callbackEventKey(resigned), callbackEventKey(body), String(body.event_type));
      assert.equal(callbackEventKey(unsigned), callbackEventKey(body), String(body.event_type));
    }
  });

  it("hashes the canonical JSON without t and sign for other types", () => {
    const snapshot = SAMPLE_EVENTS.snapshot;
    const { t: _t, sign: _sign, ...rest } = snapshot;
    void _t;
    void _sign;
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
            )
          : value;
    // Keys of the sample are not integer-like, so JSON.stringify keeps the sorted order here.
    const expected = `200:sha256:${sha256(JSON.stringify(sorted(rest)))}`;
    assert.equal(callbackEventKey(snapshot), expected);
    assert.match(callbackEventKey(SAMPLE_EVENTS.audioAudit), /^315:sha256:[0-9a-f]{64}$/);
  });

  it("sorts keys at every depth, keeps array order, and sorts integer-like keys as text", () => {
    const a = { event_type: 999, b: { y: 1, x: [3, { q: 1, p: 2 }] }, a: "v", "10": 1, "2": 2 };
    const b = { "2": 2, a: "v", b: { x: [3, { p: 2, q: 1 }], y: 1 }, "10": 1, event_type: 999 };
    assert.equal(callbackEventKey(a), callbackEventKey(b));
    const canonical = '{"10":1,"2":2,"a":"v","b":{"x":[3,{"p":2,"q":1}],"y":1},"event_type":999}';
    assert.equal(callbackEventKey(a), `999:sha256:${sha256(canonical)}`);
    const reordered = { ...a, b: { y: 1, x: [{ q: 1, p: 2 }, 3] } };
    assert.notEqual(callbackEventKey(reordered), callbackEventKey(a));
  });

  it("falls back to the hash when an identifying field is missing or empty", () => {
    const { sequence: _s, ...noSequence } = SAMPLE_EVENTS.streamBegin;
    void _s;
    assert.match(callbackEventKey(noSequence), /^1:sha256:[0-9a-f]{64}$/);
    assert.match(callbackEventKey({ ...SAMPLE_EVENTS.streamBegin, sequence: "" }), /^1:sha256:/);
    assert.match(callbackEventKey({ ...SAMPLE_EVENTS.recordStatus, seq: null }), /^332:sha256:/);
    assert.notEqual(
      callbackEventKey({ ...noSequence, stream_id: "other" }),
      callbackEventKey(noSequence),
    );
  });

  it("writes an unknown or missing event_type as it came, or unknown", () => {
    assert.match(callbackEventKey({ event_type: 314, x: 1 }), /^314:sha256:/);
    assert.match(callbackEventKey({ x: 1 }), /^unknown:sha256:/);
    assert.equal(callbackEventKey({ event_type: "1", sequence: "7" }), fieldsKey(1, ["7"]));
    assert.equal(callbackEventKey({ event_type: 1, sequence: 7 }), fieldsKey(1, ["7"]));
  });
});

describe("callbacks/callbackEventKey: no collision, bounded size", () => {
  const status = SAMPLE_EVENTS.recordStatus;

  it("keeps fields apart whatever they contain (no ':' joining)", () => {
    const a = callbackEventKey({ ...status, session_id: "A:1", seq: "2" });
    const b = callbackEventKey({ ...status, session_id: "A", seq: "1:2" });
    assert.notEqual(a, b);
    const quoted = callbackEventKey({ ...status, session_id: 'A","1', seq: "2" });
    assert.notEqual(quoted, callbackEventKey({ ...status, session_id: "A", seq: '1","2' }));
  });

  it("never lets a field take the hash form of another event", () => {
    const hashed = callbackEventKey(SAMPLE_EVENTS.snapshot);
    const hex = hashed.split(":")[2];
    const forged = callbackEventKey({ event_type: 200, sequence: `sha256:${hex}` });
    assert.notEqual(forged, hashed);
    // And the fields form of a type never equals its hash form.
    const withFields = callbackEventKey({ event_type: 1, sequence: `sha256:${hex}` });
    assert.match(withFields, /^1:fields:[0-9a-f]{64}$/);
  });

  it("tells lone surrogates from the replacement character", () => {
    const keys = ["\ud800", "\udc00", "\ufffd"].map((sequence) =>
      callbackEventKey({ event_type: 1, sequence }),
    );
    assert.equal(new Set(keys).size, 3);
    const hashed = ["\ud800", "\ufffd"].map((x) => callbackEventKey({ event_type: 999, x }));
    assert.notEqual(hashed[0], hashed[1]);
  });

  it("is at most about 90 ASCII characters, however large the fields or the type", () => {
    const huge = "x".repeat(600_000);
    const keys = [
      callbackEventKey({ event_type: 1, sequence: huge }),
      callbackEventKey({ event_type: 999, x: huge }),
      callbackEventKey({ event_type: huge, sequence: "1" }),
      callbackEventKey({ event_type: 1e300, x: 1 }),
    ];
    for (const key of keys) {
      assert.ok(key.length <= 90 && /^[\x21-\x7e]+$/.test(key), key.slice(0, 100));
    }
    assert.match(keys[2], /^unknown:sha256:/);
  });
});
