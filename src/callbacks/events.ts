/**
 * Schemas and types of the events Tencent Cloud Live POSTs to the callback URLs of a callback
 * template (事件消息通知). The zod schemas are the single source of the types.
 *
 * Design rules, because a receiver that answers non-200 makes the platform retry and finally
 * drop the event:
 * - every object is loose: fields the platform adds later survive parsing untouched;
 * - only the fields each event cannot be used without are required, everything the protocol
 *   documents inconsistently across versions is optional;
 * - integers that older documents type as strings (`t`, `push_duration`) accept both forms and
 *   come out as numbers;
 * - an `event_type` this library does not know is kept as a {@link GenericCallbackEvent}.
 */
import { z } from "zod";

/**
 * Numeric `event_type` of every callback event this library types, by name. Shared with code
 * that produces events (an emulator, tests) so the codes are written down once.
 */
export const CALLBACK_EVENT_TYPES = {
  /** 断流: the push of a stream stopped. */
  streamEnd: 0,
  /** 推流: a stream started being pushed. */
  streamBegin: 1,
  /** 录制: a recording file was written. */
  recordFile: 100,
  /** 截图: a screenshot was taken. */
  snapshot: 200,
  /** 音频审核: the audio moderation flagged a segment. */
  audioAudit: 315,
  /** 鉴黄 / 图片审核: the image moderation flagged a screenshot. */
  imageAudit: 317,
  /** 推流异常: push errors (timestamps going back, late frames…) during the last interval. */
  pushException: 321,
  /** 录制状态: a recording task started, paused, resumed, failed or ended. */
  recordStatus: 332,
  /**
   * 录制异常: something went wrong while recording (timestamps, missing tracks, write errors).
   * Sent to RecordExceptionNotifyUrl, only for the levels the template selects in
   * RecordExceptionLevels.
   */
  recordException: 341,
} as const;

/** Name of an event type in {@link CALLBACK_EVENT_TYPES}. */
export type CallbackEventTypeName = keyof typeof CALLBACK_EVENT_TYPES;

/** An `event_type` value this library has a schema for. */
export type KnownCallbackEventType = (typeof CALLBACK_EVENT_TYPES)[CallbackEventTypeName];

const KNOWN_EVENT_TYPES: ReadonlySet<number> = new Set(Object.values(CALLBACK_EVENT_TYPES));

/**
 * An integer sent either as a JSON number or as a string of decimal digits (older protocol
 * versions document `t` and `push_duration` as strings); it always comes out as a number.
 */
const integerLike = z.union(
  [
    z.number().int(),
    z
      .string()
      .regex(/^-?\d{1,15}$/)
      .transform(Number),
  ],
  { error: "expected an integer, as a number or a string of decimal digits" },
);

/** Present on every event the platform signs. */
const signatureFields = {
  /**
   * UNIX time in seconds at which the signature expires (sending time + 10 minutes by default).
   * Optional here because parsing does not authenticate: use `verifyCallbackSignature` (the
   * handler does) before trusting an event.
   */
  t: integerLike.optional(),
  /** `md5(CallbackKey + t)` in hex; see `verifyCallbackSignature`. */
  sign: z.string().optional(),
};

/**
 * `general_callback` on the events of the newer callback service (315, 321, 341). It says which
 * service sent the event, not what it is about.
 */
const interfaceField = z.string().optional();

/** Where a stream was pushed: account, domain, path and stream name. */
const streamFields = {
  /** Tencent Cloud APPID of the account that owns the push domain. */
  appid: z.number().int().optional(),
  /** Push domain (the callback rule's DomainName), e.g. `push.example.com`. */
  app: z.string().optional(),
  /** Push path (the callback rule's AppName), `live` unless customised. */
  appname: z.string().optional(),
  /** Stream name, the last segment of the push URL path. */
  stream_id: z.string(),
  /** Same value as `stream_id`; kept by the platform for historical reasons. */
  channel_id: z.string().optional(),
  /**
   * Query string of the push URL (e.g. `txSecret=…&txTime=…&custom=1`), useful to carry your
   * own identifiers from the pusher to the callback.
   */
  stream_param: z.string().optional(),
};

