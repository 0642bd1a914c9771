/**
 * The push session family (document 47025): stream begin and stream end. Both are keyed by
 * `sequence`, the push session id, which the begin and end of one push share (the code keeps
 * them apart).
 */
import { defineEventType } from "../../shared/definition";
import { STREAM_CODES } from "./codes";
import { StreamBeginEventSchema, StreamEndEventSchema } from "./schema";

export type { PushSessionFields, StreamBeginEvent, StreamEndEvent } from "./event";
export { StreamBeginEventSchema, StreamEndEventSchema } from "./schema";

/** The event types of the push session family, by name. */
export const STREAM_FAMILY = {
  /** 断流: the push of a stream stopped. */
  streamEnd: defineEventType({
    code: STREAM_CODES.streamEnd,
    schema: StreamEndEventSchema,
    keyParts: (event) => [event.sequence],
  }),
  /** 推流: a stream started being pushed. */
  streamBegin: defineEventType({
    code: STREAM_CODES.streamBegin,
    schema: StreamBeginEventSchema,
    keyParts: (event) => [event.sequence],
  }),
} as const;
