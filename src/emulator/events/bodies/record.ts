/** Bodies of the recording file (100, document 47026) and recording status (332) events. */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import {
  CALLBACK_EVENT_TYPES,
  type RecordFileEventSchema,
  type RecordStatusEventSchema,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  randomDigits,
  seconds,
  streamFields,
  type EventBodyContext,
} from "./common";

/** A recording file body: a 10-minute HLS-like file stored in VOD. */
export function recordFile(ctx: EventBodyContext): z.input<typeof RecordFileEventSchema> {
  const end = seconds(ctx.nowMs) - 1;
  const duration = 600;
  const fileId = randomDigits(19);
  const path = `${randomBytes(4).toString("hex")}/${randomBytes(4).toString("hex")}`;
  return {
    event_type: CALLBACK_EVENT_TYPES.recordFile,
    ...streamFields(ctx),
    video_url: `http://${EMULATED_APPID}.vod2.myqcloud.com/${path}/f0.flv`,
    video_id: `${EMULATED_APPID}_${randomBytes(16).toString("hex")}`,
    file_id: fileId,
    record_file_id: fileId,
    file_format: "flv",
    start_time: end - duration,
    end_time: end,
    start_time_usec: 80_000,
    end_time_usec: 80_000,
    duration,
    file_size: 98_765_432,
    media_start_time: 19,
    record_bps: 0,
    callback_ext: JSON.stringify({ video_codec: "h264", audio_codec: "aac" }),
  };
}

/** A recording status body: a recording task started. */
export function recordStatus(ctx: EventBodyContext): z.input<typeof RecordStatusEventSchema> {
  return {
    event_type: CALLBACK_EVENT_TYPES.recordStatus,
    appid: EMULATED_APPID,
    domain: ctx.domainName,
    appname: ctx.appName,
    stream_id: ctx.streamId,
    event_time: seconds(ctx.nowMs),
    record_event: "record_start_succeeded",
    session_id: randomBytes(16).toString("hex"),
    seq: "1",
    record_detail: JSON.stringify({
      file_format: 1,
      record_bps: 0,
      start_model: 1,
      record_content: 1,
      source_type: 1,
      codec_temp_id: 0,
    }),
  };
}
