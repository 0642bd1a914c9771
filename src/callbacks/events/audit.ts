/**
 * The moderation events: audio audit (315, 音频审核) and image audit (317, 鉴黄 / 图片审核), with
 * the schemas of the findings they list.
 */
import { z } from "zod";
import { interfaceField, signatureFields, streamFields } from "./common";
import { CALLBACK_EVENT_TYPES } from "./types";

/** One moderation finding of an audio audit, as found in its `*_results` arrays. */
const AudioAuditFindingSchema = z.looseObject({
  /** Label of the finding, e.g. `Porn`, `Ad`, `Moan`, a language or a speaker label. */
  Label: z.string().nullish(),
  /** Second-level label under `Label`. */
  SubLabel: z.string().nullish(),
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score: z.number().nullish(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion: z.string().nullish(),
  /** Start of the segment within the audited audio, in seconds. */
  StartTime: z.number().nullish(),
  /** End of the segment within the audited audio, in seconds. */
  EndTime: z.number().nullish(),
  /** Matched keywords, for text findings; empty when the model itself matched. */
  Keywords: z.array(z.string()).nullish(),
});

/** Event 315 (音频审核): the live audio moderation flagged a segment. */
export const AudioAuditEventSchema = z.looseObject({
  /** Always 315 ({@link CALLBACK_EVENT_TYPES}.audioAudit). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.audioAudit),
  ...signatureFields,
  ...streamFields,
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** Push path (this event names it `path`, not `appname`). */
  path: z.string().optional(),
  /** `general_callback`: the callback service that sent the event. */
  interface: interfaceField,
  /** Whether the moderation model was triggered: 1 yes, 0 no. */
  HitFlag: z.number().int().optional(),
  /** Confidence of `label`, 0 (lowest) to 100 (highest). */
  Score: z.number().optional(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  suggestion: z.string().optional(),
  /** Highest-priority violation label, e.g. `Porn`, `Abuse`, `Ad`, `Normal`. */
  label: z.string().optional(),
  /** Second-level label under `label`; empty when none matched. */
  sub_label: z.string().optional(),
  /** Third-level label. */
  SubTag: z.string().optional(),
  /** Text transcription of the audited segment. */
  asr_text: z.string().optional(),
  /** URL of the audited audio segment, when available. */
  cdn_url: z.string().optional(),
  /** Length of the audited segment in seconds. */
  duration: z.number().optional(),
  /** ID of the audio moderation task. */
  task_id: z.union([z.number(), z.string()]).optional(),
  /** ID of the moderation request, for support tickets. */
  request_id: z.string().optional(),
  /** Sequence number of the audited segment within the task. */
  seq: z.union([z.number(), z.string()]).optional(),
  /** Callback status; 2 means normal. */
  status: z.number().int().optional(),
  /** Findings on the spoken text (keywords, custom libraries). */
  text_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Findings on moaning / vulgar sounds. */
  moan_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Minority-language detection results. */
  language_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Speaker (voice print) detection results. */
  speaker_results: z.array(AudioAuditFindingSchema).nullish(),
  /** Recognition labels such as `Teenager` or `Gender`. */
  recognition_results: z.array(z.looseObject({})).nullish(),
});

/** Event 315: the audio moderation flagged a segment. */
export type AudioAuditEvent = z.infer<typeof AudioAuditEventSchema>;

/** Where in the image a finding is: the top-left corner, the size and the rotation. */
const AuditLocationSchema = z.looseObject({
  X: z.number().optional(),
  Y: z.number().optional(),
  Width: z.number().optional(),
  Height: z.number().optional(),
  /** Rotation of the box, in degrees. */
  Rotate: z.number().optional(),
});

/**
 * What every finding of an image audit says. The document's tables spell the label `label`,
 * its example `Label`; both are typed.
 */
const imageFindingFields = {
  /** Whether the model matched: 1 yes, 0 no. */
  HitFlag: z.number().int().optional(),
  /** The model or scenario, e.g. `Porn`, `Sexy`, `Terror`, `QrCode`, `OCR`, `Similar`. */
  Scene: z.string().optional(),
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion: z.string().optional(),
  /** The label found, e.g. `Porn` or `Normal` (the example's spelling). */
  Label: z.string().optional(),
  /** The label found (the tables' spelling). */
  label: z.string().optional(),
  /** Second-level label under the label. */
  SubLabel: z.string().optional(),
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score: z.number().optional(),
};

/** One result of the category models (porn, sexy, terror, illegal…). */
const ImageLabelResultSchema = z.looseObject({
  ...imageFindingFields,
  /** Sub-labels that matched. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        Name: z.string().optional(),
        Score: z.number().optional(),
      }),
    )
    .nullish(),
});

/** One result of the object models (QR codes, logos, maps, faces…). */
const ImageObjectResultSchema = z.looseObject({
  ...imageFindingFields,
  /** Names of the objects found. */
  Names: z.array(z.string()).nullish(),
  /** Each object found, with its box; `Value` is e.g. the URL a QR code holds. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        Name: z.string().optional(),
        Value: z.string().optional(),
        Score: z.number().optional(),
        Location: AuditLocationSchema.optional(),
      }),
    )
    .nullish(),
});

/** One result of text recognition in the image. */
const ImageOcrResultSchema = z.looseObject({
  ...imageFindingFields,
  /** The text recognised. */
  Text: z.string().optional(),
  /** Each text region, with the keywords it matched. */
  Details: z
    .array(
      z.looseObject({
        Text: z.string().optional(),
        Label: z.string().optional(),
        label: z.string().optional(),
        Keywords: z.array(z.string()).nullish(),
        Score: z.number().optional(),
        Location: AuditLocationSchema.optional(),
      }),
    )
    .nullish(),
});

/** One result of the block/allow lists of images. */
const ImageLibResultSchema = z.looseObject({
  ...imageFindingFields,
  /** The listed images that matched. */
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        ImageId: z.string().optional(),
        Label: z.string().optional(),
        label: z.string().optional(),
        Tag: z.string().optional(),
        Score: z.number().optional(),
      }),
    )
    .nullish(),
});

/**
 * Event 317 (鉴黄 / 图片审核): the image moderation flagged a screenshot of the stream.
 *
 * The moderation service was upgraded: decide on `suggestion`, `label`/`subLabel` and the
 * `*Results` lists. The fields marked deprecated belong to the older service; the platform
 * still sends some of them for compatibility, but they no longer carry results.
 */
export const ImageAuditEventSchema = z.looseObject({
  /** Always 317 ({@link CALLBACK_EVENT_TYPES}.imageAudit). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.imageAudit),
  ...signatureFields,
  /** Tencent Cloud APPID of the account. */
  appid: z.number().int().optional(),
  /** Push domain. */
  app: z.string().optional(),
  /** Push path. */
  appname: z.string().optional(),
  /** Stream name (this event uses camelCase `streamId`, not `stream_id`). */
  streamId: z.string().optional(),
  /** Channel ID, same as `streamId`. */
  channelId: z.string().optional(),
  /** Query string of the push URL. */
  stream_param: z.string().optional(),
  /** URL of the flagged screenshot. */
  img: z.string(),
  /** Recommended action: `Block`, `Review` or `Pass`. The field to decide on. */
  suggestion: z.string().optional(),
  /**
   * The violation label with the highest priority among all results, e.g. `Porn`; `Normal`
   * when none matched.
   */
  label: z.string().optional(),
  /** Second-level label under `label`, e.g. `PornHigh`; empty when there is none. */
  subLabel: z.string().optional(),
  /**
   * Codes of the highest-priority violation categories (the current service; see `label` for
   * their names). In the older service: `0` normal, `1`–`5` non-compliant, `6`–`9` other.
   */
  type: z.array(z.number().int()),
  /**
   * Scores (0–100) of the categories in `type`, in the same order. The document's own example
   * misspells it `socre`, so a body without it still parses.
   */
  score: z.array(z.number()).optional(),
  /** Results of the category models. May be `null`. */
  labelResults: z.array(ImageLabelResultSchema).nullish(),
  /** Results of the object models. May be `null`. */
  objectResults: z.array(ImageObjectResultSchema).nullish(),
  /** Results of text recognition. May be `null`. */
  ocrResults: z.array(ImageOcrResultSchema).nullish(),
  /** Results of the image block/allow lists. May be `null`. */
  libResults: z.array(ImageLibResultSchema).nullish(),
  /** Text recognised in the image, if any. */
  ocrMsg: z.string().optional(),
  /** UNIX time in seconds at which the screenshot was taken. */
  screenshotTime: z.number().int().optional(),
  /** UNIX time in seconds at which the platform sent the event. */
  sendTime: z.number().int().optional(),
  /** Image level. */
  level: z.number().optional(),
  /** Face findings, when any. */
  faceDetails: z.array(z.unknown()).nullish(),
  /** @deprecated Older service: confidence 0–100 that the image is pornographic. */
  confidence: z.number().optional(),
  /** @deprecated Older service: score of the "normal" class. */
  normalScore: z.number().optional(),
  /** @deprecated Older service: score of the "sexy" class. */
  hotScore: z.number().optional(),
  /** @deprecated Older service: score of the "pornographic" class. */
  pornScore: z.number().optional(),
  /** @deprecated Older service: score of similarity to known images. */
  similarScore: z.number().optional(),
  /** @deprecated Older service: alert policy ID; 20001 for video content alerts. */
  tid: z.number().int().optional(),
  /**
   * @deprecated Older service: risk findings, `level` 0–4 (3 and 4 are malicious) and `type`
   * (20002: porn).
   */
  abductionRisk: z
    .array(
      z.looseObject({
        /** Risk level 0–4; 3 and 4 should be acted upon. */
        level: z.number().int().optional(),
        /** Risk type; 20002 is pornography. */
        type: z.number().int().optional(),
      }),
    )
    .optional(),
  /** Game recognition details, when the stream shows a game. */
  gameDetails: z.looseObject({}).optional(),
});

/** Event 317: the image moderation flagged a screenshot. */
export type ImageAuditEvent = z.infer<typeof ImageAuditEventSchema>;
