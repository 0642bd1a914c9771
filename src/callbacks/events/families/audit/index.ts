/**
 * The moderation family: audio audit (315) and image audit (317). Their documents name no field
 * that identifies one event for certain (a task's `seq` restarts with the task), so
 * `callbackEventKey` hashes the body.
 */
import { defineEventType } from "../../shared/definition";
import { AUDIT_CODES } from "./codes";
import { AudioAuditEventSchema, ImageAuditEventSchema } from "./schema";

export type {
  AudioAuditEvent,
  AudioAuditFinding,
  AuditLocation,
  ImageAuditEvent,
  ImageFindingFields,
  ImageLabelResult,
  ImageLibResult,
  ImageObjectResult,
  ImageOcrResult,
} from "./event";
export { AudioAuditEventSchema, ImageAuditEventSchema } from "./schema";

/** The event types of the moderation family, by name. */
export const AUDIT_FAMILY = {
  /** 音频审核: the audio moderation flagged a segment. */
  audioAudit: defineEventType({ code: AUDIT_CODES.audioAudit, schema: AudioAuditEventSchema }),
  /** 鉴黄 / 图片审核: the image moderation flagged a screenshot. */
  imageAudit: defineEventType({ code: AUDIT_CODES.imageAudit, schema: ImageAuditEventSchema }),
} as const;
