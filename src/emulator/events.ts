/**
 * The callback events the emulator sends: which template URL each event type goes to, a
 * realistic body per type (the field names and value shapes of the platform's event notification
 * documents), and the `t`/`sign` signature. The bodies are typed with the input types of the
 * receiver's zod schemas in `src/callbacks/events.ts`, so a generated body that a receiver could
 * not parse is a compile error here.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  CALLBACK_EVENT_TYPES,
  type AudioAuditEventSchema,
  type CallbackEventTypeName,
  type ImageAuditEventSchema,
  type KnownCallbackEventType,
  type PushExceptionEventSchema,
  type RecordFileEventSchema,
  type RecordStatusEventSchema,
  type SnapshotEventSchema,
  type StreamBeginEventSchema,
  type StreamEndEventSchema,
} from "../callbacks/events";
import { signCallback } from "../callbacks/signature";
import type { TemplateTextFieldName } from "./fields";
import { formatBeijingTime } from "../api/time";

/**
 * The template URL field each event type is POSTed to. Stream mix and record exception events
 * are not emulated (the library has no schema for them).
 */
export const EVENT_URL_FIELDS: Readonly<Record<KnownCallbackEventType, TemplateTextFieldName>> = {
  [CALLBACK_EVENT_TYPES.streamEnd]: "StreamEndNotifyUrl",
  [CALLBACK_EVENT_TYPES.streamBegin]: "StreamBeginNotifyUrl",
  [CALLBACK_EVENT_TYPES.recordFile]: "RecordNotifyUrl",
  [CALLBACK_EVENT_TYPES.snapshot]: "SnapshotNotifyUrl",
  [CALLBACK_EVENT_TYPES.audioAudit]: "AudioAuditNotifyUrl",
  [CALLBACK_EVENT_TYPES.imageAudit]: "PornCensorshipNotifyUrl",
  [CALLBACK_EVENT_TYPES.pushException]: "PushExceptionNotifyUrl",
  [CALLBACK_EVENT_TYPES.recordStatus]: "RecordStatusNotifyUrl",
};

/** How long a signature stays valid: `t` is the sending time plus this, as on the platform. */
export const SIGNATURE_LIFETIME_SECONDS = 600;

/** APPID put in generated events (a made-up account; override it with an extra `appid`). */
export const EMULATED_APPID = 1250000000;

/** Address of the ingest node in generated events (RFC 5737 documentation range). */
export const EMULATED_NODE_IP = "203.0.113.10";

/** Address of the pusher in generated events (RFC 5737 documentation range). */
export const EMULATED_PUSHER_IP = "198.51.100.23";

/** Every accepted spelling of an event type, for error messages: `1 (streamBegin), …`. */
export const EVENT_TYPE_CHOICES = Object.entries(CALLBACK_EVENT_TYPES)
  .map(([name, code]) => `${code} (${name})`)
  .join(", ");

/**
 * Reads an event type given as its number (`1`) or its name in `CALLBACK_EVENT_TYPES`
 * (`"streamBegin"`). Returns `undefined` for anything else, unknown numbers included.
 */
export function resolveEventType(value: unknown): KnownCallbackEventType | undefined {
  if (typeof value === "number") {
    return (Object.values(CALLBACK_EVENT_TYPES) as number[]).includes(value)
      ? (value as KnownCallbackEventType)
      : undefined;
  }
  if (typeof value === "string" && Object.hasOwn(CALLBACK_EVENT_TYPES, value)) {
    return CALLBACK_EVENT_TYPES[value as CallbackEventTypeName];
  }
  return undefined;
}

/** What an event body is generated from. */
export interface EventBodyContext {
  /** Push domain: the rule's DomainName. */
  domainName: string;
  /** Push path: the rule's AppName. */
  appName: string;
  /** Stream name. */
  streamId: string;
  /** Time the event happens, in epoch milliseconds. */
  nowMs: number;
  /**
   * Push session id: the begin and end event of one push carry the same value. Generated when
   * absent.
   */
  sequence?: string;
  /** For a stream end: how long the push lasted, in milliseconds. Default 60 s. */
  pushDurationMs?: number;
}

