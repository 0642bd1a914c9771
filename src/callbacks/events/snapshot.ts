/** The screenshot event (200, 截图): a screenshot of the stream was stored. */
import { z } from "zod";
import { signatureFields, streamFields } from "./common";
import { CALLBACK_EVENT_TYPES } from "./types";

/** Event 200 (截图): a screenshot of the stream was stored. */
export const SnapshotEventSchema = z.looseObject({
  /** Always 200 ({@link CALLBACK_EVENT_TYPES}.snapshot). */
  event_type: z.literal(CALLBACK_EVENT_TYPES.snapshot),
  ...signatureFields,
  ...streamFields,
  /** Full download URL of the screenshot, in the COS bucket of the snapshot template. */
  pic_full_url: z.string(),
  /** Path of the screenshot inside the bucket, e.g. `/2018-12-17/stream-screenshot-….jpg`. */
  pic_url: z.string().optional(),
  /** UNIX time in seconds at which the screenshot was taken. */
  create_time: z.number().int().optional(),
  /** Size of the image in bytes. */
  file_size: z.number().int().nonnegative().optional(),
  /** Image width in pixels. */
  width: z.number().int().optional(),
  /** Image height in pixels. */
  height: z.number().int().optional(),
  /** ID of the screenshot task. */
  task_id: z.string().optional(),
});

/** Event 200: a screenshot was stored. */
export type SnapshotEvent = z.infer<typeof SnapshotEventSchema>;
