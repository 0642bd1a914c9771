import assert from "node:assert/strict";

import {
  CALLBACK_EVENT_TYPES,
  isKnownCallbackEvent,
  parseCallbackEvent,
  type CallbackEvent,
  type CallbackEventTypeName,
} from "../../src/callbacks";
import { DOCUMENT_EXAMPLES } from "./documentExamples";
import { LEGACY_IMAGE_AUDIT, SAMPLE_EVENTS } from "./fixtures";

/** Parses and fails the test with the issues when the body is refused. */
function parseOk(body: unknown): CallbackEvent {
  const result = parseCallbackEvent(body);
  if (!result.ok) {
    assert.fail(`expected the event to parse, got: ${result.issues.join("; ")}`);
  }
  return result.event;
}

/** Parses and returns the issues, failing the test when the body is accepted. */
function parseIssues(body: unknown): string[] {
  const result = parseCallbackEvent(body);
  if (result.ok) {
    assert.fail(`expected the event to be refused: ${JSON.stringify(body)}`);
  }
  return result.issues;
}

describe("callbacks/events", () => {
  it("exposes the documented event type codes", () => {
    assert.deepEqual(CALLBACK_EVENT_TYPES, {
      streamEnd: 0,
      streamBegin: 1,
      recordFile: 100,
      snapshot: 200,
      audioAudit: 315,
      imageAudit: 317,
      pushException: 321,
      recordStatus: 332,
      recordException: 341,
    });
  });

  it("has a realistic sample for every known event type", () => {
    const sampled = Object.values(SAMPLE_EVENTS)
      .map((body) => body.event_type)
      .sort((a, b) => Number(a) - Number(b));
    const known = Object.values(CALLBACK_EVENT_TYPES).sort((a, b) => a - b);
    assert.deepEqual(sampled, known);
  });

  describe("known event types", () => {
    it("parses a stream begin (1)", () => {
      const event = parseOk(SAMPLE_EVENTS.streamBegin);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 1);
      assert.equal(event.app, "push.example.com");
      assert.equal(event.appname, "live");
      assert.equal(event.stream_id, "room_1001");
      assert.equal(event.sequence, "6674468118806626493");
      assert.equal(event.errcode, 0);
      assert.equal(event.user_ip, "203.0.113.7");
      assert.equal(event.t, 1700000600);
    });

    it("parses a stream end (0) and turns a string push_duration into a number", () => {
      const event = parseOk({ ...SAMPLE_EVENTS.streamEnd, push_duration: "360000" });
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 0);
      assert.equal(event.push_duration, 360000);
      assert.equal(event.errmsg, "recv rtmp deleteStream");
      assert.equal(parseOk(SAMPLE_EVENTS.streamEnd).push_duration, 360000);
    });

    it("parses a recording file (100)", () => {
      const event = parseOk(SAMPLE_EVENTS.recordFile);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 100);
      assert.equal(event.video_url, "https://1234567.vod2.myqcloud.com/a1b2/c3d4/f0.m3u8");
      assert.equal(event.file_id, "5285890781763144364");
      assert.equal(event.record_file_id, "5285890781763144364");
      assert.equal(event.file_format, "hls");
      assert.equal(event.file_size, 277941079);
      assert.equal(event.duration, 2962);
      assert.equal((event.end_time ?? 0) - (event.start_time ?? 0), 2961);
    });

    it("parses a snapshot (200)", () => {
      const event = parseOk(SAMPLE_EVENTS.snapshot);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 200);
      assert.match(event.pic_full_url, /^https:\/\/snap-1250000000\.cos\./);
      assert.equal(event.pic_url, "/2023-11-14/room_1001-screenshot-22-13-20-640x360.jpg");
      assert.equal(event.width, 640);
      assert.equal(event.height, 360);
      assert.equal(event.create_time, 1699999999);
    });

    it("parses an audio audit (315) with its nested results", () => {
      const event = parseOk(SAMPLE_EVENTS.audioAudit);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 315);
      assert.equal(event.suggestion, "Block");
      assert.equal(event.label, "Ad");
      assert.equal(event.HitFlag, 1);
      assert.deepEqual(event.text_results?.[0]?.Keywords, ["phone number"]);
      assert.equal(event.language_results, null);
    });

    it("parses an image audit (317) of the current service, results typed", () => {
      const event = parseOk(SAMPLE_EVENTS.imageAudit);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 317);
      assert.equal(event.suggestion, "Review");
      assert.equal(event.label, "Sexy");
      assert.equal(event.subLabel, "SexyHigh");
      assert.deepEqual(event.type, [2]);
      assert.deepEqual(event.score, [88]);
      assert.equal(event.labelResults?.[0]?.Details?.[0]?.Name, "SexyHigh");
      assert.equal(event.objectResults, null);
      assert.deepEqual(event.ocrResults?.[0]?.Details?.[0]?.Keywords, ["555 0100"]);
      assert.equal(event.ocrResults?.[0]?.Details?.[0]?.Location?.Width, 200);
      assert.deepEqual(event.libResults, []);
      assert.equal(event.streamId, "room_1001");
      assert.match(event.img, /\.jpg$/);
    });

    it("parses an image audit (317) of the older service, its fields typed as legacy", () => {
      const event = parseOk(LEGACY_IMAGE_AUDIT);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 317);
      assert.deepEqual(event.type, [2]);
      assert.equal(event.hotScore, 97);
      assert.equal(event.tid, 20001);
      assert.equal(event.suggestion, undefined);
    });

    it("refuses image audit results of the wrong shape, naming the path", () => {
      const issues = parseIssues({
        ...SAMPLE_EVENTS.imageAudit,
        labelResults: [{ Score: "high" }],
        ocrResults: [{ Details: [{ Keywords: "x" }] }],
      });
      assert.ok(
        issues.some((i) => /^labelResults\.0\.Score: /.test(i)),
        JSON.stringify(issues),
      );
      assert.ok(issues.some((i) => /^ocrResults\.0\.Details\.0\.Keywords: /.test(i)));
    });

    it("parses a push exception (321)", () => {
      const event = parseOk(SAMPLE_EVENTS.pushException);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 321);
      assert.equal(event.abnormal_event.length, 2);
      assert.equal(event.abnormal_event[0]?.type, 6);
      assert.equal(event.abnormal_event[0]?.detail?.[1]?.occur_time, 1699999973522);
      assert.equal(event.report_interval, 5000);
    });

    it("parses a recording exception (341)", () => {
      const event = parseOk(SAMPLE_EVENTS.recordException);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 341);
      assert.equal(event.exception_level, "warning");
      assert.deepEqual(event.exception, {
        type: -9,
        desc: "video ts jump: 3046.000000",
        occurs: 2,
      });
      assert.equal(event.session_id, "2918085116267032069");
      assert.equal(event.file_format, "flv");
      assert.equal(event.timestamp, 1700000300);
      assert.equal(event.domain, "push.example.com");
      assert.equal(event.path, "live");
    });

    it("parses a recording status (332)", () => {
      const event = parseOk(SAMPLE_EVENTS.recordStatus);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 332);
      assert.equal(event.record_event, "record_ended");
      assert.equal(event.session_id, "2918085116267032069");
      assert.equal(JSON.parse(event.record_detail ?? "{}").file_format, 2);
    });

    it("narrows a switch on event_type to the matching event type", () => {
      const summaries = Object.values(SAMPLE_EVENTS).map((body) => {
        const event = parseOk(body);
        if (!isKnownCallbackEvent(event)) {
          return "unknown";
        }
        // Each branch only compiles because the union is narrowed to one event type.
        switch (event.event_type) {
          case CALLBACK_EVENT_TYPES.streamBegin:
            return `begin ${event.stream_id} ${event.sequence}`;
          case CALLBACK_EVENT_TYPES.streamEnd:
            return `end ${event.stream_id} ${event.push_duration}`;
          case CALLBACK_EVENT_TYPES.recordFile:
            return `record ${event.video_url}`;
          case CALLBACK_EVENT_TYPES.snapshot:
            return `snapshot ${event.pic_full_url}`;
          case CALLBACK_EVENT_TYPES.audioAudit:
            return `audio ${event.suggestion}`;
          case CALLBACK_EVENT_TYPES.imageAudit:
            return `image ${event.type.join(",")}`;
          case CALLBACK_EVENT_TYPES.pushException:
            return `push-exception ${event.abnormal_event.length}`;
          case CALLBACK_EVENT_TYPES.recordStatus:
            return `record-status ${event.record_event}`;
          case CALLBACK_EVENT_TYPES.recordException:
            return `record-exception ${event.exception_level} ${event.exception.type}`;
        }
      });
      assert.equal(summaries.length, 9);
      assert.ok(summaries.includes("record-exception warning -9"));
      assert.ok(summaries.every((line) => line !== "unknown"));
      assert.ok(summaries.includes("end room_1001 360000"));
    });

    it("keeps fields the schema does not know, at every level", () => {
      const event = parseOk({
        ...SAMPLE_EVENTS.pushException,
        idc_id: 34,
        abnormal_event: [{ type: 8, count: 1, future_field: "kept" }],
      });
      assert.equal(event["idc_id"], 34);
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 321);
      assert.equal(event.abnormal_event[0]?.["future_field"], "kept");
    });

    it("accepts t as a string of digits and returns it as a number", () => {
      const event = parseOk({ ...SAMPLE_EVENTS.streamBegin, t: "1700000600" });
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 1);
      assert.equal(event.t, 1700000600);
    });
  });

  describe("the documents' own examples", () => {
    it("has one for every known event type", () => {
      assert.deepEqual(
        Object.keys(DOCUMENT_EXAMPLES).sort(),
        Object.keys(CALLBACK_EVENT_TYPES).sort(),
      );
    });

    for (const [name, { document, body }] of Object.entries(DOCUMENT_EXAMPLES)) {
      it(`parses the ${name} example of document ${document}`, () => {
        const event = parseOk(body);
        assert.ok(isKnownCallbackEvent(event));
        assert.equal(event.event_type, CALLBACK_EVENT_TYPES[name as CallbackEventTypeName]);
      });
    }

    it("types the fields the examples carry, quirks included", () => {
      const end = parseOk(DOCUMENT_EXAMPLES.streamEnd.body);
      assert.ok(isKnownCallbackEvent(end) && end.event_type === 0);
      assert.equal(end.push_duration, 128581);
      assert.equal(end.idc_id, 34);

      const record = parseOk(DOCUMENT_EXAMPLES.recordFile.body);
      assert.ok(isKnownCallbackEvent(record) && record.event_type === 100);
      assert.equal(record.media_start_time, 135802);
      assert.equal(record.record_bps, 0);
      assert.deepEqual(JSON.parse(record.callback_ext ?? ""), {
        video_codec: "h264",
        resolution: "640x480",
      });

      const snapshot = parseOk(DOCUMENT_EXAMPLES.snapshot.body);
      assert.ok(isKnownCallbackEvent(snapshot) && snapshot.event_type === 200);
      assert.equal(snapshot.task_id, "1867908378267662126");
      assert.equal(snapshot.appid, undefined);

      const image = parseOk(DOCUMENT_EXAMPLES.imageAudit.body);
      assert.ok(isKnownCallbackEvent(image) && image.event_type === 317);
      assert.equal(image.suggestion, "Block");
      assert.equal(image.subLabel, "PornHigh");
      // The example spells `score` as `socre`: kept as an unknown field, `score` stays unset.
      assert.equal(image.score, undefined);
      assert.deepEqual(image["socre"], [99]);
      assert.equal(image.labelResults?.[1]?.Details?.[1]?.Name, "WomenChest");
      assert.deepEqual(image.objectResults?.[0]?.Names, []);
      assert.equal(image.ocrResults?.[0]?.Text, "");

      const push = parseOk(DOCUMENT_EXAMPLES.pushException.body);
      assert.ok(isKnownCallbackEvent(push) && push.event_type === 321);
      assert.equal(push.timeout, 5000);
      assert.equal(push.interface, "general_callback");
      assert.equal(push.abnormal_event[1]?.detail?.[1]?.occur_time, 1670588073486);
      assert.equal(push.t, undefined, "the example carries no signature");

      const exception = parseOk(DOCUMENT_EXAMPLES.recordException.body);
      assert.ok(isKnownCallbackEvent(exception) && exception.event_type === 341);
      assert.equal(exception.exception_level, "info");
      assert.equal(exception.exception.type, -201);
      assert.equal(exception.exception.occurs, 4);
      assert.equal(exception.timestamp, 1739934527);

      const audio = parseOk(DOCUMENT_EXAMPLES.audioAudit.body);
      assert.ok(isKnownCallbackEvent(audio) && audio.event_type === 315);
      assert.equal(audio.SubTag, "XXXsound");
      assert.equal(audio.seq, 3232590095);
      assert.equal(audio.task_id, "xxx36881");
    });

    it("reads the newer push exception fields of document 84046", () => {
      const body = structuredClone(DOCUMENT_EXAMPLES.pushException.body) as unknown as {
        abnormal_event: Record<string, unknown>[];
      };
      body.abnormal_event[0] = {
        ...body.abnormal_event[0],
        customer_visible: "true",
        event_key: "",
      };
      const event = parseOk({ ...body, user_ip: "1.1.1.1" });
      assert.ok(isKnownCallbackEvent(event) && event.event_type === 321);
      assert.equal(event.abnormal_event[0]?.customer_visible, "true");
      assert.equal(event.abnormal_event[0]?.event_key, "");
      assert.equal(event.user_ip, "1.1.1.1");
    });
  });

  describe("rejections name the path and the problem", () => {
    const wrongTyped: Array<[keyof typeof SAMPLE_EVENTS, Record<string, unknown>, RegExp]> = [
      ["streamBegin", { stream_id: 1001 }, /^stream_id: .*expected string/],
      ["streamEnd", { push_duration: "six minutes" }, /^push_duration: expected an integer/],
      ["recordFile", { file_size: "big" }, /^file_size: .*expected number/],
      ["recordFile", { video_url: undefined }, /^video_url: .*expected string/],
      ["snapshot", { width: "640" }, /^width: .*expected number/],
      ["audioAudit", { text_results: [{ Keywords: "phone" }] }, /^text_results\.0\.Keywords: /],
      ["imageAudit", { type: 2 }, /^type: .*expected array/],
      ["pushException", { abnormal_event: [{ count: 1 }] }, /^abnormal_event\.0\.type: /],
      ["recordStatus", { record_event: 7 }, /^record_event: .*expected string/],
      ["recordException", { exception: { occurs: 1 } }, /^exception\.type: /],
      ["recordException", { exception_level: undefined }, /^exception_level: .*expected string/],
      ["recordFile", { media_start_time: "19" }, /^media_start_time: .*expected number/],
      ["pushException", { timeout: "5s" }, /^timeout: .*expected number/],
      ["streamBegin", { t: "soon" }, /^t: expected an integer/],
    ];
    for (const [name, patch, expected] of wrongTyped) {
      it(`refuses ${name} when ${Object.keys(patch).join(", ")} is wrong`, () => {
        const issues = parseIssues({ ...SAMPLE_EVENTS[name], ...patch });
        assert.ok(
          issues.some((issue) => expected.test(issue)),
          `no issue matched ${expected}: ${JSON.stringify(issues)}`,
        );
      });
    }

    it("lists every problem, not only the first", () => {
      const issues = parseIssues({ ...SAMPLE_EVENTS.recordFile, file_size: "big", duration: "x" });
      assert.equal(issues.length, 2);
    });

    it("refuses a body that is not an object, naming the body", () => {
      for (const body of [null, "text", 42, [SAMPLE_EVENTS.streamBegin]]) {
        const issues = parseIssues(body);
        assert.match(issues[0] ?? "", /^\(body\): /);
      }
    });

    it("refuses an event without an integer event_type", () => {
      assert.match(parseIssues({ stream_id: "s" })[0] ?? "", /^event_type: /);
      assert.match(parseIssues({ event_type: "1" })[0] ?? "", /^event_type: /);
      assert.match(parseIssues({ event_type: 1.5 })[0] ?? "", /^event_type: /);
    });
  });

  describe("unknown event types", () => {
    it("keeps an event of a type this library does not know, with all its fields", () => {
      const body = { event_type: 999, stream_id: "room_1001", anything: { nested: [1, 2] } };
      const event = parseOk(body);
      assert.equal(isKnownCallbackEvent(event), false);
      assert.deepEqual(event, body);
    });

    it("does not apply the known schemas to an unknown type", () => {
      // stream_id would be refused on a known event; here nothing but event_type is checked.
      const event = parseOk({ event_type: 400, stream_id: 7, t: "not checked here" });
      assert.equal(event.event_type, 400);
      assert.equal(event["stream_id"], 7);
    });
  });
});
