/**
 * The rules of the push session events, kept equal to their documented interfaces by a
 * compile-time check (`satisfies ExactSchema`); exported behind the zod-free {@link CallbackSchema}.
 */
import { z } from "zod";
import {
  integerLike,
  signatureFields,
  streamFields,
} from "../../../../schemas/callbackEventFields";
import type { ExactSchema } from "../../../../schemas/exactSchema";
import type { CallbackEventBody } from "../../shared/fields";
import type { CallbackSchema } from "../../shared/schema";
import { STREAM_CODES } from "./codes";
import type { StreamBeginEvent, StreamEndEvent } from "./event";

const pushSessionFields = {
  ...signatureFields,
  ...streamFields,
  event_time: z.number().int().optional(),
  sequence: z.string().optional(),
  node: z.string().optional(),
  user_ip: z.string().optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
  set_id: z.number().int().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  idc_id: z.number().int().optional(),
};

const streamBegin = z.looseObject({
  event_type: z.literal(STREAM_CODES.streamBegin),
  ...pushSessionFields,
});

const streamEnd = z.looseObject({
  event_type: z.literal(STREAM_CODES.streamEnd),
  ...pushSessionFields,
  push_duration: integerLike.optional(),
});

/** Validates a stream begin (1) body. */
export const StreamBeginEventSchema: CallbackSchema<StreamBeginEvent> =
  streamBegin satisfies ExactSchema<
    typeof streamBegin,
    StreamBeginEvent,
    CallbackEventBody<StreamBeginEvent>
  >;
/** Validates a stream end (0) body. */
export const StreamEndEventSchema: CallbackSchema<StreamEndEvent> = streamEnd satisfies ExactSchema<
  typeof streamEnd,
  StreamEndEvent,
  CallbackEventBody<StreamEndEvent>
>;
