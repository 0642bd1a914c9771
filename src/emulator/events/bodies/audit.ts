/** Bodies of the audio audit (315) and image audit (317, document 38084) events. */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  CALLBACK_EVENT_TYPES,
  type AudioAuditEventSchema,
  type ImageAuditEventSchema,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  beijingParts,
  randomDigits,
  seconds,
  streamParam,
  type EventBodyContext,
} from "./common";

/** An audio audit body: a moan segment flagged for blocking. */
export function audioAudit(ctx: EventBodyContext): z.input<typeof AudioAuditEventSchema> {
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

/** An image audit body: a screenshot flagged as porn. */
export function imageAudit(ctx: EventBodyContext): z.input<typeof ImageAuditEventSchema> {
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
