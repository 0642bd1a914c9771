/**
 * The event type codes this library has schemas for, by name. A file of its own because both the
 * schemas and the code that produces events (the emulator, tests) need the codes, and neither
 * should have to load the other to get them.
 */
/**
 * Numeric `event_type` of every callback event this library types, by name. Shared with code
 * that produces events (an emulator, tests) so the codes are written down once.
 */
export const CALLBACK_EVENT_TYPES = {
  /** 断流: the push of a stream stopped. */
  streamEnd: 0,
  /** 推流: a stream started being pushed. */
  streamBegin: 1,
  /** 录制: a recording file was written. */
  recordFile: 100,
  /** 截图: a screenshot was taken. */
  snapshot: 200,
  /** 音频审核: the audio moderation flagged a segment. */
  audioAudit: 315,
  /** 鉴黄 / 图片审核: the image moderation flagged a screenshot. */
  imageAudit: 317,
  /** 推流异常: push errors (timestamps going back, late frames…) during the last interval. */
  pushException: 321,
  /** 录制状态: a recording task started, paused, resumed, failed or ended. */
  recordStatus: 332,
  /**
   * 录制异常: something went wrong while recording (timestamps, missing tracks, write errors).
   * Sent to RecordExceptionNotifyUrl, only for the levels the template selects in
   * RecordExceptionLevels.
   */
  recordException: 341,
} as const;

/** Name of an event type in {@link CALLBACK_EVENT_TYPES}. */
export type CallbackEventTypeName = keyof typeof CALLBACK_EVENT_TYPES;

/** An `event_type` value this library has a schema for. */
export type KnownCallbackEventType = (typeof CALLBACK_EVENT_TYPES)[CallbackEventTypeName];