/** An unsigned event body; every known type's fields plus anything else (all schemas are loose). */
export type EventBody = Record<string, unknown> & { event_type: number };

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `n` random decimal digits, the first one non-zero (ids the platform writes as strings). */
function randomDigits(n: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < n) digits += String(randomInt(0, 10));
  return digits;
}

/** A fresh push session id, 19 digits like the platform's (beyond JavaScript's safe integers). */
export function newSequence(): string {
  return randomDigits(19);
}

/** The query string of a signed push URL: `txSecret=<md5 hex>&txTime=<hex expiry>`. */
function streamParam(nowMs: number): string {
  const txTime = (seconds(nowMs) + 86_400).toString(16).toUpperCase();
  return `txSecret=${randomBytes(16).toString("hex")}&txTime=${txTime}`;
}

/** `YYYY-MM-DD` and `HHmmss` of a time, in Beijing time as the platform names files. */
function beijingParts(ms: number): { date: string; time: string } {
  const text = formatBeijingTime(ms);
  return { date: text.slice(0, 10), time: text.slice(11).replaceAll(":", "") };
}

/** The fields that name the stream, as stream, record and snapshot events spell them. */
function streamFields(ctx: EventBodyContext) {
  return {
    appid: EMULATED_APPID,
    app: ctx.domainName,
    appname: ctx.appName,
    stream_id: ctx.streamId,
    channel_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
  };
}

function streamBegin(ctx: EventBodyContext): z.input<typeof StreamBeginEventSchema> {
  return {
    event_type: CALLBACK_EVENT_TYPES.streamBegin,
    ...streamFields(ctx),
    event_time: seconds(ctx.nowMs),
    sequence: ctx.sequence ?? newSequence(),
    node: EMULATED_NODE_IP,
    user_ip: EMULATED_PUSHER_IP,
    errcode: 0,
    errmsg: "ok",
    set_id: 2,
    idc_id: 38,
    width: 1280,
    height: 720,
  };
}

function streamEnd(ctx: EventBodyContext): z.input<typeof StreamEndEventSchema> {
  return {
    ...streamBegin(ctx),
    event_type: CALLBACK_EVENT_TYPES.streamEnd,
    errcode: 1,
    errmsg: "recv rtmp deleteStream",
    push_duration: ctx.pushDurationMs ?? 60_000,
  };
}

