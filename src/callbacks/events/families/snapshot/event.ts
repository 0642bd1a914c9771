/** The screenshot event (product 267, document 47028 截图事件通知). */
import type { SignatureFields, StreamFields } from "../../shared/fields";

/** Event 200 (截图): a screenshot of the stream was stored. */
export interface SnapshotEvent extends SignatureFields, StreamFields {
  /** Always 200 (`CALLBACK_EVENT_TYPES.snapshot`). */
  event_type: 200;
  /** Full download URL of the screenshot, in the COS bucket of the snapshot template. */
  pic_full_url: string;
  /** Path of the screenshot inside the bucket, e.g. `/2018-12-17/stream-screenshot-….jpg`. */
  pic_url?: string;
  /** UNIX time in seconds at which the screenshot was taken. */
  create_time?: number;
  /** Size of the image in bytes. */
  file_size?: number;
  /** Image width in pixels. */
  width?: number;
  /** Image height in pixels. */
  height?: number;
  /** ID of the screenshot task. */
  task_id?: string;
  /** Fields the platform adds later are kept. */
  [field: string]: unknown;
}
