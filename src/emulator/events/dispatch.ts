/**
 * Emulated callback events, end to end: route the event (`route.ts`: the rule in effect, its
 * template as it was then, the URL), build and sign a realistic body with that template's key,
 * keep a record and deliver it on the schedule the settings say (`schedule.ts`, `attempts.ts`).
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventTypeName,
  type KnownCallbackEventType,
} from "../../callbacks/events";
import type { EmulatorRuntime } from "../runtime";
import { runAttempts } from "./attempts";
import { buildEventBody } from "./bodies";
import { newSequence, type EventBody } from "./bodies/common";
import { EventDeliveryError } from "./errors";
import { chooseExceptionLevel, ExceptionLevelError } from "./levels";
import type { DeliveryRecord } from "./record";
import { routeEvent } from "./route";
import { planFor } from "./schedule";
import { signEventBody } from "./sign";
import { keepRecord, trackDelivery, type DeliveryState, type PushSession } from "./state";
import { EVENT_TYPE_CHOICES, resolveEventType } from "./types";

export { EventDeliveryError };

/**
 * What to send, as `POST /_emulator/events` takes it. Every other field is merged into the
 * generated body (after generation, before signing), e.g. `{ errcode: 3 }` or `{ t: 0 }`.
 */
export interface EventDeliveryRequest {
  /** Push domain; the rule of (domainName, appName) decides the template. */
  domainName: string;
  /** Push path. Default `live`. */
  appName?: string;
  /** Stream name. */
  streamId: string;
  /**
   * `event_type` number (0, 1, 100, 200, 315, 317, 321, 332, 341) or its name, e.g.
   * `streamBegin`. For 341 (recording exception), an extra `exception_level` picks the level;
   * it must be one the template selects (default: the first it selects).
   */
  eventType: number | CallbackEventTypeName;
  /** Extra body fields. */
  [field: string]: unknown;
}

const REQUEST_KEYS = new Set(["domainName", "appName", "streamId", "eventType"]);

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value === "") {
    throw new EventDeliveryError(400, `${name} is required and must be a non-empty string`);
  }
  return value;
}

/** Checks a request and splits it into its own fields and the extra body fields. */
function parseRequest(input: unknown): {
  domainName: string;
  appName: string;
  streamId: string;
  eventType: KnownCallbackEventType;
  extra: Record<string, unknown>;
} {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EventDeliveryError(
      400,
      "the body must be a JSON object: { domainName, appName?, streamId, eventType, ...fields }",
    );
  }
  const body = input as Record<string, unknown>;
  const domainName = requiredString(body, "domainName");
  const appName = body.appName === undefined ? "live" : requiredString(body, "appName");
  const streamId = requiredString(body, "streamId");
  const eventType = resolveEventType(body.eventType);
  if (eventType === undefined) {
    throw new EventDeliveryError(
      400,
      `eventType ${JSON.stringify(body.eventType) ?? "(missing)"} is not one of ${EVENT_TYPE_CHOICES}`,
    );
  }
  const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !REQUEST_KEYS.has(key)));
  return { domainName, appName, streamId, eventType, extra };
}

/** The push session fields of an event: a stream begin starts a session, the rest reuse it. */
function sessionFields(
  open: PushSession | undefined,
  eventType: KnownCallbackEventType,
  nowMs: number,
): { sequence?: string; pushDurationMs?: number } {
  if (eventType === CALLBACK_EVENT_TYPES.streamBegin) return { sequence: newSequence() };
  if (!open) return {};
  if (eventType === CALLBACK_EVENT_TYPES.streamEnd) {
    return { sequence: open.sequence, pushDurationMs: nowMs - open.startedMs };
  }
  return { sequence: open.sequence };
}

/** Opens the push session of a sent stream begin, closes it on a stream end. */
function updateSessions(state: DeliveryState, key: string, body: EventBody, nowMs: number): void {
  if (body.event_type === CALLBACK_EVENT_TYPES.streamBegin && typeof body.sequence === "string") {
    state.sessions.set(key, { sequence: body.sequence, startedMs: nowMs });
  } else if (body.event_type === CALLBACK_EVENT_TYPES.streamEnd) {
    state.sessions.delete(key);
  }
}

/** Signs `unsigned` with `key` at `nowMs`; a refused extra `t` is the request's fault (400). */
function sign(
  unsigned: EventBody,
  extra: Record<string, unknown>,
  key: string,
  nowMs: number,
): EventBody {
  try {
    return signEventBody(unsigned, extra, key, nowMs);
  } catch (err) {
    throw new EventDeliveryError(400, (err as Error).message);
  }
}

/**
 * Sends one emulated callback event (`request` is checked: it may come straight from JSON; see
 * {@link EventDeliveryRequest}) and resolves with its record (also kept in the delivery history):
 * on the `quick` schedule once delivery has finished; on the `platform` schedule once the first
 * attempt has ended, the retries going on in the background (`done: false` until they end). An
 * undelivered event is a record with `delivered: false`, not an error.
 *
 * The event is routed and signed by the account as it was `propagationSeconds` ago, and its
 * body carries the domain as the rule in effect spells it. A stream end after a stream begin of
 * the same stream repeats the begin's `sequence` and reports the time in between as
 * `push_duration`, as the platform does. The body is signed with the template's CallbackKey; a
 * template without one signs with the empty key (`md5(t)`).
 *
 * @throws EventDeliveryError when nothing can be sent: invalid request (400), target refused
 *   (403), no rule in effect for the (domain, app) (404), or the rule's template is gone, has no
 *   URL for the event type, or (341) does not select the exception level (409).
 */
export async function deliverEvent(
  runtime: EmulatorRuntime,
  request: unknown,
  nowMs: number = Date.now(),
): Promise<DeliveryRecord> {
  const { domainName, appName, streamId, eventType, extra } = parseRequest(request);
  const { rule, template, url, target, where } = routeEvent(
    runtime,
    domainName,
    appName,
    eventType,
    nowMs,
  );
  let exceptionLevel: string | undefined;
  if (eventType === CALLBACK_EVENT_TYPES.recordException) {
    try {
      exceptionLevel = chooseExceptionLevel(template, extra.exception_level, where);
    } catch (err) {
      if (err instanceof ExceptionLevelError) throw new EventDeliveryError(err.status, err.message);
      throw err;
    }
  }
  const state = runtime.delivery;
  // The rule's spelling: under ruleDomainCase insensitive the request may spell it otherwise.
  const domain = rule.DomainName;
  const sessionKey = `${domain}/${appName}/${streamId}`;
  const unsigned = buildEventBody(eventType, {
    domainName: domain,
    appName,
    streamId,
    nowMs,
    exceptionLevel,
    ...sessionFields(state.sessions.get(sessionKey), eventType, nowMs),
  });
  const key = template.CallbackKey;
  const body = sign(unsigned, extra, key, nowMs);
  updateSessions(state, sessionKey, body, nowMs);

  const plan = planFor(state.config, eventType);
  const record = keepRecord(state, {
    url,
    eventType,
    body,
    plan,
    attempts: [],
    delivered: false,
    done: false,
  });
  const signal = AbortSignal.any([runtime.stopping.signal, state.cancel.signal]);
  const run = runAttempts(record, target, (at) => sign(unsigned, extra, key, at), signal);
  trackDelivery(state, record, run.finished);
  await (plan.schedule === "quick" ? run.finished : run.firstAttempt);
  return structuredClone(record);
}
