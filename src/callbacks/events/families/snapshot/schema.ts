/**
 * The rules of the screenshot event, kept equal to its documented interface by a compile-time
 * check; exported behind the zod-free {@link CallbackSchema}.
 */
import { z } from "zod";
import { signatureFields, streamFields } from "../../../../schemas/callbackEventFields";
import type { ExactSchema } from "../../../../schemas/exactSchema";
import type { CallbackEventBody } from "../../shared/fields";
import type { CallbackSchema } from "../../shared/schema";
import { SNAPSHOT_CODES } from "./codes";
import type { SnapshotEvent } from "./event";

const snapshot = z.looseObject({
  event_type: z.literal(SNAPSHOT_CODES.snapshot),
  ...signatureFields,
  ...streamFields,
  pic_full_url: z.string(),
  pic_url: z.string().optional(),
  create_time: z.number().int().optional(),
  file_size: z.number().int().nonnegative().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  task_id: z.string().optional(),
});

/** Validates a screenshot (200) body. */
export const SnapshotEventSchema: CallbackSchema<SnapshotEvent> = snapshot satisfies ExactSchema<
  typeof snapshot,
  SnapshotEvent,
  CallbackEventBody<SnapshotEvent>
>;
