/**
 * The screenshot family (document 47028). Its document names no field that identifies one
 * event, so `callbackEventKey` hashes the body.
 */
import { defineEventType } from "../../shared/definition";
import { SNAPSHOT_CODES } from "./codes";
import { SnapshotEventSchema } from "./schema";

export type { SnapshotEvent } from "./event";
export { SnapshotEventSchema } from "./schema";

/** The event types of the screenshot family, by name. */
export const SNAPSHOT_FAMILY = {
  /** 截图: a screenshot was taken. */
  snapshot: defineEventType({ code: SNAPSHOT_CODES.snapshot, schema: SnapshotEventSchema }),
} as const;
