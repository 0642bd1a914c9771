/**
 * The push exception family (document 53310). One report per push session (`sequence`) and
 * reporting moment (`data_time`).
 */
import { defineEventType } from "../../shared/definition";
import { PUSH_EXCEPTION_CODES } from "./codes";
import { PushExceptionEventSchema } from "./schema";

export type { PushAbnormality, PushAbnormalityOccurrence, PushExceptionEvent } from "./event";
export { PushExceptionEventSchema } from "./schema";

/** The event types of the push exception family, by name. */
export const PUSH_EXCEPTION_FAMILY = {
  /** 推流异常: push errors (timestamps going back, late frames…) during the last interval. */
  pushException: defineEventType({
    code: PUSH_EXCEPTION_CODES.pushException,
    schema: PushExceptionEventSchema,
    keyParts: (event) => [event.sequence, event.data_time],
  }),
} as const;
