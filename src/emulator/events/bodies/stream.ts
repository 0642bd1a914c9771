/**
 * Bodies of the stream begin (1) and stream end (0) events, shaped like the examples of the
 * stream push document (product 267, document 47025).
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventBody,
  type StreamBeginEvent,
  type StreamEndEvent,
} from "../../../callbacks/events";
import {
  EMULATED_NODE_IP,
  EMULATED_PUSHER_IP,
  newSequence,
  seconds,
  streamFields,
  type EventBodyContext,
} from "./common";

/** A stream begin body. */
export function streamBegin(ctx: EventBodyContext): CallbackEventBody<StreamBeginEvent> {
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

/**
 * A stream end body: the begin's fields, an error code and the push duration, which the
 * document types and shows as a string of milliseconds.
 */
export function streamEnd(ctx: EventBodyContext): CallbackEventBody<StreamEndEvent> {
  return {
    ...streamBegin(ctx),
    event_type: CALLBACK_EVENT_TYPES.streamEnd,
    errcode: 1,
    errmsg: "recv rtmp deleteStream",
    push_duration: String(ctx.pushDurationMs ?? 60_000),
  };
}
