/**
 * The receiver as a Node request listener (`http.createServer`, Express, Koa, SCF web
 * functions): it reads the body from the request stream with the size limit, or takes what a
 * framework's body parser left on `req.body`, and writes the core's answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import type { CallbackEvent } from "../events";
import type { CallbackEventInfo, CallbackReceiverOptions } from "../receive/options";
import {
  CallbackBodyTooLargeError,
  createCallbackReceiver,
  type CallbackAnswer,
  type CallbackDelivery,
} from "../receive/receiver";

/** Second argument of `onEvent` for {@link createCallbackHandler}. */
export interface CallbackEventContext extends CallbackEventInfo {
  /** The HTTP request that carried the event (headers, remote address…). */
  req: IncomingMessage;
}

/** Second argument of `onError` for {@link createCallbackHandler}. */
export interface CallbackErrorContext extends CallbackEventContext {
  /** The event that was being handled. */
  event: CallbackEvent;
}

/** Options of {@link createCallbackHandler}; see {@link CallbackReceiverOptions}. */
export type CallbackHandlerOptions = CallbackReceiverOptions<Pick<CallbackEventContext, "req">>;

/** A Node request listener, usable with `http.createServer`, Express and Koa (`ctx.req`, `ctx.res`). */
export type CallbackRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** A request as Express and similar frameworks hand it over, possibly with a parsed body. */
type MaybeParsedRequest = IncomingMessage & { body?: unknown };

/** Writes the answer unless something (a framework, a closed socket) already ended `res`. */
function send(res: ServerResponse, reply: CallbackAnswer): void {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    return;
  }
  try {
    res.writeHead(reply.status, {
      ...reply.headers,
      "Content-Length": String(Buffer.byteLength(reply.body)),
    });
    res.end(reply.body);
  } catch {
    // The socket failed between the check and the write: nobody is left to answer.
  }
}

/**
 * Reads the raw body of a request that nothing has consumed yet, up to `limit` bytes, until
 * `signal` aborts (the receiver's deadline).
 */
function readStream(req: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new CallbackBodyTooLargeError(limit));
  }
  if (req.readableEnded) {
    // A middleware consumed the stream without leaving a body behind: waiting for "end" again
    // would hang forever, so treat it as empty.
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onFailure);
      req.off("close", onClose);
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => {
      // The receiver answered 408 with Connection: close; stop buffering what still arrives.
      cleanup();
      req.pause();
      reject(new Error("request body deadline passed"));
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        // Stop reading (no more listeners, stream paused): a client must not be able to make
        // the server buffer more than the limit.
        cleanup();
        req.pause();
        reject(new CallbackBodyTooLargeError(limit));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onFailure = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error("request closed before its body was complete"));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onFailure);
    req.on("close", onClose);
  });
}

/**
 * The body as the core takes it. Express-style frameworks may have parsed or buffered the body
 * into `req.body` already; the stream is then consumed and `req.body` is the only copy left.
 */
function bodyOf(req: MaybeParsedRequest): CallbackDelivery<object>["body"] {
  const pre = req.body;
  if (typeof pre === "string" || pre instanceof Uint8Array) {
    return pre;
  }
  if (typeof pre === "object" && pre !== null) {
    // body-parser (Express 4) sets `req.body = {}` and leaves the stream unread when the
    // Content-Type did not match its parser; the real body is then still in the stream.
    const placeholder = Object.keys(pre).length === 0 && !req.readableEnded;
    if (!placeholder) {
      return { parsed: pre };
    }
  }
  return { read: (limit, signal) => readStream(req, limit, signal) };
}

/**
 * Creates a request listener that receives Tencent Cloud Live callback events.
 *
 * For each request it answers:
 * - `405` unless the method is POST;
 * - `413` when the body exceeds `maxBodyBytes` (reading stops, the connection is closed);
 * - `408` when the body is not complete within `bodyTimeoutMs` (likewise);
 * - `400` when the body is not JSON, or is not a well-formed event (the response lists issues);
 * - `401` when `t`/`sign` are missing, the signature matches none of the keys still accepted,
 *   or `t` has passed;
 * - `200 {"code":0}` once `onEvent` has resolved (or at once for a duplicate, with `dedupe`),
 *   `500` when it throws or rejects (the platform then retries), `409` while another delivery
 *   of the same event is being handled (with `dedupe`).
 * Error responses are `{"code":-1,"message":…}`; neither responses nor logs ever contain a key.
 * Every 4xx refusal but 409 is also reported to `onReject` (by default, one line on stderr).
 * The listener never throws and never leaves a rejected promise behind.
 *
 * The body is read from the request stream, or taken from `req.body` when a framework already
 * parsed it (an object) or buffered it (a string or Buffer). A pre-parsed object is trusted as
 * is: its size was bounded by the framework's own limit.
 *
 * SCF web functions run an ordinary HTTP server on port 9000: this listener serves them as is.
 *
 * @param options - See {@link CallbackReceiverOptions}.
 * @returns A `(req, res) => void` listener.
 * @throws TypeError at creation when `callbackKey` is empty (or an empty list, or holds an
 *   empty key or an unparsable `notAfter`), `onEvent` is not a function, or `maxBodyBytes` is
 *   not a positive integer.
 *
 * @example Node
 * ```ts
 * http.createServer(createCallbackHandler({ callbackKey, onEvent })).listen(8080);
 * ```
 * @example Express
 * Before or after `express.json()`:
 * ```ts
 * app.post("/live/callbacks", createCallbackHandler({ callbackKey, onEvent }));
 * ```
 * @example Koa (mount it without a body parser in front, which would consume the stream)
 * ```ts
 * const handle = createCallbackHandler({ callbackKey, onEvent });
 * router.post("/live/callbacks", (ctx) => { ctx.respond = false; handle(ctx.req, ctx.res); });
 * ```
 */
export function createCallbackHandler(options: CallbackHandlerOptions): CallbackRequestListener {
  const receiver = createCallbackReceiver(options, "createCallbackHandler");
  return (req, res) => {
    void receiver
      .receive({
        method: req.method ?? "",
        body: bodyOf(req),
        remoteAddress: req.socket?.remoteAddress,
        context: { req },
      })
      .then((reply) => {
        // The client went away or the socket failed: there is nobody left to answer.
        if (reply.outcome.kind !== "aborted" || reply.status === 500) send(res, reply);
      });
  };
}
