/**
 * The framework-free receiver: one delivery in (method, body, the runtime's context), one HTTP
 * answer out, with the user's `onEvent`, `onError`, `onReject` and the `dedupe` store run in
 * between. The Node, Fetch and SCF handlers only translate their runtime's request into a
 * {@link CallbackDelivery} and the {@link CallbackAnswer} back.
 */
import type { CallbackEvent } from "../events";
import type { CallbackDedupeClaim } from "../dedupe/store";
import { callListener } from "../listener";
import { reportRejection } from "../rejection";
import {
  resolveReceiverOptions,
  type CallbackEventInfo,
  type CallbackReceiverOptions,
  type ResolvedReceiverOptions,
} from "./options";
import {
  bodyText,
  tooLargeRefusal,
  verifyBodyText,
  verifyParsedBody,
  type CallbackRefusal,
} from "./verify";

/**
 * Thrown by a {@link CallbackBodySource}'s `read` when the body passes the limit; the receiver
 * answers 413. Any other error from `read` means the body could not be read (client gone).
 */
export class CallbackBodyTooLargeError extends Error {
  /** @param limit - The limit that was exceeded, in bytes. */
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = "CallbackBodyTooLargeError";
  }
}

/**
 * A body the receiver reads only after the method check, so a wrong method or a body over the
 * limit costs no reading: `read(limit, signal)` resolves with at most `limit` bytes, or rejects
 * with {@link CallbackBodyTooLargeError} as soon as more arrive. The receiver answers 408 when
 * the read outlasts `bodyTimeoutMs`, and aborts `signal` so that the source stops reading.
 */
export interface CallbackBodySource {
  /**
   * Reads the whole body, stopping as soon as it passes `limit` bytes, or when `signal` aborts
   * (the receiver has answered 408 already).
   */
  read(limit: number, signal: AbortSignal): Promise<string | Uint8Array>;
}

/** What the body deadline rejects with; the receiver answers 408. */
class BodyTimeoutError extends Error {}

