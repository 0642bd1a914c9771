/**
 * A realistic body per event type. Each type's builder is in the file of its document; adding an
 * event type means adding its builder there and one line here.
 */
import { CALLBACK_EVENT_TYPES, type KnownCallbackEventType } from "../../../callbacks/events";
import { audioAudit, imageAudit } from "./audit";
import type { EventBody, EventBodyContext } from "./common";
import { pushException } from "./pushException";
import { recordException, recordFile, recordStatus } from "./record";
import { snapshot } from "./snapshot";
import { streamBegin, streamEnd } from "./stream";

const BUILDERS: Record<KnownCallbackEventType, (ctx: EventBodyContext) => EventBody> = {
  [CALLBACK_EVENT_TYPES.streamEnd]: streamEnd,
  [CALLBACK_EVENT_TYPES.streamBegin]: streamBegin,
  [CALLBACK_EVENT_TYPES.recordFile]: recordFile,
  [CALLBACK_EVENT_TYPES.snapshot]: snapshot,
  [CALLBACK_EVENT_TYPES.audioAudit]: audioAudit,
  [CALLBACK_EVENT_TYPES.imageAudit]: imageAudit,
  [CALLBACK_EVENT_TYPES.pushException]: pushException,
  [CALLBACK_EVENT_TYPES.recordStatus]: recordStatus,
  [CALLBACK_EVENT_TYPES.recordException]: recordException,
};

/**
 * A realistic, unsigned body of an event of `eventType`: the fields the platform documents for
 * that type, with made-up but well-formed values (ids, URLs, documentation-range IP addresses).
 */
export function buildEventBody(
  eventType: KnownCallbackEventType,
  ctx: EventBodyContext,
): EventBody {
  return BUILDERS[eventType](ctx);
}
