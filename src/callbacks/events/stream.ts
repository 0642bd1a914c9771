/**
 * The push session events: stream begin (1, 推流) and stream end (0, 断流), which share every
 * field but `push_duration`.
 */
import { z } from "zod";
import { integerLike, signatureFields, streamFields } from "./common";
import { CALLBACK_EVENT_TYPES } from "./types";

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

/** Event 1: a stream started being pushed. */
export type StreamBeginEvent = z.infer<typeof StreamBeginEventSchema>;

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

/** Event 0: the push of a stream stopped. */
export type StreamEndEvent = z.infer<typeof StreamEndEventSchema>;
