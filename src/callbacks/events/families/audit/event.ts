/**
 * The moderation events (product 267): audio audit (315, 音频审核事件通知) and image audit
 * (317, document 38084 鉴黄/图片审核事件通知), with the findings they list.
 */
import type { SignatureFields, StreamFields } from "../../shared/fields";

/** One moderation finding of an audio audit, as found in its `*_results` arrays. */
export interface AudioAuditFinding {
  /** Label of the finding, e.g. `Porn`, `Ad`, `Moan`, a language or a speaker label. */
  Label?: string | null;
  /** Second-level label under `Label`. */
  SubLabel?: string | null;
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score?: number | null;
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion?: string | null;
  /** Start of the segment within the audited audio, in seconds. */
  StartTime?: number | null;
  /** End of the segment within the audited audio, in seconds. */
  EndTime?: number | null;
  /** Matched keywords, for text findings; empty when the model itself matched. */
  Keywords?: string[] | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** Event 315 (音频审核): the live audio moderation flagged a segment. */
export interface AudioAuditEvent extends SignatureFields, StreamFields {
  /** Always 315 (`CALLBACK_EVENT_TYPES.audioAudit`). */
  event_type: 315;
  /** Push domain (this event names it `domain`, not `app`). */
  domain?: string;
  /** Push path (this event names it `path`, not `appname`). */
  path?: string;
  /** `general_callback`: the callback service that sent the event. */
  interface?: string;
  /** Whether the moderation model was triggered: 1 yes, 0 no. */
  HitFlag?: number;
  /** Confidence of `label`, 0 (lowest) to 100 (highest). */
  Score?: number;
  /** Recommended action: `Block`, `Review` or `Pass`. */
  suggestion?: string;
  /** Highest-priority violation label, e.g. `Porn`, `Abuse`, `Ad`, `Normal`. */
  label?: string;
  /** Second-level label under `label`; empty when none matched. */
  sub_label?: string;
  /** Third-level label. */
  SubTag?: string;
  /** Text transcription of the audited segment. */
  asr_text?: string;
  /** URL of the audited audio segment, when available. */
  cdn_url?: string;
  /** Length of the audited segment in seconds. */
  duration?: number;
  /** ID of the audio moderation task. */
  task_id?: number | string;
  /** ID of the moderation request, for support tickets. */
  request_id?: string;
  /** Sequence number of the audited segment within the task. */
  seq?: number | string;
  /** Callback status; 2 means normal. */
  status?: number;
  /** Findings on the spoken text (keywords, custom libraries). */
  text_results?: AudioAuditFinding[] | null;
  /** Findings on moaning / vulgar sounds. */
  moan_results?: AudioAuditFinding[] | null;
  /** Minority-language detection results. */
  language_results?: AudioAuditFinding[] | null;
  /** Speaker (voice print) detection results. */
  speaker_results?: AudioAuditFinding[] | null;
  /** Recognition labels such as `Teenager` or `Gender`. */
  recognition_results?: { [field: string]: unknown }[] | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** Where in the image a finding is: the top-left corner, the size and the rotation. */
export interface AuditLocation {
  /** Left edge, in pixels. */
  X?: number;
  /** Top edge, in pixels. */
  Y?: number;
  /** Width of the box, in pixels. */
  Width?: number;
  /** Height of the box, in pixels. */
  Height?: number;
  /** Rotation of the box, in degrees. */
  Rotate?: number;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/**
 * What every finding of an image audit says. The document's tables spell the label `label`,
 * its example `Label`; both are typed.
 */
export interface ImageFindingFields {
  /** Whether the model matched: 1 yes, 0 no. */
  HitFlag?: number;
  /** The model or scenario, e.g. `Porn`, `Sexy`, `Terror`, `QrCode`, `OCR`, `Similar`. */
  Scene?: string;
  /** Recommended action: `Block`, `Review` or `Pass`. */
  Suggestion?: string;
  /** The label found, e.g. `Porn` or `Normal` (the example's spelling). */
  Label?: string;
  /** The label found (the tables' spelling). */
  label?: string;
  /** Second-level label under the label. */
  SubLabel?: string;
  /** Confidence, 0 (lowest) to 100 (highest). */
  Score?: number;
}

/** One result of the category models (porn, sexy, terror, illegal…). */
export interface ImageLabelResult extends ImageFindingFields {
  /** Sub-labels that matched. */
  Details?:
    | {
        /** Index of the sub-label. */
        Id?: number;
        /** Name of the sub-label, e.g. `PornHigh`. */
        Name?: string;
        /** Confidence, 0–100. */
        Score?: number;
        /** Fields the platform adds later are kept. */
        [field: string]: unknown;
      }[]
    | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** One result of the object models (QR codes, logos, maps, faces…). */
export interface ImageObjectResult extends ImageFindingFields {
  /** Names of the objects found. */
  Names?: string[] | null;
  /** Each object found, with its box; `Value` is e.g. the URL a QR code holds. */
  Details?:
    | {
        /** Index of the object. */
        Id?: number;
        /** Name of the object. */
        Name?: string;
        /** What the object holds, e.g. the URL of a QR code. */
        Value?: string;
        /** Confidence, 0–100. */
        Score?: number;
        /** Where the object is. */
        Location?: AuditLocation;
        /** Fields the platform adds later are kept. */
        [field: string]: unknown;
      }[]
    | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** One result of text recognition in the image. */
export interface ImageOcrResult extends ImageFindingFields {
  /** The text recognised. */
  Text?: string;
  /** Each text region, with the keywords it matched. */
  Details?:
    | {
        /** The text of the region. */
        Text?: string;
        /** The label found (the example's spelling). */
        Label?: string;
        /** The label found (the tables' spelling). */
        label?: string;
        /** Keywords matched in the region. */
        Keywords?: string[] | null;
        /** Confidence, 0–100. */
        Score?: number;
        /** Where the region is. */
        Location?: AuditLocation;
        /** Fields the platform adds later are kept. */
        [field: string]: unknown;
      }[]
    | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** One result of the block/allow lists of images. */
export interface ImageLibResult extends ImageFindingFields {
  /** The listed images that matched. */
  Details?:
    | {
        /** Index of the match. */
        Id?: number;
        /** ID of the listed image. */
        ImageId?: string;
        /** The label found (the example's spelling). */
        Label?: string;
        /** The label found (the tables' spelling). */
        label?: string;
        /** Custom tag of the listed image. */
        Tag?: string;
        /** Similarity, 0–100. */
        Score?: number;
        /** Fields the platform adds later are kept. */
        [field: string]: unknown;
      }[]
    | null;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/**
 * Event 317 (鉴黄 / 图片审核): the image moderation flagged a screenshot of the stream.
 *
 * The moderation service was upgraded: decide on `suggestion`, `label`/`subLabel` and the
 * `*Results` lists. The fields marked deprecated belong to the older service; the platform
 * still sends some of them for compatibility, but they no longer carry results.
 */
export interface ImageAuditEvent extends SignatureFields {
  /** Always 317 (`CALLBACK_EVENT_TYPES.imageAudit`). */
  event_type: 317;
  /** Tencent Cloud APPID of the account. */
  appid?: number;
  /** Push domain. */
  app?: string;
  /** Push path. */
  appname?: string;
  /** Stream name (this event uses camelCase `streamId`, not `stream_id`). */
  streamId?: string;
  /** Channel ID, same as `streamId`. */
  channelId?: string;
  /** Query string of the push URL. */
  stream_param?: string;
  /** URL of the flagged screenshot. */
  img: string;
  /** Recommended action: `Block`, `Review` or `Pass`. The field to decide on. */
  suggestion?: string;
  /**
   * The violation label with the highest priority among all results, e.g. `Porn`; `Normal`
   * when none matched.
   */
  label?: string;
  /** Second-level label under `label`, e.g. `PornHigh`; empty when there is none. */
  subLabel?: string;
  /**
   * Codes of the highest-priority violation categories (the current service; see `label` for
   * their names). In the older service: `0` normal, `1`–`5` non-compliant, `6`–`9` other.
   */
  type: number[];
  /**
   * Scores (0–100) of the categories in `type`, in the same order. The document's own example
   * misspells it `socre`, so a body without it still parses.
   */
  score?: number[];
  /** Results of the category models. May be `null`. */
  labelResults?: ImageLabelResult[] | null;
  /** Results of the object models. May be `null`. */
  objectResults?: ImageObjectResult[] | null;
  /** Results of text recognition. May be `null`. */
  ocrResults?: ImageOcrResult[] | null;
  /** Results of the image block/allow lists. May be `null`. */
  libResults?: ImageLibResult[] | null;
  /** Text recognised in the image, if any. */
  ocrMsg?: string;
  /** UNIX time in seconds at which the screenshot was taken. */
  screenshotTime?: number;
  /** UNIX time in seconds at which the platform sent the event. */
  sendTime?: number;
  /** Image level. */
  level?: number;
  /** Face findings, when any. */
  faceDetails?: unknown[] | null;
  /** @deprecated Older service: confidence 0–100 that the image is pornographic. */
  confidence?: number;
  /** @deprecated Older service: score of the "normal" class. */
  normalScore?: number;
  /** @deprecated Older service: score of the "sexy" class. */
  hotScore?: number;
  /** @deprecated Older service: score of the "pornographic" class. */
  pornScore?: number;
  /** @deprecated Older service: score of similarity to known images. */
  similarScore?: number;
  /** @deprecated Older service: alert policy ID; 20001 for video content alerts. */
  tid?: number;
  /**
   * @deprecated Older service: risk findings, `level` 0–4 (3 and 4 are malicious) and `type`
   * (20002: porn).
   */
  abductionRisk?: {
    /** Risk level 0–4; 3 and 4 should be acted upon. */
    level?: number;
    /** Risk type; 20002 is pornography. */
    type?: number;
    /** Fields the platform adds later are kept. */
    [field: string]: unknown;
  }[];
  /** Game recognition details, when the stream shows a game. */
  gameDetails?: { [field: string]: unknown };
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}
