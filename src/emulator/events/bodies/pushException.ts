/**
 * Body of the push exception (321) event, shaped like the example of its document (product
 * 267, document 53310), with the fields the newer version of the document adds (`user_ip`,
 * `customer_visible`, `event_key`).
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventBody,
  type PushExceptionEvent,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  EMULATED_PUSHER_IP,
  GENERAL_CALLBACK,
  newSequence,
  streamParam,
  type EventBodyContext,
} from "./common";

/** Length of the reporting interval, as in the document's example. */
const REPORT_INTERVAL_MS = 5_000;

/** A push exception body: video frames arriving late during the last interval. */
export function pushException(ctx: EventBodyContext): CallbackEventBody<PushExceptionEvent> {
  return {
    abnormal_event: [
      {
        count: 2,
        customer_visible: "true",
        detail: [
          {
            desc: "video frame arrive interval too long, interval=3046(msec)",
            occur_time: ctx.nowMs - 4_400,
          },
          {
            desc: "video frame arrive interval too long, interval=2953(msec)",
            occur_time: ctx.nowMs - 1_450,
          },
        ],
        event_key: "",
        type: 6,
        type_desc_cn: "视频帧到达间隔过大",
        type_desc_en: "video frame arrive interval bigger than 1000(ms)",
      },
    ],
    appid: EMULATED_APPID,
    data_time: ctx.nowMs,
    domain: ctx.domainName,
    event_type: CALLBACK_EVENT_TYPES.pushException,
    interface: GENERAL_CALLBACK,
    path: ctx.appName,
    report_interval: REPORT_INTERVAL_MS,
    sequence: ctx.sequence ?? newSequence(),
    stream_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    timeout: 5_000,
    user_ip: EMULATED_PUSHER_IP,
  };
}
