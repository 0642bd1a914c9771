/** The push exception event (product 267, document 53310 推流异常事件通知). */
import type { SignatureFields, StreamFields } from "../../shared/fields";

/** One occurrence of a push error. */
export interface PushAbnormalityOccurrence {
  /** What happened, in English. */
  desc?: string;
  /** UNIX time in **milliseconds** of the occurrence. */
  occur_time?: number;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** One kind of push error in a push exception event. */
export interface PushAbnormality {
  /**
   * Error type: 1/2 video/audio timestamp went back, 3/4 video/audio timestamp jumped by more
   * than 1 s, 5 chunk size over 8192, 6/7 video/audio frames more than 3 s late, 8/9 video/audio
   * codec changed, 10/11 video/audio frame before its codec header.
   */
  type: number;
  /** How many times it happened during the reporting interval. */
  count?: number;
  /** Individual occurrences. */
  detail?: PushAbnormalityOccurrence[];
  /** Description of the type in Chinese. */
  type_desc_cn?: string;
  /** Description of the type in English. */
  type_desc_en?: string;
  /**
   * Whether the customer may see the error; documented as the string `"true"` (a boolean is
   * accepted too).
   */
  customer_visible?: string | boolean;
  /** A supplement to the Chinese description. */
  event_key?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}

/** Event 321 (推流异常): errors seen in a pushed stream during the last reporting interval. */
export interface PushExceptionEvent extends SignatureFields, StreamFields {
  /** Always 321 (`CALLBACK_EVENT_TYPES.pushException`). */
  event_type: 321;
  /** Push domain (this event names it `domain`, not `app`). */
  domain?: string;
  /** Push path (this event names it `path`, not `appname`). */
  path?: string;
  /** The errors, one entry per error type seen in the interval. */
  abnormal_event: PushAbnormality[];
  /** UNIX time in **milliseconds** at which the report was produced. */
  data_time?: number;
  /** Length of the reporting interval in milliseconds. */
  report_interval?: number;
  /** Push session identifier, as in the stream begin/end events. */
  sequence?: string;
  /** IP address the pusher connected from. */
  user_ip?: string;
  /** Timeout of the callback request itself, in milliseconds. */
  timeout?: number;
  /** `general_callback`: the callback service that sent the event. */
  interface?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}
