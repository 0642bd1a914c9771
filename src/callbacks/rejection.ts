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
   * Control characters are replaced by spaces and it is cut at 100 characters: a header is
   * whatever the client sent.
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

/**
 * What a client could use to rewrite a log line or the terminal showing it: every control
 * character (C0 with CR, LF and ESC, DEL, C1), the Unicode line and paragraph separators, and
 * the bidirectional controls that reorder what is displayed.
 */
const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/** Longest client address kept: an IPv6 address with a zone fits; a header could be any size. */
const MAX_ADDRESS_LENGTH = 100;

/** `text` with every run of unsafe characters replaced by one space. */
function printable(text: string): string {
  return text.replace(UNSAFE_TEXT, " ");
}

/**
 * One line describing a refusal: status, reason, event type and address, with every control
 * character (anything a client sent may hold terminal escapes) replaced by a space.
 */
export function formatRejection(rejection: CallbackRejection): string {
  const parts = [`tencentcloud-live callback: refused ${rejection.status} (${rejection.reason})`];
  if (rejection.eventType !== undefined) parts.push(`event_type ${rejection.eventType}`);
  if (rejection.remoteAddress) parts.push(`from ${rejection.remoteAddress}`);
  return printable(parts.join(" "));
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
  // The address may come from a header (SCF's x-scf-remote-addr): clean it before any listener
  // sees it, so a listener that logs it as is stays safe too.
  const address = remoteAddress ? printable(remoteAddress).trim().slice(0, MAX_ADDRESS_LENGTH) : "";
  if (address) rejection.remoteAddress = address;
  // Reporting is best effort; the client still gets its answer.
  callListener(() => listener(rejection));
}
