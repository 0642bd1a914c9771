/**
 * Bodies of the moderation events, shaped like their documents' examples (product 267): the
 * audio audit (315) and the image audit (317, document 38084, the current service's fields).
 */
import { randomUUID } from "node:crypto";
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventBody,
  type AudioAuditEvent,
  type ImageAuditEvent,
} from "../../../callbacks/events";
import {
  EMULATED_APPID,
  GENERAL_CALLBACK,
  beijingParts,
  randomDigits,
  seconds,
  streamParam,
  type EventBodyContext,
} from "./common";

/** An audio audit body: a spoken phone number flagged as an ad. */
export function audioAudit(ctx: EventBodyContext): CallbackEventBody<AudioAuditEvent> {
  const url = `http://audit-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com/${ctx.streamId}/${seconds(ctx.nowMs)}.wav`;
  return {
    HitFlag: 1,
    Score: 96,
    SubTag: "Contact",
    appid: EMULATED_APPID,
    asr_text: "provide mobile phone number for easy contact",
    cdn_url: "",
    channel_id: ctx.streamId,
    data: {
      asr_tmp_full_results: [
        {
          appearing_point: [0, 15],
          confidence: 100,
          create_time: seconds(ctx.nowMs),
          id: "",
          periods: "00:00:00-00:00:15",
          url,
        },
      ],
    },
    domain: ctx.domainName,
    duration: 10,
    event_type: CALLBACK_EVENT_TYPES.audioAudit,
    interface: GENERAL_CALLBACK,
    label: "Ad",
    language_results: [],
    moan_results: [
      { EndTime: 15, Label: "Ad", Score: 0, StartTime: 0, SubLabel: "Contact", Suggestion: "Pass" },
    ],
    path: ctx.appName,
    recognition_results: [],
    request_id: randomUUID(),
    seq: Number(randomDigits(10)),
    speaker_results: [],
    status: 2,
    stream_id: ctx.streamId,
    sub_label: "Contact",
    suggestion: "Block",
    task_id: Number(randomDigits(8)),
    text_results: [
      {
        HitInfos: [
          {
            Keyword: "mobile phone number",
            LibName: "",
            Positions: [{ Start: 13, End: 32 }],
            Type: "Keyword",
          },
        ],
        Keywords: ["mobile phone number"],
        Label: "Ad",
        LibId: "",
        LibName: "",
        LibType: 0,
        Score: 100,
        SubLabel: "",
        Suggestion: "Block",
      },
    ],
  };
}

/** One result of a model that found nothing. */
function passed(scene: string) {
  return { HitFlag: 0, Scene: scene, Suggestion: "Pass", Label: "Normal", SubLabel: "", Score: 0 };
}

/**
 * An image audit body of the current service: a screenshot blocked as porn, with the results of
 * every model, and the few older fields the platform still sends for compatibility.
 */
export function imageAudit(ctx: EventBodyContext): CallbackEventBody<ImageAuditEvent> {
  const { date, time } = beijingParts(ctx.nowMs);
  return {
    ocrMsg: "",
    type: [1],
    score: [99],
    screenshotTime: seconds(ctx.nowMs) - 1,
    level: 0,
    img: `http://audit-${EMULATED_APPID}.cos.ap-guangzhou.myqcloud.com/${date}/${ctx.streamId}-screenshot-${time}.jpg`,
    abductionRisk: [],
    faceDetails: [],
    sendTime: seconds(ctx.nowMs),
    suggestion: "Block",
    label: "Porn",
    subLabel: "PornHigh",
    labelResults: [
      { ...passed("Illegal"), Details: [] },
      {
        HitFlag: 1,
        Scene: "Porn",
        Suggestion: "Block",
        Label: "Porn",
        SubLabel: "PornHigh",
        Score: 99,
        Details: [
          { Id: 0, Name: "PornHigh", Score: 99 },
          { Id: 1, Name: "WomenChest", Score: 99 },
        ],
      },
      { ...passed("Sexy"), Details: [] },
      { ...passed("Terror"), Details: [] },
    ],
    objectResults: [
      { ...passed("QrCode"), Names: [], Details: [] },
      { ...passed("MapRecognition"), Names: [], Details: [] },
      { ...passed("PolityFace"), Names: [], Details: [] },
    ],
    ocrResults: [{ ...passed("OCR"), Text: "", Details: [] }],
    libResults: [],
    streamId: ctx.streamId,
    channelId: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
    app: ctx.domainName,
    appname: ctx.appName,
    appid: EMULATED_APPID,
    event_type: CALLBACK_EVENT_TYPES.imageAudit,
  };
}
