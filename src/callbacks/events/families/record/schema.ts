/**
 * The rules of the recording events and of the JSON inside their `callback_ext` and
 * `record_detail`, kept equal to the documented interfaces by a compile-time check; exported
 * behind the zod-free {@link CallbackSchema}.
 */
import { z } from "zod";
import {
  integerLike,
  interfaceField,
  signatureFields,
  streamFields,
} from "../../../../schemas/callbackEventFields";
import type { ExactOutputSchema, ExactSchema } from "../../../../schemas/exactSchema";
import type { CallbackEventBody } from "../../shared/fields";
import type { CallbackSchema } from "../../shared/schema";
import { RECORD_CODES } from "./codes";
import type {
  RecordExceptionEvent,
  RecordFileCallbackExt,
  RecordFileEvent,
  RecordStatusDetail,
  RecordStatusEvent,
} from "./event";

const recordFile = z.looseObject({
  event_type: z.literal(RECORD_CODES.recordFile),
  ...signatureFields,
  ...streamFields,
  video_url: z.string(),
  file_id: z.string().optional(),
  record_file_id: z.string().optional(),
  record_temp_id: z.string().optional(),
  file_format: z.string().optional(),
  task_id: z.string().optional(),
  start_time: z.number().int().optional(),
  end_time: z.number().int().optional(),
  start_time_usec: z.number().int().optional(),
  end_time_usec: z.number().int().optional(),
  duration: z.number().optional(),
  file_size: z.number().int().nonnegative().optional(),
  media_start_time: z.number().int().optional(),
  record_bps: z.number().int().optional(),
  callback_ext: z.string().optional(),
});

const callbackExt = z.looseObject({
  video_codec: z.string().optional(),
  resolution: z.string().optional(),
  session_id: z.string().optional(),
});

const recordStatus = z.looseObject({
  event_type: z.literal(RECORD_CODES.recordStatus),
  ...signatureFields,
  ...streamFields,
  record_event: z.string(),
  domain: z.string().optional(),
  event_time: z.number().int().optional(),
  session_id: z.string().optional(),
  task_id: z.string().optional(),
  seq: z.string().optional(),
  record_detail: z.string().optional(),
});

const recordDetail = z.looseObject({
  file_format: integerLike.optional(),
  record_bps: integerLike.optional(),
  start_model: integerLike.optional(),
  record_content: integerLike.optional(),
  source_type: integerLike.optional(),
  codec_temp_id: integerLike.optional(),
});

const recordException = z.looseObject({
  event_type: z.literal(RECORD_CODES.recordException),
  ...signatureFields,
  interface: interfaceField,
  appid: z.number().int().optional(),
  domain: z.string().optional(),
  path: z.string().optional(),
  stream_id: z.string(),
  session_id: z.string().optional(),
  file_format: z.string().optional(),
  timestamp: z.number().int().optional(),
  exception_level: z.string(),
  exception: z.looseObject({
    type: z.number().int(),
    occurs: z.number().int().optional(),
    desc: z.string().optional(),
  }),
});

/** Validates a recording file (100) body. */
export const RecordFileEventSchema: CallbackSchema<RecordFileEvent> =
  recordFile satisfies ExactSchema<
    typeof recordFile,
    RecordFileEvent,
    CallbackEventBody<RecordFileEvent>
  >;
/** Validates the decoded JSON of a recording file's `callback_ext`. */
export const RecordFileCallbackExtSchema: CallbackSchema<RecordFileCallbackExt> =
  callbackExt satisfies ExactSchema<typeof callbackExt, RecordFileCallbackExt>;
/** Validates a recording status (332) body. */
export const RecordStatusEventSchema: CallbackSchema<RecordStatusEvent> =
  recordStatus satisfies ExactSchema<
    typeof recordStatus,
    RecordStatusEvent,
    CallbackEventBody<RecordStatusEvent>
  >;
/** Validates the decoded JSON of a recording status's `record_detail`. */
export const RecordStatusDetailSchema: CallbackSchema<RecordStatusDetail> =
  recordDetail satisfies ExactOutputSchema<typeof recordDetail, RecordStatusDetail>;
/** Validates a recording exception (341) body. */
export const RecordExceptionEventSchema: CallbackSchema<RecordExceptionEvent> =
  recordException satisfies ExactSchema<
    typeof recordException,
    RecordExceptionEvent,
    CallbackEventBody<RecordExceptionEvent>
  >;
