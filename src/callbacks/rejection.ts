/**
 * Telling the application about refused callback requests. A refusal is otherwise invisible to
 * it (the platform just retries), yet it is how a callback key rotated on one side only shows
 * up: every event then fails its signature check.
 */
/**
 * A refused request, as `onReject` receives it. Plain data, safe to
 * log as is: it never holds the callback key or the request's signature.
 */
export interface CallbackRejection {
  /**
   * The HTTP status answered: 400, 401, 405, 408 or 413; 500 when the receiver itself failed
   * before an event existed (the reason then starts with `receiver failed:`).
   */
  status: number;
  /** Why, as answered to the client, e.g. `sign does not match md5(CallbackKey + t)`. */
  reason: string;
  /** The body's `event_type`, when the body was JSON with a numeric `event_type`. */
  eventType?: number;
  /**
   * The client's address, when the runtime tells it: the socket's (Node), `requestContext.sourceIp`
   * or `x-scf-remote-addr` (SCF); absent for the Fetch handler, which a `Request` does not say.
   */
  remoteAddress?: string;
}

/**
 * Receives every refused request; see `CallbackReceiverOptions.onReject`. It may be async:
 * what it throws or rejects with is ignored.
 */
export type CallbackRejectionListener = (rejection: CallbackRejection) => void;

import { callListener } from "./listener";

/** The `event_type` of a parsed body, when it has a numeric one (also given as a string). */
export function eventTypeOf(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const raw = (body as { event_type?: unknown }).event_type;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

/** One line describing a refusal: status, reason, event type and address. */
export function formatRejection(rejection: CallbackRejection): string {
  const parts = [`tencentcloud-live callback: refused ${rejection.status} (${rejection.reason})`];
  if (rejection.eventType !== undefined) parts.push(`event_type ${rejection.eventType}`);
  if (rejection.remoteAddress) parts.push(`from ${rejection.remoteAddress}`);
  return parts.join(" ").replace(/[\r\n]+/g, " ");
}

/** The default listener: one line on stderr per refused request. */
export const logRejection: CallbackRejectionListener = (rejection) => {
  console.error(formatRejection(rejection));
};

/** Hands a refusal to `listener`; a listener that throws or rejects must not break the answer. */
export function reportRejection(
  listener: CallbackRejectionListener,
  remoteAddress: string | undefined,
  status: number,
  reason: string,
  body: unknown,
): void {
  const rejection: CallbackRejection = { status, reason };
  const eventType = eventTypeOf(body);
  if (eventType !== undefined) rejection.eventType = eventType;
  if (remoteAddress) rejection.remoteAddress = remoteAddress;
  // Reporting is best effort; the client still gets its answer.
  callListener(() => listener(rejection));
}
