/**
 * The receiver as a Node.js SCF (云函数) event function behind an HTTP trigger:
 * - API Gateway trigger (doc 583/31927): the event is `{ httpMethod, path, headers (mixed
 *   case), queryString, requestContext, body (a string), isBase64Encoded }` and the function
 *   must return `{ isBase64Encoded, statusCode, headers, body }`; any other shape fails as
 *   "Invalid scf response" (doc 583/40714);
 * - function URL (doc 583/96099): `{ httpMethod, path, headers (lower case, with
 *   x-scf-remote-addr), queryString, body }`, answered `{ statusCode, headers, body }`.
 * SCF hands the whole body over at once, so the size limit is checked on it before decoding.
 */
import type { CallbackEvent } from "../events";
import type { CallbackEventInfo, CallbackReceiverOptions } from "../receive/options";
import { CallbackBodyTooLargeError, createCallbackReceiver } from "../receive/receiver";

/**
 * The HTTP event an SCF function receives from an API Gateway trigger or a function URL.
 * Only the fields the receiver reads are typed; the others are kept.
 */
export interface ScfHttpEvent {
  /** `POST` for callbacks. */
  httpMethod?: string;
  /** The request path. */
  path?: string;
  /** Request headers: mixed case from API Gateway, lower case from a function URL. */
  headers?: Record<string, string | undefined> | null;
  /** Query parameters. */
  queryString?: Record<string, unknown> | null;
  /** API Gateway only: the request's context. */
  requestContext?: {
    /** The client's address. */
    sourceIp?: string;
    [field: string]: unknown;
  } | null;
  /** The body, as text (or base64 text when `isBase64Encoded`). */
  body?: string | null;
  /** API Gateway only: whether `body` is base64. */
  isBase64Encoded?: boolean;
  /** Fields the receiver does not read. */
  [field: string]: unknown;
}

/** The second argument of an SCF function (request id, function name, memory…), untouched. */
export type ScfContext = Record<string, unknown>;

/** What an SCF HTTP function returns; the shape API Gateway and function URLs require. */
export interface ScfHttpResponse {
  /** Present (always `false`) when the event came from API Gateway. */
  isBase64Encoded?: false;
  /** The HTTP status. */
  statusCode: number;
  /** Response headers. */
  headers: Record<string, string>;
  /** JSON text. */
  body: string;
}

/** Second argument of `onEvent` for {@link createScfCallbackHandler}. */
export interface ScfCallbackEventContext extends CallbackEventInfo {
  /** The SCF event that carried the callback. */
  scfEvent: ScfHttpEvent;
  /** The SCF invocation context, as the runtime passed it. */
  scfContext: ScfContext | undefined;
}

/** Second argument of `onError` for {@link createScfCallbackHandler}. */
export interface ScfCallbackErrorContext extends ScfCallbackEventContext {
  /** The event that was being handled. */
  event: CallbackEvent;
}

/** Options of {@link createScfCallbackHandler}; see {@link CallbackReceiverOptions}. */
export type ScfCallbackHandlerOptions = CallbackReceiverOptions<
  Pick<ScfCallbackEventContext, "scfEvent" | "scfContext">
>;

/** An SCF `main_handler`. */
export type ScfCallbackHandler = (
  event: ScfHttpEvent,
  context?: ScfContext,
) => Promise<ScfHttpResponse>;

/** A header's value whatever its letter case. */
function header(event: ScfHttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && typeof value === "string") return value;
  }
  return undefined;
}

/** The client's address: API Gateway's `requestContext.sourceIp`, or the function URL's header. */
function remoteAddressOf(event: ScfHttpEvent): string | undefined {
  const sourceIp = event.requestContext?.sourceIp;
  if (typeof sourceIp === "string" && sourceIp !== "") return sourceIp;
  return header(event, "x-scf-remote-addr") || undefined;
}

/** Bytes a base64 text decodes to, without decoding it. */
function base64Length(text: string): number {
  const clean = text.replace(/[^A-Za-z0-9+/_-]/g, "");
  return Math.floor((clean.length * 3) / 4);
}

/**
 * Creates an SCF `main_handler` that receives Tencent Cloud Live callback events behind an API
 * Gateway trigger or a function URL, with the options and answers of `createCallbackHandler`.
 * Headers are matched in any letter case, a base64 body (`isBase64Encoded`) is decoded, and the
 * client's address (`requestContext.sourceIp`, or `x-scf-remote-addr`) goes to `onReject`.
 * Answers carry `isBase64Encoded: false` when the event came from API Gateway (it has
 * `isBase64Encoded` or `requestContext`), as that trigger requires.
 *
 * SCF *web* functions run an ordinary HTTP server on port 9000 instead: serve them with
 * `createCallbackHandler`.
 *
 * @param options - See {@link CallbackReceiverOptions}.
 * @returns `async (event, context) => response`; it never rejects.
 * @throws TypeError at creation for invalid options, as `createCallbackHandler`.
 *
 * @example index.js
 * ```js
 * const { createScfCallbackHandler } = require("pulumi-tencentcloud-live-callbacks/callbacks");
 * exports.main_handler = createScfCallbackHandler({ callbackKey: process.env.CALLBACK_KEY, onEvent });
 * ```
 */
export function createScfCallbackHandler(options: ScfCallbackHandlerOptions): ScfCallbackHandler {
  const receiver = createCallbackReceiver(options, "createScfCallbackHandler");
  return async (event, scfContext) => {
    const scfEvent: ScfHttpEvent = typeof event === "object" && event !== null ? event : {};
    const fromGateway = "isBase64Encoded" in scfEvent || "requestContext" in scfEvent;
    const text = typeof scfEvent.body === "string" ? scfEvent.body : "";
    const reply = await receiver.receive({
      // An invocation that is not an HTTP event (a test event from the console, another
      // trigger) has no method; it is answered as a wrong method.
      method: typeof scfEvent.httpMethod === "string" ? scfEvent.httpMethod : "(none)",
      body: {
        read: (limit) => {
          const encoded = scfEvent.isBase64Encoded === true;
          if ((encoded ? base64Length(text) : Buffer.byteLength(text)) > limit) {
            return Promise.reject(new CallbackBodyTooLargeError(limit));
          }
          return Promise.resolve(encoded ? Buffer.from(text, "base64") : text);
        },
      },
      remoteAddress: remoteAddressOf(scfEvent),
      context: { scfEvent, scfContext },
    });
    const { Connection: _connection, ...headers } = reply.headers;
    void _connection;
    const response: ScfHttpResponse = { statusCode: reply.status, headers, body: reply.body };
    return fromGateway ? { isBase64Encoded: false, ...response } : response;
  };
}