/** Fields shared by the stream begin (1) and stream end (0) events. */
const pushSessionFields = {
  ...signatureFields,
  ...streamFields,
  /** UNIX time in seconds at which the platform generated the event. */
  event_time: z.number().int().optional(),
  /**
   * Identifier of one push session: the begin and the end event of the same push carry the same
   * value, which is how to pair them. A string because it exceeds JavaScript's safe integers.
   */
  sequence: z.string().optional(),
  /** IP address of the ingest node that received the push. */
  node: z.string().optional(),
  /** IP address the pusher connected from. */
  user_ip: z.string().optional(),
  /** Push / interruption error code; `0` for a normal begin. See Tencent's 断流错误码 list. */
  errcode: z.number().int().optional(),
  /** Message matching `errcode`, e.g. `ok` or `recv rtmp deleteStream`. */
  errmsg: z.string().optional(),
  /** Region set of the ingest node: 1–6 inside the Chinese mainland, 7–200 outside. */
  set_id: z.number().int().optional(),
  /** Video width in pixels; `0` when the stream begin arrived before the video header. */
  width: z.number().int().optional(),
  /** Video height in pixels; `0` when the stream begin arrived before the video header. */
  height: z.number().int().optional(),
  /** Internal id of the ingest data centre. */
  idc_id: z.number().int().optional(),
};

