/**
 * Body of the snapshot (200) event, shaped like the example of its document (product 267,
 * document 47028), which carries no `appid`.
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventBody,
  type SnapshotEvent,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  beijingParts,
  randomDigits,
  seconds,
  streamParam,
  type EventBodyContext,
} from "./common";

/** A snapshot body: a 1280x720 screenshot stored in COS by a screenshot task. */
export function snapshot(ctx: EventBodyContext): CallbackEventBody<SnapshotEvent> {
  const { date, time } = beijingParts(ctx.nowMs);
  const picUrl = `/${date}/${ctx.streamId}-screenshot-${time}-1280x720.jpg`;
  return {
    app: ctx.domainName,
    appname: ctx.appName,
    channel_id: ctx.streamId,
    create_time: seconds(ctx.nowMs),
    event_type: CALLBACK_EVENT_TYPES.snapshot,
    file_size: 30_670,
    height: 720,
    pic_full_url: `http://snapshot-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com${picUrl}`,
    pic_url: picUrl,
    stream_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    width: 1280,
    task_id: randomDigits(19),
  };
}
