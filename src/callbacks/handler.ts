/**
 * A ready-made receiver for Tencent Cloud Live callback events: a plain Node request listener
 * that reads the body with a size limit, authenticates it, types it and hands it to user code,
 * answering with the status codes the platform's retry logic understands.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { parseCallbackEvent, type CallbackEvent } from "./events";
import { logRejection, reportRejection, type CallbackRejectionListener } from "./rejection";
import { verifyCallbackSignature } from "./signature";

/** Default for {@link CallbackHandlerOptions.maxBodyBytes}: 1 MiB, far above any real event. */
export const DEFAULT_MAX_CALLBACK_BODY_BYTES = 1024 * 1024;

/** Second argument of {@link CallbackHandlerOptions.onEvent}. */
export interface CallbackEventContext {
  /** The HTTP request that carried the event (headers, remote address…). */
  req: IncomingMessage;
}

/** Second argument of {@link CallbackHandlerOptions.onError}. */
export interface CallbackErrorContext {
  /** The HTTP request whose event `onEvent` failed on. */
  req: IncomingMessage;
  /** The event that was being handled. */
  event: CallbackEvent;
}

/** Options of {@link createCallbackHandler}. */
export interface CallbackHandlerOptions {
  /**
   * The CallbackKey of the callback template. Required and non-empty: with an empty key the
   * signature is md5(t), which anyone can compute, so events could be forged.
   */
  callbackKey: string;
  /**
   * Called once per authenticated, well-formed event; the response waits for it.
   * Resolve to answer `200 {"code":0}`; throw or reject to answer 500 so the platform retries.
   *
   * Keep it quick: the platform waits at most 20 s for the 200 and otherwise retries, which
   * delivers the event again. Store or enqueue the event and do slow work elsewhere. Retries
   * also mean the same event can arrive more than once, so make processing idempotent.
   */
  onEvent: (event: CallbackEvent, context: CallbackEventContext) => void | Promise<void>;
  /**
   * Largest accepted body, in bytes; larger requests get 413 without being read to the end.
   * Defaults to {@link DEFAULT_MAX_CALLBACK_BODY_BYTES} (1 MiB).
   */
  maxBodyBytes?: number;
  /** Clock in milliseconds since the epoch, for the signature expiry check. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Told when `onEvent` throws or rejects (the request is answered 500 regardless). Defaults to
   * `console.error`. Errors thrown by `onError` itself are ignored.
   */
  onError?: (error: unknown, context: CallbackErrorContext) => void;
  /**
   * Told about every refused request (400, 401, 405, 413) with its status, the reason, the
   * event type when the body had one, and the client's address; never with the key or the
   * signature. Defaults to one line on stderr, so that a callback key changed on one side only
   * (every event then gets 401) does not go unnoticed. Errors thrown by it are ignored.
   */
  onReject?: CallbackRejectionListener;
}

/** A Node request listener, usable with `http.createServer`, Express and Koa (`ctx.req`, `ctx.res`). */
export type CallbackRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** A request as Express and similar frameworks hand it over, possibly with a parsed body. */
type MaybeParsedRequest = IncomingMessage & { body?: unknown };

/** An answer the handler gives; `code` follows Tencent's `{"code":0}` convention. */
interface Reply {
  status: number;
  body: { code: number; message?: string; issues?: string[] };
  headers?: Record<string, string>;
}

/** An answer, and the parsed body when there was one (for reporting a refusal). */
interface Outcome {
  reply: Reply;
  body?: unknown;
}

/** Why reading the body failed. */
class BodyError extends Error {
  constructor(readonly reply: Reply) {
    super(reply.body.message);
  }
}

/** The 413 answer for a body over `limit` bytes. */
const tooLarge = (limit: number): Reply => ({
  status: 413,
  body: { code: -1, message: `request body exceeds ${limit} bytes` },
  // Closing the connection is what makes "stop reading" safe: the unread rest of the body would
  // otherwise block the next request on a kept-alive connection.
  headers: { Connection: "close" },
});

/** Writes a JSON answer unless something (a framework, a closed socket) already ended `res`. */
function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    return;
  }
  const payload = JSON.stringify(reply.body);
  try {
    res.writeHead(reply.status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(payload)),
      ...reply.headers,
    });
    res.end(payload);
  } catch {
    // The socket failed between the check and the write: nobody is left to answer.
  }
}

/** Reads the raw body of a request that nothing has consumed yet, up to `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new BodyError(tooLarge(limit)));
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
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        // Stop reading (no more listeners, stream paused): a client must not be able to make
        // the server buffer more than the limit.
        cleanup();
        req.pause();
        reject(new BodyError(tooLarge(limit)));
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
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onFailure);
    req.on("close", onClose);
  });
}

/**
 * Returns the body as JSON text or as an already-parsed value.
 * Express-style frameworks may have parsed or buffered the body into `req.body` already; the
 * stream is then consumed and `req.body` is the only copy left.
 */
