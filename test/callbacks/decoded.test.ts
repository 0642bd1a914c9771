// The fields that arrive as JSON text inside the JSON body, decoded and typed, with the text
// kept as it arrived and a malformed one reported instead of thrown.
import assert from "node:assert/strict";
import {
  decodeCallbackExt,
  decodeRecordDetail,
  parseCallbackEvent,
  type RecordFileEvent,
  type RecordStatusEvent,
} from "../../src/callbacks";
import { DOCUMENT_EXAMPLES } from "./documentExamples";

function parsedAs<T>(body: unknown, type: number): T {
  const result = parseCallbackEvent(body);
  assert.ok(result.ok && result.event.event_type === type);
  return result.event as T;
}

describe("callbacks: JSON-in-JSON fields", () => {
  it("decodes the document's callback_ext of a recording file, keeping the text", () => {
    const event = parsedAs<RecordFileEvent>(DOCUMENT_EXAMPLES.recordFile.body, 100);
    const ext = decodeCallbackExt(event);
    assert.deepEqual(ext, {
      ok: true,
      value: { video_codec: "h264", resolution: "640x480" },
      text: '{"video_codec":"h264","resolution":"640x480"}',
    });
    assert.equal(event.callback_ext, '{"video_codec":"h264","resolution":"640x480"}');
  });

  it("decodes the document's record_detail of a recording status", () => {
    const event = parsedAs<RecordStatusEvent>(DOCUMENT_EXAMPLES.recordStatus.body, 332);
    const detail = decodeRecordDetail(event);
    assert.ok(detail?.ok);
    assert.deepEqual(detail.value, {
      file_format: 2,
      record_bps: 0,
      start_model: 1,
      record_content: 1,
      source_type: 2,
      codec_temp_id: 0,
    });
    assert.equal(detail.text, event.record_detail);
  });

  it("keeps fields it does not know and reads digits sent as text as numbers", () => {
    const detail = decodeRecordDetail({ record_detail: '{"file_format":"3","future":{"a":1}}' });
    assert.deepEqual(detail, {
      ok: true,
      value: { file_format: 3, future: { a: 1 } },
      text: '{"file_format":"3","future":{"a":1}}',
    });
  });

  it("reports text that is not JSON, without throwing", () => {
    const ext = decodeCallbackExt({ callback_ext: '{"video_codec":' });
    assert.ok(ext && !ext.ok);
    assert.equal(ext.text, '{"video_codec":');
    assert.equal(ext.issues.length, 1);
    assert.match(ext.issues[0], /^\(body\): not JSON: /);
  });

  it("reports JSON of the wrong shape, naming the field", () => {
    const ext = decodeCallbackExt({ callback_ext: '{"resolution":1080}' });
    assert.ok(ext && !ext.ok);
    assert.match(ext.issues.join("\n"), /^resolution: .*expected string/m);
    const detail = decodeRecordDetail({ record_detail: "[1,2]" });
    assert.ok(detail && !detail.ok);
    assert.match(detail.issues.join("\n"), /^\(body\): .*expected object/m);
  });

  it("answers undefined when the event carries no such field", () => {
    assert.equal(decodeCallbackExt({}), undefined);
    assert.equal(decodeCallbackExt({ callback_ext: "" }), undefined);
    assert.equal(decodeRecordDetail({}), undefined);
  });
});
