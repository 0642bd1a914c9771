/**
 * The recording events (product 267): a recording file was written (100, document 47026
 * 录制事件通知), a recording task changed state (332, 录制状态事件通知), something went wrong while
 * recording (341, document 117052 录制异常事件通知).
 */
import type { SignatureFields, StreamFields } from "../../shared/fields";

/** Event 100 (录制): a recording file was written to VOD (or COS). */
export interface RecordFileEvent extends SignatureFields, StreamFields {
  /** Always 100 (`CALLBACK_EVENT_TYPES.recordFile`). */
  event_type: 100;
  /** Download / playback URL of the recording file (an `.m3u8` playlist for HLS). */
  video_url: string;
  /** VOD file ID, which identifies the file in the VOD (云点播) APIs. */
  file_id?: string;
  /** ID of the recording file (equal to `file_id` for files stored in VOD). */
  record_file_id?: string;
  /**
   * ID of the recording template whose task wrote the file; absent or empty when a global
   * recording task wrote it.
   */
  record_temp_id?: string;
  /** Container format: `flv`, `hls`, `mp4`, `aac` or `mp3`. */
  file_format?: string;
  /** ID of the recording task; only set when the task was created with the CreateRecordTask API. */
  task_id?: string;
  /** UNIX time in seconds of the first recorded frame. */
  start_time?: number;
  /** UNIX time in seconds of the last recorded frame. */
  end_time?: number;
  /** Microsecond part of `start_time`. */
  start_time_usec?: number;
  /** Microsecond part of `end_time`. */
  end_time_usec?: number;
  /**
   * Length of the recording in seconds. May differ from `end_time - start_time` when the push
   * was unstable (gaps are not recorded).
   */
  duration?: number;
  /** Size of the file in bytes. */
  file_size?: number;
  /**
   * Presentation timestamp (ms) of the first frame the recorder pulled, which is not
   * necessarily the first frame in the file.
   */
  media_start_time?: number;
  /** Bitrate (kbps) of the transcoded stream that was recorded; `0` for the original stream. */
  record_bps?: number;
  /**
   * JSON text (a string, not an object) with extra facts the document says not to build on:
   * `video_codec`, `resolution` (e.g. `1920x1080`) and `session_id` (the recording task).
   * `decodeCallbackExt(event)` decodes it into a {@link RecordFileCallbackExt}.
   */
  callback_ext?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/**
 * The decoded `callback_ext` of a recording file event. The document lists these fields as
 * informational, subject to change: every one is optional and others are kept.
 */
export interface RecordFileCallbackExt {
  /** Video codec of the recorded stream, e.g. `h264` or `h265`. */
  video_codec?: string;
  /** Video resolution as `<width>x<height>`, e.g. `1280x720`. */
  resolution?: string;
  /** ID of the recording session that wrote the file (as `session_id` of events 332 and 341). */
  session_id?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** Event 332 (录制状态): the state of a recording task changed. */
export interface RecordStatusEvent extends SignatureFields, StreamFields {
  /** Always 332 (`CALLBACK_EVENT_TYPES.recordStatus`). */
  event_type: 332;
  /**
   * What happened: `record_start_succeeded`, `record_start_failed`, `record_paused`,
   * `record_resumed`, `record_error` or `record_ended`. Typed as a string so that a state added
   * by the platform does not make the event unparseable.
   */
  record_event: string;
  /** Push domain (this event names it `domain`, not `app`). */
  domain?: string;
  /** UNIX time in seconds at which the state changed. */
  event_time?: number;
  /** ID of the recording session. */
  session_id?: string;
  /** ID of the recording task; only set for tasks created with the CreateRecordTask API. */
  task_id?: string;
  /** Message sequence number. */
  seq?: string;
  /**
   * JSON text (a string, not an object) describing the recording; `decodeRecordDetail(event)`
   * decodes it into a {@link RecordStatusDetail}.
   */
  record_detail?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/**
 * The decoded `record_detail` of a recording status event. The document types each field as a
 * number; a string of digits is accepted too (and comes out as a number), and every field is
 * optional, so that a detail the platform writes differently is still read.
 */
export interface RecordStatusDetail {
  /** Container format: 1 FLV, 2 HLS, 3 MP4, 4 AAC, 5 MP3. */
  file_format?: number;
  /** Bitrate of the recorded stream (kbps); `0` for the original stream. */
  record_bps?: number;
  /** How the task was started: 1 by a recording template's rule, 5 by an API call. */
  start_model?: number;
  /** What is recorded: 1 the original stream, 2 a watermarked stream, 3 a transcoded stream. */
  record_content?: number;
  /** Kind of stream recorded: 1 a live stream, 2 a relayed stream (then `stream_id` is the relay task). */
  source_type?: number;
  /** ID of the transcoding template; `0` when none. */
  codec_temp_id?: number;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** What went wrong in a recording exception event. */
export interface RecordExceptionDetail {
  /**
   * Negative code: -8/-9 audio/video timestamp jumped, -10 audio and video out of sync, -11
   * invalid video timestamp, -16 pulling the stream failed, -17/-18 no audio/video in a stream
   * recorded with it, -22/-23 audio/video timestamp stuck, -24 invalid audio timestamp, -100
   * resolution changed, -104 writing frames to the file failed, -120 new file after a video
   * codec change, -130/-131 bad video/audio frames dropped, -132 abnormal GOP length,
   * -200/-201 audio/video timestamps unevenly spaced.
   */
  type: number;
  /** How many times it happened in the reporting period (repeats are merged). */
  occurs?: number;
  /** What happened, in English. */
  desc?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/**
 * Event 341 (录制异常): something went wrong while recording a stream. Sent only for the levels
 * the template selects in RecordExceptionLevels, up to two minutes late (repeats are merged).
 */
export interface RecordExceptionEvent extends SignatureFields {
  /** Always 341 (`CALLBACK_EVENT_TYPES.recordException`). */
  event_type: 341;
  /** `general_callback`: the callback service that sent the event. */
  interface?: string;
  /** Tencent Cloud APPID of the account. */
  appid?: number;
  /** Push domain (this event names it `domain`, not `app`). */
  domain?: string;
  /** Push path (this event names it `path`, not `appname`). */
  path?: string;
  /** Stream name. */
  stream_id: string;
  /** ID of the recording session, which tells recording tasks apart. */
  session_id?: string;
  /** Container format being written, e.g. `flv`, `ts`, `mp4` or `aac`. */
  file_format?: string;
  /** UNIX time in seconds of the event. */
  timestamp?: number;
  /**
   * `error`, `warning` or `info`: one of the template's RecordExceptionLevels. Typed as a string
   * so that a level added by the platform does not make the event unparseable.
   */
  exception_level: string;
  /** What went wrong. */
  exception: RecordExceptionDetail;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}
