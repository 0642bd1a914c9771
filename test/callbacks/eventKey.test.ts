// callbackEventKey (contract 2): the fields each family's document guarantees, joined with ':',
// a SHA-256 of the canonical body without t and sign otherwise, and never t or sign themselves.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { callbackEventKey, signCallback } from "../../src/callbacks";
import { SAMPLE_EVENTS } from "./fixtures";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("callbacks/callbackEventKey", () => {
  it("keys each documented family by its identifying fields", () => {
    assert.equal(callbackEventKey(SAMPLE_EVENTS.streamBegin), "1:6674468118806626493");
    assert.equal(callbackEventKey(SAMPLE_EVENTS.streamEnd), "0:6674468118806626493");
    assert.equal(callbackEventKey(SAMPLE_EVENTS.recordFile), "100:5285890781763144364");
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.recordStatus),
      "332:2918085116267032069:3266441426274648065:record_ended",
    );
    const push = SAMPLE_EVENTS.pushException;
    assert.equal(callbackEventKey(push), `321:${String(push.sequence)}:1699999974971`);
    assert.equal(
      callbackEventKey(SAMPLE_EVENTS.recordException),
      "341:2918085116267032069:1700000300",
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
    assert.equal(callbackEventKey({ event_type: "1", sequence: "7" }), "1:7");
  });
});
