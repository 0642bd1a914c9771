/**
 * A realistic body per event type, registered family by family: each family's builders are in
 * the file of its document. The registration must name exactly the registry's families and each
 * family's event types (a missing or an extra builder does not compile), so a family added
 * under src/callbacks/events/families cannot be forgotten here.
 */
import {
  type CallbackEventBody,
  type CallbackEventFamilyName,
  type KnownCallbackEventByName,
  type KnownCallbackEventType,
  EVENT_FAMILIES,
} from "../../../callbacks/events";
import { audioAudit, imageAudit } from "./audit";
import type { EventBody, EventBodyContext } from "./common";
import { pushException } from "./pushException";
import { recordException, recordFile, recordStatus } from "./record";
import { snapshot } from "./snapshot";
import { streamBegin, streamEnd } from "./stream";

/** One builder per event type of each family, each producing a body of its own type. */
export type EventBodyBuilders = {
  readonly [F in CallbackEventFamilyName]: {
    readonly [N in keyof (typeof EVENT_FAMILIES)[F] & keyof KnownCallbackEventByName]: (
      ctx: EventBodyContext,
    ) => CallbackEventBody<KnownCallbackEventByName[N]>;
  };
};

/** The emulator's body builders, by family. */
export const EVENT_BODY_BUILDERS = {
  stream: { streamEnd, streamBegin },
  record: { recordFile, recordStatus, recordException },
  snapshot: { snapshot },
  audit: { audioAudit, imageAudit },
  pushException: { pushException },
} as const satisfies EventBodyBuilders;

const BY_CODE: ReadonlyMap<number, (ctx: EventBodyContext) => EventBody> = new Map(
  Object.entries(EVENT_FAMILIES).flatMap(([family, types]) =>
    Object.entries(types).map(([name, definition]) => {
      const builders = EVENT_BODY_BUILDERS[family as CallbackEventFamilyName] as Readonly<
        Record<string, (ctx: EventBodyContext) => EventBody>
      >;
      return [definition.code, builders[name]] as const;
    }),
  ),
);

/**
 * A realistic, unsigned body of an event of `eventType`: the fields the platform documents for
 * that type, with made-up but well-formed values (ids, URLs, documentation-range IP addresses).
 */
export function buildEventBody(
  eventType: KnownCallbackEventType,
  ctx: EventBodyContext,
): EventBody {
  const build = BY_CODE.get(eventType);
  if (!build) throw new TypeError(`no body builder for event type ${String(eventType)}`);
  return build(ctx);
}
