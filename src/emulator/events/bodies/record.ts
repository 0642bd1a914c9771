/**
 * Bodies of the recording events, shaped like their documents' examples (product 267): the
 * recording file (100, document 47026), the recording status (332) and the recording exception
 * (341, document 117052).
 */
import { randomBytes } from "node:crypto";
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventBody,
  type RecordExceptionEvent,
  type RecordFileEvent,
  type RecordStatusEvent,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  GENERAL_CALLBACK,
  randomDigits,
  seconds,
  streamParam,
  type EventBodyContext,
} from "./common";

/** A recording file body: a 10-minute HLS recording stored in VOD by a template's task. */
export function recordFile(ctx: EventBodyContext): CallbackEventBody<RecordFileEvent> {
  const end = seconds(ctx.nowMs) - 1;
  const duration = 600;
  const fileId = randomDigits(19);
  const path = `${randomBytes(4).toString("hex")}/${randomBytes(4).toString("hex")}`;
  return {
    event_type: CALLBACK_EVENT_TYPES.recordFile,
    appid: EMULATED_APPID,
    app: ctx.domainName,
    callback_ext: JSON.stringify({
      video_codec: "h264",
      resolution: "1280x720",
      session_id: randomDigits(19),
    }),
    appname: ctx.appName,
    stream_id: ctx.streamId,
    channel_id: ctx.streamId,
    file_id: fileId,
    record_file_id: fileId,
    record_temp_id: randomDigits(7),
    file_format: "hls",
    start_time: end - duration,
    end_time: end,
    start_time_usec: 316_441,
    end_time_usec: 618_577,
    duration,
    file_size: 98_765_432,
    stream_param: streamParam(ctx.nowMs),
    video_url: `http://${EMULATED_APPID}.vod2.myqcloud.com/${path}/${ctx.streamId}.m3u8`,
    media_start_time: 135_802,
    record_bps: 0,
  };
}

/** A recording status body: a recording task started. */
export function recordStatus(ctx: EventBodyContext): CallbackEventBody<RecordStatusEvent> {
  return {
    event_type: CALLBACK_EVENT_TYPES.recordStatus,
    appid: EMULATED_APPID,
    appname: ctx.appName,
    domain: ctx.domainName,
    event_time: seconds(ctx.nowMs),
    record_detail: JSON.stringify({
      file_format: 2,
      record_bps: 0,
      start_model: 1,
      record_content: 1,
      source_type: 1,
      codec_temp_id: 0,
    }),
    record_event: "record_start_succeeded",
    seq: randomDigits(19),
    session_id: randomDigits(19),
    stream_id: ctx.streamId,
  };
}

/** A plausible exception per level; the codes and wording follow the document's table. */
const EXCEPTIONS: Readonly<Record<string, { type: number; desc: string; occurs: number }>> = {
  error: { type: -104, desc: "write frame to file failed", occurs: 1 },
  warning: { type: -9, desc: "video ts jump: 3046.000000", occurs: 2 },
  info: { type: -201, desc: "video ts deviation: 100.000000", occurs: 4 },
};

/**
 * A recording exception body at `ctx.exceptionLevel` (default `error`). The caller picks the
 * level: the platform sends this event only for the levels the template selects.
 */
export function recordException(ctx: EventBodyContext): CallbackEventBody<RecordExceptionEvent> {
  const level = ctx.exceptionLevel ?? "error";
  return {
    interface: GENERAL_CALLBACK,
    event_type: CALLBACK_EVENT_TYPES.recordException,
    appid: EMULATED_APPID,
    domain: ctx.domainName,
    path: ctx.appName,
    stream_id: ctx.streamId,
    session_id: randomDigits(19),
    file_format: "ts",
    timestamp: seconds(ctx.nowMs),
    exception_level: level,
    exception: { ...(EXCEPTIONS[level] ?? EXCEPTIONS.error) },
  };
}