async function loadBody(
  req: MaybeParsedRequest,
  limit: number,
): Promise<{ text: string } | { parsed: unknown }> {
  const pre = req.body;
  if (typeof pre === "string" || pre instanceof Uint8Array) {
    const bytes = typeof pre === "string" ? Buffer.byteLength(pre) : pre.byteLength;
    if (bytes > limit) {
      throw new BodyError(tooLarge(limit));
    }
    return { text: typeof pre === "string" ? pre : Buffer.from(pre).toString("utf8") };
  }
  if (typeof pre === "object" && pre !== null) {
    // body-parser (Express 4) sets `req.body = {}` and leaves the stream unread when the
    // Content-Type did not match its parser; the real body is then still in the stream.
    const placeholder = Object.keys(pre).length === 0 && !req.readableEnded;
    if (!placeholder) {
      return { parsed: pre };
    }
  }
  return { text: (await readBody(req, limit)).toString("utf8") };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function reportError(
  onError: CallbackHandlerOptions["onError"],
  error: unknown,
  context: CallbackErrorContext,
): void {
  try {
    if (onError) {
      onError(error, context);
    } else {
      console.error("tencentcloud-live callback: onEvent failed; answered 500", error);
    }
  } catch {
    // A failing error reporter must not turn into an unhandled rejection.
  }
}

/**
 * Creates a request listener that receives Tencent Cloud Live callback events.
 *
 * For each request it answers:
 * - `405` unless the method is POST;
 * - `413` when the body exceeds `maxBodyBytes` (reading stops, the connection is closed);
 * - `400` when the body is not JSON, or is not a well-formed event (the response lists issues);
 * - `401` when `t`/`sign` are missing, the signature does not match the key, or `t` has passed;
 * - `200 {"code":0}` once `onEvent` has resolved, `500` when it throws or rejects (the platform
 *   then retries).
 * Error responses are `{"code":-1,"message":…}`; neither responses nor logs ever contain the key.
 * Every 4xx answer is also reported to `onReject` (by default, one line on stderr).
 * The listener never throws and never leaves a rejected promise behind.
 *
 * The body is read from the request stream, or taken from `req.body` when a framework already
 * parsed it (an object) or buffered it (a string or Buffer). A pre-parsed object is trusted as
 * is: its size was bounded by the framework's own limit.
 *
 * @param options - See {@link CallbackHandlerOptions}.
 * @returns A `(req, res) => void` listener.
 * @throws TypeError at creation when `callbackKey` is empty, `onEvent` is not a function, or
 *   `maxBodyBytes` is not a positive integer.
 *
 * @example Node
 * ```ts
 * http.createServer(createCallbackHandler({ callbackKey, onEvent })).listen(8080);
 * ```
 * @example Express (before or after `express.json()`)
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
  const { callbackKey, onEvent, onError, now } = options;
  const onReject = options.onReject ?? logRejection;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_CALLBACK_BODY_BYTES;
  if (typeof callbackKey !== "string" || callbackKey.length === 0) {
    throw new TypeError("createCallbackHandler: callbackKey must be a non-empty string");
  }
  if (typeof onEvent !== "function") {
    throw new TypeError("createCallbackHandler: onEvent must be a function");
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError("createCallbackHandler: maxBodyBytes must be a positive integer");
  }
  if (options.onReject !== undefined && typeof options.onReject !== "function") {
    throw new TypeError("createCallbackHandler: onReject must be a function");
  }

  async function handle(req: MaybeParsedRequest): Promise<Outcome | undefined> {
    if (req.method !== "POST") {
      return {
        reply: {
          status: 405,
          body: { code: -1, message: "only POST is accepted" },
          headers: { Allow: "POST" },
        },
      };
    }

    let body: { text: string } | { parsed: unknown };
    try {
      body = await loadBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyError) {
        return { reply: error.reply };
      }
      // The client went away or the socket failed: there is nobody left to answer.
      return undefined;
    }

    let value: unknown;
    if ("parsed" in body) {
      value = body.parsed;
    } else {
      const json = parseJson(body.text);
      if (!json.ok) {
        return {
          reply: { status: 400, body: { code: -1, message: "request body is not valid JSON" } },
        };
      }
      value = json.value;
    }

    const signature = verifyCallbackSignature(value, callbackKey, now ? { now } : {});
    if (!signature.ok) {
      return {
        reply: { status: 401, body: { code: -1, message: signature.message } },
        body: value,
      };
    }

    const parsed = parseCallbackEvent(value);
    if (!parsed.ok) {
      const message = "malformed callback event";
      return {
        reply: { status: 400, body: { code: -1, message, issues: parsed.issues } },
        body: value,
      };
    }

    try {
      await onEvent(parsed.event, { req });
    } catch (error) {
      reportError(onError, error, { req, event: parsed.event });
      // No error details in the answer: they are the application's, not the platform's.
      return { reply: { status: 500, body: { code: -1, message: "event handler failed" } } };
    }
    return { reply: { status: 200, body: { code: 0 } } };
  }

  return (req, res) => {
    handle(req).then(
      (outcome) => {
        if (!outcome) {
          return;
        }
        const { reply, body } = outcome;
        if (reply.status >= 400 && reply.status < 500) {
          const issues = reply.body.issues?.length ? `: ${reply.body.issues.join("; ")}` : "";
          reportRejection(onReject, req, reply.status, `${reply.body.message}${issues}`, body);
        }
        send(res, reply);
      },
      () => {
        // Only reachable through a bug in this module; still answer rather than hang.
        send(res, { status: 500, body: { code: -1, message: "internal error" } });
      },
    );
  };
}
