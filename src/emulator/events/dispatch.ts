/**
 * Emulated callback events, end to end: find the rule of a (domain, app), its template and the
 * template's URL for the event type, build and sign a realistic body with the template's key,
 * deliver it with retries, and keep a record.
 */
import {
  CALLBACK_EVENT_TYPES,
  type CallbackEventTypeName,
  type KnownCallbackEventType,
} from "../../callbacks/events";
import { findRule } from "../account/rules/match";
import type { EmulatorRuntime } from "../runtime";
import { buildEventBody } from "./bodies";
import { newSequence, type EventBody } from "./bodies/common";
import { checkDeliveryTarget, postWithRetries } from "./delivery";
import { chooseExceptionLevel, ExceptionLevelError } from "./levels";
import { signEventBody } from "./sign";
import { keepRecord, type DeliveryRecord, type DeliveryState, type PushSession } from "./state";
import { EVENT_TYPE_CHOICES, EVENT_URL_FIELDS, resolveEventType } from "./types";

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

/** Why an event could not be sent at all; `status` is the admin route's HTTP status. */
export class EventDeliveryError extends Error {
  /** 400 bad request, 403 target refused, 404 no rule, 409 nothing the platform would send. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "EventDeliveryError";
    this.status = status;
  }
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

/**
 * Sends one emulated callback event (`request` is checked: it may come straight from JSON; see
 * {@link EventDeliveryRequest}) and resolves, once delivery has finished, with its record
 * (also kept in the delivery history). An undelivered event is a record with
 * `delivered: false`, not an error.
 *
 * A stream end after a stream begin of the same stream repeats the begin's `sequence` and
 * reports the time in between as `push_duration`, as the platform does. The body is signed with
 * the template's CallbackKey; a template without one signs with the empty key (`md5(t)`).
 *
 * @throws EventDeliveryError when nothing can be sent: invalid request (400), target refused
 *   (403), no rule for the (domain, app) (404), or the rule's template is gone, has no URL for
 *   the event type, or (341) does not select the exception level (409).
 */
export async function deliverEvent(
  runtime: EmulatorRuntime,
  request: unknown,
  nowMs: number = Date.now(),
): Promise<DeliveryRecord> {
  const { domainName, appName, streamId, eventType, extra } = parseRequest(request);
  const rule = findRule(runtime.data.rules, domainName, appName, runtime.config.ruleDomainCase);
  if (!rule) {
    const bound = runtime.data.rules.map((r) => `${r.DomainName}/${r.AppName}`);
    throw new EventDeliveryError(
      404,
      `no callback rule for domain ${domainName} and app ${appName}` +
        (bound.length ? ` (rules exist for: ${bound.join(", ")})` : " (there are no rules)"),
    );
  }
  const template = runtime.data.templates.find((t) => t.TemplateId === rule.TemplateId);
  if (!template) {
    throw new EventDeliveryError(
      409,
      `the rule of ${domainName}/${appName} points at template ${rule.TemplateId}, which does not exist`,
    );
  }
  const where = `template ${template.TemplateId} (${template.TemplateName}) bound to ${domainName}/${appName}`;
  const field = EVENT_URL_FIELDS[eventType];
  const url = template[field];
  if (!url) {
    throw new EventDeliveryError(
      409,
      `${where} has no ${field}, so event type ${eventType} has nowhere to go`,
    );
  }
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
  let target: URL;
  try {
    target = checkDeliveryTarget(url, state.allowNonLoopback);
  } catch (err) {
    throw new EventDeliveryError(
      403,
      `${field} of template ${template.TemplateId}: ${(err as Error).message}`,
    );
  }

  const sessionKey = `${domainName}/${appName}/${streamId}`;
  const unsigned = buildEventBody(eventType, {
    domainName,
    appName,
    streamId,
    nowMs,
    exceptionLevel,
    ...sessionFields(state.sessions.get(sessionKey), eventType, nowMs),
  });
  let body: EventBody;
  try {
    body = signEventBody(unsigned, extra, template.CallbackKey, nowMs);
  } catch (err) {
    throw new EventDeliveryError(400, (err as Error).message);
  }
  updateSessions(state, sessionKey, body, nowMs);

  // Captured now: a reset during the delivery must not see this record land in the new list.
  const records = state.records;
  const outcome = await postWithRetries(
    target,
    JSON.stringify(body),
    state.config,
    runtime.stopping.signal,
  );
  const record: DeliveryRecord = { url, eventType, body, ...outcome };
  keepRecord(records, record);
  return structuredClone(record);
}