function recordFile(ctx: EventBodyContext): z.input<typeof RecordFileEventSchema> {
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

function snapshot(ctx: EventBodyContext): z.input<typeof SnapshotEventSchema> {
  const { date, time } = beijingParts(ctx.nowMs);
  const picUrl = `/${date}/${ctx.streamId}-screenshot-${time}-640x360.jpg`;
  return {
    event_type: CALLBACK_EVENT_TYPES.snapshot,
    ...streamFields(ctx),
    create_time: seconds(ctx.nowMs),
    file_size: 7520,
    width: 640,
    height: 360,
    pic_url: picUrl,
    pic_full_url: `http://snapshot-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com${picUrl}`,
  };
}

function audioAudit(ctx: EventBodyContext): z.input<typeof AudioAuditEventSchema> {
  return {
    event_type: CALLBACK_EVENT_TYPES.audioAudit,
    appid: EMULATED_APPID,
    domain: ctx.domainName,
    path: ctx.appName,
    stream_id: ctx.streamId,
    channel_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    HitFlag: 1,
    Score: 95,
    suggestion: "Block",
    label: "Moan",
    sub_label: "",
    asr_text: "",
    cdn_url: `http://audit-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com/${ctx.streamId}/${seconds(ctx.nowMs)}.mp3`,
    duration: 15,
    task_id: randomDigits(12),
    request_id: randomUUID(),
    seq: "1",
    status: 2,
    text_results: [],
    moan_results: [
      {
        Label: "Moan",
        SubLabel: "",
        Score: 95,
        Suggestion: "Block",
        StartTime: 0,
        EndTime: 15,
      },
    ],
    language_results: [],
    speaker_results: [],
    recognition_results: [],
  };
}

function imageAudit(ctx: EventBodyContext): z.input<typeof ImageAuditEventSchema> {
  const { date, time } = beijingParts(ctx.nowMs);
  return {
    event_type: CALLBACK_EVENT_TYPES.imageAudit,
    appid: EMULATED_APPID,
    app: ctx.domainName,
    appname: ctx.appName,
    streamId: ctx.streamId,
    channelId: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    img: `http://snapshot-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com/${date}/${ctx.streamId}-audit-${time}.jpg`,
    type: [1],
    confidence: 97,
    normalScore: 1.2,
    hotScore: 1.8,
    pornScore: 97,
    similarScore: 0,
    level: 0,
    ocrMsg: "",
    tid: 20001,
    screenshotTime: seconds(ctx.nowMs) - 1,
    sendTime: seconds(ctx.nowMs),
    abductionRisk: [{ level: 3, type: 20002 }],
  };
}

function pushException(ctx: EventBodyContext): z.input<typeof PushExceptionEventSchema> {
  return {
    event_type: CALLBACK_EVENT_TYPES.pushException,
    appid: EMULATED_APPID,
    domain: ctx.domainName,
    path: ctx.appName,
    stream_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    user_ip: EMULATED_PUSHER_IP,
    sequence: ctx.sequence ?? newSequence(),
    data_time: ctx.nowMs,
    report_interval: 60_000,
    abnormal_event: [
      {
        type: 6,
        count: 2,
        detail: [
          {
            desc: "video frame arrive interval too long, interval=3046(msec)",
            occur_time: ctx.nowMs - 9_000,
          },
          {
            desc: "video frame arrive interval too long, interval=2953(msec)",
            occur_time: ctx.nowMs - 6_000,
          },
        ],
        type_desc_cn: "视频帧到达间隔过大",
        type_desc_en: "video frame arrive interval bigger than 1000(ms)",
      },
    ],
  };
}

function recordStatus(ctx: EventBodyContext): z.input<typeof RecordStatusEventSchema> {
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

const BUILDERS: Record<KnownCallbackEventType, (ctx: EventBodyContext) => EventBody> = {
  [CALLBACK_EVENT_TYPES.streamEnd]: streamEnd,
  [CALLBACK_EVENT_TYPES.streamBegin]: streamBegin,
  [CALLBACK_EVENT_TYPES.recordFile]: recordFile,
  [CALLBACK_EVENT_TYPES.snapshot]: snapshot,
  [CALLBACK_EVENT_TYPES.audioAudit]: audioAudit,
  [CALLBACK_EVENT_TYPES.imageAudit]: imageAudit,
  [CALLBACK_EVENT_TYPES.pushException]: pushException,
  [CALLBACK_EVENT_TYPES.recordStatus]: recordStatus,
};

/**
 * A realistic, unsigned body of an event of `eventType`: the fields the platform documents for
 * that type, with made-up but well-formed values (ids, URLs, documentation-range IP addresses).
 */
export function buildEventBody(
  eventType: KnownCallbackEventType,
  ctx: EventBodyContext,
): EventBody {
  return BUILDERS[eventType](ctx);
}

/**
 * Merges `extra` over `body` and signs the result: `t` = `nowMs` in seconds +
 * {@link SIGNATURE_LIFETIME_SECONDS} and `sign = md5(callbackKey + t)`. An extra `t` replaces the
 * default expiry and is signed (to send an already-expired event); an extra `sign` is sent as is
 * (to send a forged one).
 *
 * @throws RangeError when an extra `t` is not a non-negative integer and no extra `sign` is
 *   given, since such a `t` cannot be signed the way the platform signs.
 */
export function signEventBody(
  body: EventBody,
  extra: Record<string, unknown>,
  callbackKey: string,
  nowMs: number,
): EventBody {
  const merged = { ...body, ...extra } as EventBody;
  const t = Object.hasOwn(extra, "t") ? extra.t : seconds(nowMs) + SIGNATURE_LIFETIME_SECONDS;
  merged.t = t;
  if (!Object.hasOwn(extra, "sign")) {
    if (typeof t !== "number" || !Number.isSafeInteger(t) || t < 0) {
      throw new RangeError(
        "t must be a non-negative integer number of seconds (or pass sign as well)",
      );
    }
    merged.sign = signCallback(callbackKey, t);
  }
  return merged;
}
