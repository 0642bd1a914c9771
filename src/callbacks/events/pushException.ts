/** The push exception event (321, 推流异常): errors seen in a pushed stream. */
import { z } from "zod";
import { interfaceField, signatureFields, streamFields } from "./common";
import { CALLBACK_EVENT_TYPES } from "./types";

/** One kind of push error in a push exception event. */
const PushAbnormalitySchema = z.looseObject({
  /**
   * Error type: 1/2 video/audio timestamp went back, 3/4 video/audio timestamp jumped by more
   * than 1 s, 5 chunk size over 8192, 6/7 video/audio frames more than 3 s late, 8/9 video/audio
   * codec changed, 10/11 video/audio frame before its codec header.
   */
  type: z.number().int(),
  /** How many times it happened during the reporting interval. */
  count: z.number().int().optional(),
  /** Individual occurrences. */
  detail: z
    .array(
      z.looseObject({
        /** What happened, in English. */
        desc: z.string().optional(),
        /** UNIX time in **milliseconds** of the occurrence. */
        occur_time: z.number().int().optional(),
      }),
    )
    .optional(),
  /** Description of the type in Chinese. */
  type_desc_cn: z.string().optional(),
  /** Description of the type in English. */
  type_desc_en: z.string().optional(),
  /**
   * Whether the customer may see the error; documented as the string `"true"` (a boolean is
   * accepted too).
   */
  customer_visible: z.union([z.string(), z.boolean()]).optional(),
  /** A supplement to the Chinese description. */
  event_key: z.string().optional(),
});

/** Event 321 (推流异常): errors seen in a pushed stream during the last reporting interval. */
export const PushExceptionEventSchema = z.looseObject({
  /** Always 321 ({@link CALLBACK_EVENT_TYPES}.pushException). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.pushException),
  ...signatureFields,
  ...streamFields,
  /** Push domain (this event names it `domain`, not `app`). */
  domain: z.string().optional(),
  /** Push path (this event names it `path`, not `appname`). */
  path: z.string().optional(),
  /** The errors, one entry per error type seen in the interval. */
  abnormal_event: z.array(PushAbnormalitySchema),
  /** UNIX time in **milliseconds** at which the report was produced. */
  data_time: z.number().int().optional(),
  /** Length of the reporting interval in milliseconds. */
  report_interval: z.number().int().optional(),
  /** Push session identifier, as in the stream begin/end events. */
  sequence: z.string().optional(),
  /** IP address the pusher connected from. */
  user_ip: z.string().optional(),
  /** Timeout of the callback request itself, in milliseconds. */
  timeout: z.number().int().optional(),
  /** `general_callback`: the callback service that sent the event. */
  interface: interfaceField,
});

/** Event 321: push errors during the last reporting interval. */
export type PushExceptionEvent = z.infer<typeof PushExceptionEventSchema>;
