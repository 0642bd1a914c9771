/**
 * The push session events (product 267, document 47025 推流/断流事件通知): stream begin (1, 推流)
 * and stream end (0, 断流), which share every field but `push_duration`.
 */
import type { SignatureFields, StreamFields } from "../../shared/fields";

/** Fields shared by the stream begin (1) and stream end (0) events. */
export interface PushSessionFields extends SignatureFields, StreamFields {
  /** UNIX time in seconds at which the platform generated the event. */
  event_time?: number;
  /**
   * Identifier of one push session: the begin and the end event of the same push carry the same
   * value, which is how to pair them. A string because it exceeds JavaScript's safe integers.
   */
  sequence?: string;
  /** IP address of the ingest node that received the push. */
  node?: string;
  /** IP address the pusher connected from. */
  user_ip?: string;
  /** Push / interruption error code; `0` for a normal begin. See Tencent's 断流错误码 list. */
  errcode?: number;
  /** Message matching `errcode`, e.g. `ok` or `recv rtmp deleteStream`. */
  errmsg?: string;
  /** Region set of the ingest node: 1–6 inside the Chinese mainland, 7–200 outside. */
  set_id?: number;
  /** Video width in pixels; `0` when the stream begin arrived before the video header. */
  width?: number;
  /** Video height in pixels; `0` when the stream begin arrived before the video header. */
  height?: number;
  /** Internal id of the ingest data centre. */
  idc_id?: number;
}

/** Event 1 (推流): a stream started being pushed. */
export interface StreamBeginEvent extends PushSessionFields {
  /** Always 1 (`CALLBACK_EVENT_TYPES.streamBegin`). */
  event_type: 1;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** Event 0 (断流): the push of a stream stopped. */
export interface StreamEndEvent extends PushSessionFields {
  /** Always 0 (`CALLBACK_EVENT_TYPES.streamEnd`). */
  event_type: 0;
  /**
   * How long the push lasted, in milliseconds. Documented (and shown in the document's example)
   * as a string of digits; a number is accepted too. Always a number after parsing.
   */
  push_duration?: number;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}
