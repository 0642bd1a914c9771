/** Body of the snapshot (200) event (document 47028). */
import type { z } from "zod";
import { CALLBACK_EVENT_TYPES, type SnapshotEventSchema } from "../../../callbacks/events";
import {
  EMULATED_APPID,
  beijingParts,
  seconds,
  streamFields,
  type EventBodyContext,
} from "./common";

/** A snapshot body: a 640x360 screenshot stored in COS. */
export function snapshot(ctx: EventBodyContext): z.input<typeof SnapshotEventSchema> {
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