/** Event 1 (推流): a stream started being pushed. */
export const StreamBeginEventSchema = z.looseObject({
  /** Always 1 ({@link CALLBACK_EVENT_TYPES}.streamBegin). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.streamBegin),
  ...pushSessionFields,
});

/** Event 0 (断流): the push of a stream stopped. */
export const StreamEndEventSchema = z.looseObject({
  /** Always 0 ({@link CALLBACK_EVENT_TYPES}.streamEnd). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.streamEnd),
  ...pushSessionFields,
  /**
   * How long the push lasted, in milliseconds. Documented (and shown in the document's example)
   * as a string of digits; a number is accepted too. Always a number after parsing.
   */
  push_duration: integerLike.optional(),
});

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

/** Event 200 (截图): a screenshot of the stream was stored. */
export const SnapshotEventSchema = z.looseObject({
  /** Always 200 ({@link CALLBACK_EVENT_TYPES}.snapshot). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.snapshot),
  ...signatureFields,
  ...streamFields,
  /** Full download URL of the screenshot, in the COS bucket of the snapshot template. */
  pic_full_url: z.string(),
  /** Path of the screenshot inside the bucket, e.g. `/2018-12-17/stream-screenshot-….jpg`. */
  pic_url: z.string().optional(),
  /** UNIX time in seconds at which the screenshot was taken. */
  create_time: z.number().int().optional(),
  /** Size of the image in bytes. */
  file_size: z.number().int().nonnegative().optional(),
  /** Image width in pixels. */
  width: z.number().int().optional(),
  /** Image height in pixels. */
  height: z.number().int().optional(),
  /** ID of the screenshot task. */
  task_id: z.string().optional(),
});

/** One moderation finding of an audio audit, as found in its `*_results` arrays. */
const AudioAuditFindingSchema = z.looseObject({
  /** Label of the finding, e.g. `Porn`, `Ad`, `Moan`, a language or a speaker label. */
  Label: z.string().nullish(),
  /** Second-level label under `Label`. */
  SubLabel: z.string().nullish(),
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score: z.number().nullish(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion: z.string().nullish(),
  /** Start of the segment within the audited audio, in seconds. */
  StartTime: z.number().nullish(),
  /** End of the segment within the audited audio, in seconds. */
  EndTime: z.number().nullish(),
  /** Matched keywords, for text findings; empty when the model itself matched. */
  Keywords: z.array(z.string()).nullish(),
});

/** Event 315 (音频审核): the live audio moderation flagged a segment. */
export const AudioAuditEventSchema = z.looseObject({
  /** Always 315 ({@link CALLBACK_EVENT_TYPES}.audioAudit). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.audioAudit),
  ...signatureFields,
  ...streamFields,
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** Push path (this event names it `path`, not `appname`). */
  path: z.string().optional(),
  /** `general_callback`: the callback service that sent the event. */
  interface: interfaceField,
  /** Whether the moderation model was triggered: 1 yes, 0 no. */
  HitFlag: z.number().int().optional(),
  /** Confidence of `label`, 0 (lowest) to 100 (highest). */
  Score: z.number().optional(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  suggestion: z.string().optional(),
  /** Highest-priority violation label, e.g. `Porn`, `Abuse`, `Ad`, `Normal`. */
  label: z.string().optional(),
  /** Second-level label under `label`; empty when none matched. */
  sub_label: z.string().optional(),
  /** Third-level label. */
  SubTag: z.string().optional(),
  /** Text transcription of the audited segment. */
  asr_text: z.string().optional(),
  /** URL of the audited audio segment, when available. */
  cdn_url: z.string().optional(),
  /** Length of the audited segment in seconds. */
  duration: z.number().optional(),
  /** ID of the audio moderation task. */
  task_id: z.union([z.number(), z.string()]).optional(),
  /** ID of the moderation request, for support tickets. */
  request_id: z.string().optional(),
  /** Sequence number of the audited segment within the task. */
  seq: z.union([z.number(), z.string()]).optional(),
  /** Callback status; 2 means normal. */
  status: z.number().int().optional(),
  /** Findings on the spoken text (keywords, custom libraries). */
  text_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Findings on moaning / vulgar sounds. */
  moan_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Minority-language detection results. */
  language_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Speaker (voice print) detection results. */
  speaker_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Recognition labels such as `Teenager` or `Gender`. */
  recognition_results: z.array(z.looseObject({})).nullish(),
});

/** Where in the image a finding is: the top-left corner, the size and the rotation. */
const AuditLocationSchema = z.looseObject({
  X: z.number().optional(),
  Y: z.number().optional(),
  Width: z.number().optional(),
  Height: z.number().optional(),
  /** Rotation of the box, in degrees. */
  Rotate: z.number().optional(),
});

/**
 * What every finding of an image audit says. The document's tables spell the label `label`,
 * its example `Label`; both are typed.
 */
const imageFindingFields = {
  /** Whether the model matched: 1 yes, 0 no. */
  HitFlag: z.number().int().optional(),
  /** The model or scenario, e.g. `Porn`, `Sexy`, `Terror`, `QrCode`, `OCR`, `Similar`. */
  Scene: z.string().optional(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion: z.string().optional(),
  /** The label found, e.g. `Porn` or `Normal` (the example's spelling). */
  Label: z.string().optional(),
  /** The label found (the tables' spelling). */
  label: z.string().optional(),
  /** Second-level label under the label. */
  SubLabel: z.string().optional(),
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score: z.number().optional(),
};

/** One result of the category models (porn, sexy, terror, illegal…). */
const ImageLabelResultSchema = z.looseObject({
  ...imageFindingFields,
  /** Sub-labels that matched. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        Name: z.string().optional(),
        Score: z.number().optional(),
      }),
    )
    .nullish(),
});

/** One result of the object models (QR codes, logos, maps, faces…). */
const ImageObjectResultSchema = z.looseObject({
  ...imageFindingFields,
  /** Names of the objects found. */
  Names: z.array(z.string()).nullish(),
  /** Each object found, with its box; `Value` is e.g. the URL a QR code holds. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        Name: z.string().optional(),
        Value: z.string().optional(),
        Score: z.number().optional(),
        Location: AuditLocationSchema.optional(),
      }),
    )
    .nullish(),
});

/** One result of text recognition in the image. */
const ImageOcrResultSchema = z.looseObject({
  ...imageFindingFields,
  /** The text recognised. */
  Text: z.string().optional(),
  /** Each text region, with the keywords it matched. */
  Details: z
    .array(
      z.looseObject({
        Text: z.string().optional(),
        Label: z.string().optional(),
        label: z.string().optional(),
        Keywords: z.array(z.string()).nullish(),
        Score: z.number().optional(),
        Location: AuditLocationSchema.optional(),
      }),
    )
    .nullish(),
});

/** One result of the block/allow lists of images. */
const ImageLibResultSchema = z.looseObject({
  ...imageFindingFields,
  /** The listed images that matched. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        ImageId: z.string().optional(),
        Label: z.string().optional(),
        label: z.string().optional(),
        Tag: z.string().optional(),
        Score: z.number().optional(),
      }),
    )
    .nullish(),
});

/**
 * Event 317 (鉴黄 / 图片审核): the image moderation flagged a screenshot of the stream.
 *
 * The moderation service was upgraded: decide on `suggestion`, `label`/`subLabel` and the
 * `*Results` lists. The fields marked deprecated belong to the older service; the platform
 * still sends some of them for compatibility, but they no longer carry results.
 */
export const ImageAuditEventSchema = z.looseObject({
  /** Always 317 ({@link CALLBACK_EVENT_TYPES}.imageAudit). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.imageAudit),
  ...signatureFields,
  /** Tencent Cloud APPID of the account. */
  appid: z.number().int().optional(),
  /** Push domain. */
  app: z.string().optional(),
  /** Push path. */
  appname: z.string().optional(),
  /** Stream name (this event uses camelCase `streamId`, not `stream_id`). */
  streamId: z.string().optional(),
  /** Channel ID, same as `streamId`. */
  channelId: z.string().optional(),
  /** Query string of the push URL. */
  stream_param: z.string().optional(),
  /** URL of the flagged screenshot. */
  img: z.string(),
  /** Recommended action: `Block`, `Review` or `Pass`. The field to decide on. */
  suggestion: z.string().optional(),
  /**
   * The violation label with the highest priority among all results, e.g. `Porn`; `Normal`
   * when none matched.
   */
  label: z.string().optional(),
  /** Second-level label under `label`, e.g. `PornHigh`; empty when there is none. */
  subLabel: z.string().optional(),
  /**
   * Codes of the highest-priority violation categories (the current service; see `label` for
   * their names). In the older service: `0` normal, `1`–`5` non-compliant, `6`–`9` other.
   */
  type: z.array(z.number().int()),
  /**
   * Scores (0–100) of the categories in `type`, in the same order. The document's own example
   * misspells it `socre`, so a body without it still parses.
   */
  score: z.array(z.number()).optional(),
  /** Results of the category models. May be `null`. */
  labelResults: z.array(ImageLabelResultSchema).nullish(),
  /** Results of the object models. May be `null`. */
  objectResults: z.array(ImageObjectResultSchema).nullish(),
  /** Results of text recognition. May be `null`. */
  ocrResults: z.array(ImageOcrResultSchema).nullish(),
  /** Results of the image block/allow lists. May be `null`. */
  libResults: z.array(ImageLibResultSchema).nullish(),
  /** Text recognised in the image, if any. */
  ocrMsg: z.string().optional(),
  /** UNIX time in seconds at which the screenshot was taken. */
  screenshotTime: z.number().int().optional(),
  /** UNIX time in seconds at which the platform sent the event. */
  sendTime: z.number().int().optional(),
  /** Image level. */
  level: z.number().optional(),
  /** Face findings, when any. */
  faceDetails: z.array(z.unknown()).nullish(),
  /** @deprecated Older service: confidence 0–100 that the image is pornographic. */
  confidence: z.number().optional(),
  /** @deprecated Older service: score of the "normal" class. */
  normalScore: z.number().optional(),
  /** @deprecated Older service: score of the "sexy" class. */
  hotScore: z.number().optional(),
  /** @deprecated Older service: score of the "pornographic" class. */
  pornScore: z.number().optional(),
  /** @deprecated Older service: score of similarity to known images. */
  similarScore: z.number().optional(),
  /** @deprecated Older service: alert policy ID; 20001 for video content alerts. */
  tid: z.number().int().optional(),
  /**
   * @deprecated Older service: risk findings, `level` 0–4 (3 and 4 are malicious) and `type`
   * (20002: porn).
   */
  abductionRisk: z
    .array(
      z.looseObject({
        /** Risk level 0–4; 3 and 4 should be acted upon. */
        level: z.number().int().optional(),
        /** Risk type; 20002 is pornography. */
        type: z.number().int().optional(),
      }),
    )
    .optional(),
  /** Game recognition details, when the stream shows a game. */
  gameDetails: z.looseObject({}).optional(),
});

/** One kind of push error in a push exception event. */
const PushAbnormalitySchema = z.looseObject({
  /**
   * Error type: 1/2 video/audio timestamp went back, 3/4 video/audio timestamp jumped by more
   * than 1 s, 5 chunk size over 8192, 6/7 video/audio frames more than 3 s late, 8/9 video/audio
   * codec changed, 10/11 video/audio frame before its codec header.
   */
  type: z.number().int(),
  /** How many times it happened during the reporting interval. */
  count: z.number().int().optional(),
  /** Individual occurrences. */
  detail: z
    .array(
      z.looseObject({
        /** What happened, in English. */
        desc: z.string().optional(),
        /** UNIX time in **milliseconds** of the occurrence. */
        occur_time: z.number().int().optional(),
      }),
    )
    .optional(),
  /** Description of the type in Chinese. */
  type_desc_cn: z.string().optional(),
  /** Description of the type in English. */
  type_desc_en: z.string().optional(),
  /**
   * Whether the customer may see the error; documented as the string `"true"` (a boolean is
   * accepted too).
   */
  customer_visible: z.union([z.string(), z.boolean()]).optional(),
  /** A supplement to the Chinese description. */
  event_key: z.string().optional(),
});

/** Event 321 (推流异常): errors seen in a pushed stream during the last reporting interval. */
export const PushExceptionEventSchema = z.looseObject({
  /** Always 321 ({@link CALLBACK_EVENT_TYPES}.pushException). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.pushException),
  ...signatureFields,
  ...streamFields,
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** Push path (this event names it `path`, not `appname`). */
  path: z.string().optional(),
  /** The errors, one entry per error type seen in the interval. */
  abnormal_event: z.array(PushAbnormalitySchema),
  /** UNIX time in **milliseconds** at which the report was produced. */
  data_time: z.number().int().optional(),
  /** Length of the reporting interval in milliseconds. */
  report_interval: z.number().int().optional(),
  /** Push session identifier, as in the stream begin/end events. */
  sequence: z.string().optional(),
  /** IP address the pusher connected from. */
  user_ip: z.string().optional(),
  /** Timeout of the callback request itself, in milliseconds. */
  timeout: z.number().int().optional(),
  /** `general_callback`: the callback service that sent the event. */
  interface: interfaceField,
});

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

/** Every event type this library knows, discriminated on `event_type`. */
export const KnownCallbackEventSchema = z.discriminatedUnion("event_type", [
  StreamBeginEventSchema,
  StreamEndEventSchema,
  RecordFileEventSchema,
  SnapshotEventSchema,
  AudioAuditEventSchema,
  ImageAuditEventSchema,
  PushExceptionEventSchema,
  RecordStatusEventSchema,
  RecordExceptionEventSchema,
]);

/**
 * Any event with an integer `event_type`; the fallback for event types this library does not
 * know yet (the platform adds new ones), which are kept rather than rejected.
 */
export const GenericCallbackEventSchema = z.looseObject({
  /** The platform's numeric event type. */
  event_type: z.number().int(),
});

/** Event 1: a stream started being pushed. */
export type StreamBeginEvent = z.infer<typeof StreamBeginEventSchema>;
/** Event 0: the push of a stream stopped. */
export type StreamEndEvent = z.infer<typeof StreamEndEventSchema>;
/** Event 100: a recording file was written. */
export type RecordFileEvent = z.infer<typeof RecordFileEventSchema>;
/** Event 200: a screenshot was stored. */
export type SnapshotEvent = z.infer<typeof SnapshotEventSchema>;
/** Event 315: the audio moderation flagged a segment. */
export type AudioAuditEvent = z.infer<typeof AudioAuditEventSchema>;
/** Event 317: the image moderation flagged a screenshot. */
export type ImageAuditEvent = z.infer<typeof ImageAuditEventSchema>;
/** Event 321: push errors during the last reporting interval. */
export type PushExceptionEvent = z.infer<typeof PushExceptionEventSchema>;
/** Event 332: the state of a recording task changed. */
export type RecordStatusEvent = z.infer<typeof RecordStatusEventSchema>;
/** Event 341: something went wrong while recording. */
export type RecordExceptionEvent = z.infer<typeof RecordExceptionEventSchema>;
/** Any event of a known type; `switch (event.event_type)` narrows it to one event type. */
export type KnownCallbackEvent = z.infer<typeof KnownCallbackEventSchema>;
/** An event whose `event_type` this library does not know; all its fields are kept. */
export type GenericCallbackEvent = z.infer<typeof GenericCallbackEventSchema>;

/**
 * What a callback handler receives: a known event, or a {@link GenericCallbackEvent}.
 * Because the generic event's `event_type` is any number, narrow with
 * {@link isKnownCallbackEvent} first, then `switch (event.event_type)`.
 */
export type CallbackEvent = KnownCallbackEvent | GenericCallbackEvent;

/** Result of {@link parseCallbackEvent}. */
export type ParseCallbackEventResult =
  | { ok: true; event: CallbackEvent }
  | {
      ok: false;
      /** One line per problem: `<path>: <what is wrong>`, e.g. `file_size: Invalid input: …`. */
      issues: string[];
    };

/**
 * True when the event has a type this library has a schema for, which makes
 * `switch (event.event_type)` narrow it to the matching event interface.
 *
 * @example
 * ```ts
 * if (isKnownCallbackEvent(event) && event.event_type === CALLBACK_EVENT_TYPES.streamEnd) {
 *   console.log(event.stream_id, event.push_duration);
 * }
 * ```
 */
export function isKnownCallbackEvent(event: CallbackEvent): event is KnownCallbackEvent {
  return KNOWN_EVENT_TYPES.has(event.event_type);
}

/** Renders a zod path as `a.b.0.c`; the root is named so the line still says where. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(body)" : path.map((key) => String(key)).join(".");
}

/**
 * Validates a callback event body (already JSON-parsed) and types it.
 *
 * Events of a known `event_type` are validated against their schema; any other integer
 * `event_type` yields a {@link GenericCallbackEvent} carrying every field. Unknown fields are
 * kept on all events. Parsing does **not** check the signature: call
 * `verifyCallbackSignature` first (the handler from `createCallbackHandler` does both).
 *
 * @param body - The parsed JSON body.
 * @returns `{ ok: true, event }`, or `{ ok: false, issues }` with one `path: problem` line per
 *   issue; never throws.
 */
export function parseCallbackEvent(body: unknown): ParseCallbackEventResult {
  // Dispatching on event_type ourselves (instead of a union of known + generic) keeps the issues
  // of a malformed known event specific ("file_size: expected number") instead of a vague
  // "no union member matched".
  const eventType =
    typeof body === "object" && body !== null
      ? (body as { event_type?: unknown }).event_type
      : undefined;
  const schema =
    typeof eventType === "number" && KNOWN_EVENT_TYPES.has(eventType)
      ? KnownCallbackEventSchema
      : GenericCallbackEventSchema;
  const result = schema.safeParse(body);
  if (result.success) {
    return { ok: true, event: result.data };
  }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  };
}
