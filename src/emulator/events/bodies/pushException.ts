/** Body of the push exception (321) event (document 53310). */
import type { z } from "zod";
import { CALLBACK_EVENT_TYPES, type PushExceptionEventSchema } from "../../../callbacks/events";
import {
  EMULATED_APPID,
  EMULATED_PUSHER_IP,
  newSequence,
  streamParam,
  type EventBodyContext,
} from "./common";

/** A push exception body: late video frames during the last interval. */
export function pushException(ctx: EventBodyContext): z.input<typeof PushExceptionEventSchema> {
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