/** `source.read` racing the deadline; `signal` tells the source to stop once it has passed. */
async function readWithDeadline(
  source: CallbackBodySource,
  limit: number,
  timeoutMs: number,
): Promise<string | Uint8Array> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new BodyTimeoutError());
      controller.abort();
    }, timeoutMs);
  });
  try {
    // race handles the loser's rejection too: a read that fails after the deadline is ignored.
    return await Promise.race([source.read(limit, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A body a framework parsed already (e.g. `express.json()`): trusted as the JSON value. */
export interface ParsedCallbackBody {
  /** The parsed JSON value. */
  parsed: unknown;
}

/** One request, as a runtime adapter hands it to {@link CallbackReceiver.receive}. */
export interface CallbackDelivery<TContext extends object> {
  /** The HTTP method; anything but POST is answered 405. */
  method: string;
  /** The raw body (text or bytes), a source to read it from, or a body parsed already. */
  body: string | Uint8Array | CallbackBodySource | ParsedCallbackBody;
  /** The client's address, reported to `onReject`. */
  remoteAddress?: string;
  /** What `onEvent` and `onError` get besides `keyIndex` and `eventKey`. */
  context: TContext;
}

/** What happened to a delivery, beyond its HTTP status. */
export type CallbackOutcome =
  | ({
      /**
       * `handled`: `onEvent` resolved (200); `duplicate`: handled before, `onEvent` not called
       * (200); `in-progress`: another delivery holds the event's claim (409); `failed`:
       * `onEvent` or the store failed (500).
       */
      kind: "handled" | "duplicate" | "in-progress" | "failed";
      /** The verified event. */
      event: CallbackEvent;
    } & CallbackEventInfo)
  | {
      /**
       * Refused before `onEvent`: 400, 401, 405, 408 or 413, or 500 when the receiver itself
       * failed before an event existed (all reported to `onReject`).
       */
      kind: "refused";
      /** Status, reason and event type. */
      refusal: CallbackRefusal;
    }
  | {
      /** The body could not be read (the client went away): there may be nobody to answer. */
      kind: "aborted";
    };

/** The HTTP answer to a delivery, ready to send. */
export interface CallbackAnswer {
  /** 200, 400, 401, 405, 408, 409, 413 or 500. */
  status: number;
  /** `Content-Type`, plus `Allow` (405), `Connection: close` (408, 413) or `Retry-After` (409). */
  headers: Record<string, string>;
  /** JSON text: `{"code":0}`, or `{"code":-1,"message":…}` (with `issues` for a malformed event). */
  body: string;
  /** What happened. */
  outcome: CallbackOutcome;
}

/** A receiver built once from its options; see {@link createCallbackReceiver}. */
export interface CallbackReceiver<TContext extends object> {
  /** Handles one delivery; never rejects. */
  receive(delivery: CallbackDelivery<TContext>): Promise<CallbackAnswer>;
}

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

function answer(
  status: number,
  payload: object,
  outcome: CallbackOutcome,
  headers: Record<string, string> = {},
): CallbackAnswer {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(payload), outcome };
}

/** Headers that go with a refusal's status. */
function refusalHeaders(status: number): Record<string, string> {
  if (status === 405) return { Allow: "POST" };
  // Closing the connection is what makes "stop reading" safe: the unread rest of the body would
  // otherwise block the next request on a kept-alive connection.
  if (status === 413 || status === 408) return { Connection: "close" };
  return {};
}

function isSource(body: CallbackDelivery<object>["body"]): body is CallbackBodySource {
  return typeof (body as Partial<CallbackBodySource>).read === "function";
}

function isParsed(body: CallbackDelivery<object>["body"]): body is ParsedCallbackBody {
  return typeof body === "object" && !(body instanceof Uint8Array) && "parsed" in body;
}

/**
 * Creates the framework-free receiver every handler of this module is built on: for code that
 * serves callbacks from a runtime this library has no adapter for. Options are validated here,
 * once; `receive` turns each delivery into the answer to send.
 *
 * @param options - See {@link CallbackReceiverOptions}.
 * @param owner - The function named in option errors; default `createCallbackReceiver`.
 * @throws TypeError at creation for invalid options (empty key list, empty key, bad
 *   `notAfter`, `onEvent` not a function, `maxBodyBytes` not a positive integer…).
 *
 * @example
 * ```ts
 * const receiver = createCallbackReceiver({ callbackKey, onEvent });
 * const answer = await receiver.receive({ method: "POST", body: rawText, context: {} });
 * reply(answer.status, answer.headers, answer.body);
 * ```
 */
export function createCallbackReceiver<TContext extends object = object>(
  options: CallbackReceiverOptions<TContext>,
  owner = "createCallbackReceiver",
): CallbackReceiver<TContext> {
  const resolved = resolveReceiverOptions(options, owner);
  return {
    receive: (delivery) =>
      receiveOnce(resolved, delivery).catch((error: unknown) => {
        // Only reachable through a bug (here or in an adapter's body source): still answer,
        // 500 so that the platform retries, and say so to onReject rather than fail silently.
        const refusal: CallbackRefusal = {
          ok: false,
          status: 500,
          reason: `receiver failed: ${describeError(error)}`,
        };
        reportRejection(
          resolved.onReject,
          safeRemoteAddress(delivery),
          refusal.status,
          refusal.reason,
          undefined,
        );
        return answer(500, { code: -1, message: "internal error" }, { kind: "refused", refusal });
      }),
  };
}

/** `Name: message` of a thrown value, without its stack (which would name files). */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return typeof error;
}

/** The delivery's address, if reading it does not throw. */
function safeRemoteAddress(delivery: unknown): string | undefined {
  try {
    const address = (delivery as { remoteAddress?: unknown }).remoteAddress;
    return typeof address === "string" ? address : undefined;
  } catch {
    return undefined;
  }
}

async function receiveOnce<TContext extends object>(
  options: ResolvedReceiverOptions<TContext>,
  delivery: CallbackDelivery<TContext>,
): Promise<CallbackAnswer> {
  const refuse = (refusal: CallbackRefusal): CallbackAnswer => {
    const issues = refusal.issues?.length ? `: ${refusal.issues.join("; ")}` : "";
    reportRejection(
      options.onReject,
      delivery.remoteAddress,
      refusal.status,
      `${refusal.reason}${issues}`,
      refusal.eventType === undefined ? undefined : { event_type: refusal.eventType },
    );
    const payload = refusal.issues
      ? { code: -1, message: refusal.reason, issues: refusal.issues }
      : { code: -1, message: refusal.reason };
    return answer(
      refusal.status,
      payload,
      { kind: "refused", refusal },
      refusalHeaders(refusal.status),
    );
  };

  if (delivery.method.toUpperCase() !== "POST") {
    return refuse({ ok: false, status: 405, reason: "only POST is accepted" });
  }

  const { body } = delivery;
  let verification;
  if (isParsed(body)) {
    verification = verifyParsedBody(
      body.parsed,
      options.keys,
      options.now(),
      options.maxSignatureLifetimeSeconds,
    );
  } else {
    let raw: string | Uint8Array;
    if (isSource(body)) {
      try {
        raw = await readWithDeadline(body, options.maxBodyBytes, options.bodyTimeoutMs);
      } catch (error) {
        if (error instanceof CallbackBodyTooLargeError) {
          return refuse(tooLargeRefusal(options.maxBodyBytes));
        }
        if (error instanceof BodyTimeoutError) {
          return refuse({
            ok: false,
            status: 408,
            reason: `request body not received within ${options.bodyTimeoutMs} ms`,
          });
        }
        return answer(
          400,
          { code: -1, message: "request body could not be read" },
          { kind: "aborted" },
        );
      }
    } else {
      raw = body;
    }
    const text = bodyText(raw, options.maxBodyBytes);
    verification =
      typeof text === "string"
        ? verifyBodyText(text, options.keys, options.now(), options.maxSignatureLifetimeSeconds)
        : text;
  }
  if (!verification.ok) return refuse(verification);

  const { event, keyIndex, eventKey } = verification;
  const info = { event, keyIndex, eventKey };
  const context = { ...delivery.context, keyIndex, eventKey };
  const fail = (error: unknown): CallbackAnswer => {
    reportError(options, error, { ...context, event });
    // No error details in the answer: they are the application's, not the platform's.
    return answer(500, { code: -1, message: "event handler failed" }, { kind: "failed", ...info });
  };

  let claim: CallbackDedupeClaim | undefined;
  if (options.dedupe) {
    let found;
    try {
      found = await options.dedupe.claim(eventKey);
    } catch (error) {
      return fail(error);
    }
    if (found.status !== "claimed") {
      if (found.status === "done") {
        return answer(200, { code: 0 }, { kind: "duplicate", ...info });
      }
      // Not 200: the platform retries this delivery later, by when the claim is either done
      // (the retry is then a duplicate) or released after a failure (the retry is processed).
      return answer(
        409,
        { code: -1, message: "this event is being handled by another delivery" },
        { kind: "in-progress", ...info },
        { "Retry-After": "60" },
      );
    }
    claim = found;
  }

  try {
    await options.onEvent(event, context);
  } catch (error) {
    if (claim)
      await claim
        .release()
        .catch((releaseError: unknown) =>
          reportError(options, releaseError, { ...context, event }),
        );
    return fail(error);
  }
  if (claim) {
    // The event is handled whatever the store says now: answer 200. If the store failed, the
    // claim expires with its lease and a later delivery would be processed again.
    await claim
      .complete()
      .catch((error: unknown) => reportError(options, error, { ...context, event }));
  }
  return answer(200, { code: 0 }, { kind: "handled", ...info });
}

function reportError<TContext extends object>(
  options: ResolvedReceiverOptions<TContext>,
  error: unknown,
  context: TContext & CallbackEventInfo & { event: CallbackEvent },
): void {
  // A failing error reporter, sync or async, must not turn into an unhandled rejection.
  callListener(() =>
    options.onError
      ? options.onError(error, context)
      : console.error("tencentcloud-live callback: onEvent failed; answered 500", error),
  );
}
