/**
 * The recording events: a recording file was written (100, 录制), a recording task changed state
 * (332, 录制状态), something went wrong while recording (341, 录制异常).
 */
import { z } from "zod";
import { interfaceField, signatureFields, streamFields } from "./common";
import { CALLBACK_EVENT_TYPES } from "./types";

/** Event 100 (录制): a recording file was written to VOD (or COS). */
export const RecordFileEventSchema = z.looseObject({
  /** Always 100 ({@link CALLBACK_EVENT_TYPES}.recordFile). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.recordFile),
  ...signatureFields,
  ...streamFields,
  /** Download / playback URL of the recording file (an `.m3u8` playlist for HLS). */
  video_url: z.string(),
  /** VOD file ID, which identifies the file in the VOD (云点播) APIs. */
  file_id: z.string().optional(),
  /** ID of the recording file (equal to `file_id` for files stored in VOD). */
  record_file_id: z.string().optional(),
  /**
   * ID of the recording template whose task wrote the file; absent or empty when a global
   * recording task wrote it.
   */
  record_temp_id: z.string().optional(),
  /** Container format: `flv`, `hls`, `mp4`, `aac` or `mp3`. */
  file_format: z.string().optional(),
  /** ID of the recording task; only set when the task was created with the CreateRecordTask API. */
  task_id: z.string().optional(),
  /** UNIX time in seconds of the first recorded frame. */
  start_time: z.number().int().optional(),
  /** UNIX time in seconds of the last recorded frame. */
  end_time: z.number().int().optional(),
  /** Microsecond part of `start_time`. */
  start_time_usec: z.number().int().optional(),
  /** Microsecond part of `end_time`. */
  end_time_usec: z.number().int().optional(),
  /**
   * Length of the recording in seconds. May differ from `end_time - start_time` when the push
   * was unstable (gaps are not recorded).
   */
  duration: z.number().optional(),
  /** Size of the file in bytes. */
  file_size: z.number().int().nonnegative().optional(),
  /**
   * Presentation timestamp (ms) of the first frame the recorder pulled, which is not
   * necessarily the first frame in the file.
   */
  media_start_time: z.number().int().optional(),
  /** Bitrate (kbps) of the transcoded stream that was recorded; `0` for the original stream. */
  record_bps: z.number().int().optional(),
  /**
   * JSON text (a string, not an object) with extra facts the document says not to build on:
   * `video_codec`, `resolution` (e.g. `1920x1080`) and `session_id` (the recording task).
   */
  callback_ext: z.string().optional(),
});

/** Event 100: a recording file was written. */
export type RecordFileEvent = z.infer<typeof RecordFileEventSchema>;

/** Event 332 (录制状态): the state of a recording task changed. */
export const RecordStatusEventSchema = z.looseObject({
  /** Always 332 ({@link CALLBACK_EVENT_TYPES}.recordStatus). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.recordStatus),
  ...signatureFields,
  ...streamFields,
  /**
   * What happened: `record_start_succeeded`, `record_start_failed`, `record_paused`,
   * `record_resumed`, `record_error` or `record_ended`. Typed as a string so that a state added
   * by the platform does not make the event unparseable.
   */
  record_event: z.string(),
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** UNIX time in seconds at which the state changed. */
  event_time: z.number().int().optional(),
  /** ID of the recording session. */
  session_id: z.string().optional(),
  /** ID of the recording task; only set for tasks created with the CreateRecordTask API. */
  task_id: z.string().optional(),
  /** Message sequence number. */
  seq: z.string().optional(),
  /**
   * JSON text (a string, not an object) with `file_format` (1 FLV, 2 HLS, 3 MP4, 4 AAC, 5 MP3),
   * `record_bps`, `start_model` (1 template rule, 5 API), `record_content` (1 original,
   * 2 watermarked, 3 transcoded), `source_type` (1 live, 2 relay) and `codec_temp_id`.
   */
  record_detail: z.string().optional(),
});

/** Event 332: the state of a recording task changed. */
export type RecordStatusEvent = z.infer<typeof RecordStatusEventSchema>;

/** What went wrong in a recording exception event. */
const RecordExceptionDetailSchema = z.looseObject({
  /**
   * Negative code: -8/-9 audio/video timestamp jumped, -10 audio and video out of sync, -11
   * invalid video timestamp, -16 pulling the stream failed, -17/-18 no audio/video in a stream
   * recorded with it, -22/-23 audio/video timestamp stuck, -24 invalid audio timestamp, -100
   * resolution changed, -104 writing frames to the file failed, -120 new file after a video
   * codec change, -130/-131 bad video/audio frames dropped, -132 abnormal GOP length,
   * -200/-201 audio/video timestamps unevenly spaced.
   */
  type: z.number().int(),
  /** How many times it happened in the reporting period (repeats are merged). */
  occurs: z.number().int().optional(),
  /** What happened, in English. */
  desc: z.string().optional(),
});

/**
 * Event 341 (录制异常): something went wrong while recording a stream. Sent only for the levels
 * the template selects in RecordExceptionLevels, up to two minutes late (repeats are merged).
 */
export const RecordExceptionEventSchema = z.looseObject({
  /** Always 341 ({@link CALLBACK_EVENT_TYPES}.recordException). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.recordException),
  ...signatureFields,
  /** `general_callback`: the callback service that sent the event. */
  interface: interfaceField,
  /** Tencent Cloud APPID of the account. */
  appid: z.number().int().optional(),
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** Push path (this event names it `path`, not `appname`). */
  path: z.string().optional(),
  /** Stream name. */
  stream_id: z.string(),
  /** ID of the recording session, which tells recording tasks apart. */
  session_id: z.string().optional(),
  /** Container format being written, e.g. `flv`, `ts`, `mp4` or `aac`. */
  file_format: z.string().optional(),
  /** UNIX time in seconds of the event. */
  timestamp: z.number().int().optional(),
  /**
   * `error`, `warning` or `info`: one of the template's RecordExceptionLevels. Typed as a string
   * so that a level added by the platform does not make the event unparseable.
   */
  exception_level: z.string(),
  /** What went wrong. */
  exception: RecordExceptionDetailSchema,
});

/** Event 341: something went wrong while recording. */
export type RecordExceptionEvent = z.infer<typeof RecordExceptionEventSchema>;
