/**
 * The recording family: recording files (keyed by their VOD `file_id`), recording status
 * (keyed by session, sequence number and state) and recording exceptions (keyed by session and
 * time); plus the decoders of the JSON-in-JSON fields.
 */
import { defineEventType } from "../../shared/definition";
import { RECORD_CODES } from "./codes";
import {
  RecordExceptionEventSchema,
  RecordFileEventSchema,
  RecordStatusEventSchema,
} from "./schema";

export { decodeCallbackExt, decodeRecordDetail } from "./decode";
export type {
  RecordExceptionDetail,
  RecordExceptionEvent,
  RecordFileCallbackExt,
  RecordFileEvent,
  RecordStatusDetail,
  RecordStatusEvent,
} from "./event";
export {
  RecordExceptionEventSchema,
  RecordFileCallbackExtSchema,
  RecordFileEventSchema,
  RecordStatusDetailSchema,
  RecordStatusEventSchema,
} from "./schema";

/** The event types of the recording family, by name. */
export const RECORD_FAMILY = {
  /** 录制: a recording file was written. */
  recordFile: defineEventType({
    code: RECORD_CODES.recordFile,
    schema: RecordFileEventSchema,
    keyParts: (event) => [event.file_id],
  }),
  /** 录制状态: a recording task started, paused, resumed, failed or ended. */
  recordStatus: defineEventType({
    code: RECORD_CODES.recordStatus,
    schema: RecordStatusEventSchema,
    keyParts: (event) => [event.session_id, event.seq, event.record_event],
  }),
  /**
   * 录制异常: something went wrong while recording (timestamps, missing tracks, write errors).
   * Sent to RecordExceptionNotifyUrl, only for the levels the template selects in
   * RecordExceptionLevels.
   */
  recordException: defineEventType({
    code: RECORD_CODES.recordException,
    schema: RecordExceptionEventSchema,
    keyParts: (event) => [event.session_id, event.timestamp],
  }),
} as const;
