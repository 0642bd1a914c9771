/**
 * The rules of the moderation events, kept equal to their documented interfaces by a
 * compile-time check (`satisfies ExactSchema`); exported behind the zod-free {@link CallbackSchema}.
 */
import { z } from "zod";
import {
  interfaceField,
  signatureFields,
  streamFields,
} from "../../../../schemas/callbackEventFields";
import type { ExactSchema } from "../../../../schemas/exactSchema";
import type { CallbackEventBody } from "../../shared/fields";
import type { CallbackSchema } from "../../shared/schema";
import { AUDIT_CODES } from "./codes";
import type { AudioAuditEvent, ImageAuditEvent } from "./event";

const audioFinding = z.looseObject({
  Label: z.string().nullish(),
  SubLabel: z.string().nullish(),
  Score: z.number().nullish(),
  Suggestion: z.string().nullish(),
  StartTime: z.number().nullish(),
  EndTime: z.number().nullish(),
  Keywords: z.array(z.string()).nullish(),
});

const audioAudit = z.looseObject({
  event_type: z.literal(AUDIT_CODES.audioAudit),
  ...signatureFields,
  ...streamFields,
  domain: z.string().optional(),
  path: z.string().optional(),
  interface: interfaceField,
  HitFlag: z.number().int().optional(),
  Score: z.number().optional(),
  suggestion: z.string().optional(),
  label: z.string().optional(),
  sub_label: z.string().optional(),
  SubTag: z.string().optional(),
  asr_text: z.string().optional(),
  cdn_url: z.string().optional(),
  duration: z.number().optional(),
  task_id: z.union([z.number(), z.string()]).optional(),
  request_id: z.string().optional(),
  seq: z.union([z.number(), z.string()]).optional(),
  status: z.number().int().optional(),
  text_results: z.array(audioFinding).nullish(),
  moan_results: z.array(audioFinding).nullish(),
  language_results: z.array(audioFinding).nullish(),
  speaker_results: z.array(audioFinding).nullish(),
  recognition_results: z.array(z.looseObject({})).nullish(),
});

const location = z.looseObject({
  X: z.number().optional(),
  Y: z.number().optional(),
  Width: z.number().optional(),
  Height: z.number().optional(),
  Rotate: z.number().optional(),
});

const imageFindingFields = {
  HitFlag: z.number().int().optional(),
  Scene: z.string().optional(),
  Suggestion: z.string().optional(),
  Label: z.string().optional(),
  label: z.string().optional(),
  SubLabel: z.string().optional(),
  Score: z.number().optional(),
};

const labelResult = z.looseObject({
  ...imageFindingFields,
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

const objectResult = z.looseObject({
  ...imageFindingFields,
  Names: z.array(z.string()).nullish(),
  Details: z
    .array(
      z.looseObject({
        Id: z.number().optional(),
        Name: z.string().optional(),
        Value: z.string().optional(),
        Score: z.number().optional(),
        Location: location.optional(),
      }),
    )
    .nullish(),
});

const ocrResult = z.looseObject({
  ...imageFindingFields,
  Text: z.string().optional(),
  Details: z
    .array(
      z.looseObject({
        Text: z.string().optional(),
        Label: z.string().optional(),
        label: z.string().optional(),
        Keywords: z.array(z.string()).nullish(),
        Score: z.number().optional(),
        Location: location.optional(),
      }),
    )
    .nullish(),
});

const libResult = z.looseObject({
  ...imageFindingFields,
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

const imageAudit = z.looseObject({
  event_type: z.literal(AUDIT_CODES.imageAudit),
  ...signatureFields,
  appid: z.number().int().optional(),
  app: z.string().optional(),
  appname: z.string().optional(),
  streamId: z.string().optional(),
  channelId: z.string().optional(),
  stream_param: z.string().optional(),
  img: z.string(),
  suggestion: z.string().optional(),
  label: z.string().optional(),
  subLabel: z.string().optional(),
  type: z.array(z.number().int()),
  score: z.array(z.number()).optional(),
  labelResults: z.array(labelResult).nullish(),
  objectResults: z.array(objectResult).nullish(),
  ocrResults: z.array(ocrResult).nullish(),
  libResults: z.array(libResult).nullish(),
  ocrMsg: z.string().optional(),
  screenshotTime: z.number().int().optional(),
  sendTime: z.number().int().optional(),
  level: z.number().optional(),
  faceDetails: z.array(z.unknown()).nullish(),
  confidence: z.number().optional(),
  normalScore: z.number().optional(),
  hotScore: z.number().optional(),
  pornScore: z.number().optional(),
  similarScore: z.number().optional(),
  tid: z.number().int().optional(),
  abductionRisk: z
    .array(
      z.looseObject({
        level: z.number().int().optional(),
        type: z.number().int().optional(),
      }),
    )
    .optional(),
  gameDetails: z.looseObject({}).optional(),
});

/** Validates an audio audit (315) body. */
export const AudioAuditEventSchema: CallbackSchema<AudioAuditEvent> =
  audioAudit satisfies ExactSchema<
    typeof audioAudit,
    AudioAuditEvent,
    CallbackEventBody<AudioAuditEvent>
  >;
/** Validates an image audit (317) body. */
export const ImageAuditEventSchema: CallbackSchema<ImageAuditEvent> =
  imageAudit satisfies ExactSchema<
    typeof imageAudit,
    ImageAuditEvent,
    CallbackEventBody<ImageAuditEvent>
  >;
