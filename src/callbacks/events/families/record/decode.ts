/**
 * The two recording fields that arrive as JSON text inside the JSON body, decoded and typed.
 * Helpers rather than fields added by parsing, so that the event stays exactly what arrived
 * (and its `callbackEventKey` hash is the body's).
 */
import { decodeJsonText, type DecodedJsonText } from "../../shared/jsonText";
import type {
  RecordFileCallbackExt,
  RecordFileEvent,
  RecordStatusDetail,
  RecordStatusEvent,
} from "./event";
import { RecordFileCallbackExtSchema, RecordStatusDetailSchema } from "./schema";

/**
 * The `callback_ext` of a recording file event (100), decoded: `{ ok: true, value, text }`, or
 * `{ ok: false, issues, text }` when it is not JSON of the documented shape; `undefined` when
 * the event has none. Never throws; `event.callback_ext` is left as it arrived.
 *
 * @example
 * ```ts
 * const ext = decodeCallbackExt(event);
 * if (ext?.ok) console.log(ext.value.resolution); // "1280x720"
 * ```
 */
export function decodeCallbackExt(
  event: Pick<RecordFileEvent, "callback_ext">,
): DecodedJsonText<RecordFileCallbackExt> | undefined {
  return decodeJsonText(event.callback_ext, RecordFileCallbackExtSchema);
}

/**
 * The `record_detail` of a recording status event (332), decoded: `{ ok: true, value, text }`,
 * or `{ ok: false, issues, text }` when it is not JSON of the documented shape; `undefined`
 * when the event has none. Never throws; `event.record_detail` is left as it arrived.
 *
 * @example
 * ```ts
 * const detail = decodeRecordDetail(event);
 * if (detail?.ok && detail.value.source_type === 2) console.log("relay recording");
 * ```
 */
export function decodeRecordDetail(
  event: Pick<RecordStatusEvent, "record_detail">,
): DecodedJsonText<RecordStatusDetail> | undefined {
  return decodeJsonText(event.record_detail, RecordStatusDetailSchema);
}
