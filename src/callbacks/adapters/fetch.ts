/**
 * The receiver for runtimes with the Fetch API (Hono, Next.js route handlers, Bun, Deno,
 * Cloudflare Workers, Node's own `Request`): `(request) => Promise<Response>`. The body is read
 * from its stream chunk by chunk, so the size limit holds while reading: a client cannot make
 * the handler buffer more than `maxBodyBytes` (plus one chunk) before it answers 413.
 */
import type { CallbackEvent } from "../events";
import type { CallbackEventInfo, CallbackReceiverOptions } from "../receive/options";
import { CallbackBodyTooLargeError, createCallbackReceiver } from "../receive/receiver";

/** Second argument of `onEvent` for {@link createFetchCallbackHandler}. */
export interface FetchCallbackEventContext extends CallbackEventInfo {
  /** The request that carried the event (its body already read). */
  request: Request;
}

/** Second argument of `onError` for {@link createFetchCallbackHandler}. */
export interface FetchCallbackErrorContext extends FetchCallbackEventContext {
  /** The event that was being handled. */
  event: CallbackEvent;
}

/** Options of {@link createFetchCallbackHandler}; see {@link CallbackReceiverOptions}. */
export type FetchCallbackHandlerOptions = CallbackReceiverOptions<
  Pick<FetchCallbackEventContext, "request">
>;

/** A Fetch API handler: what Hono's `app.post`, a Next.js `POST` export or `Bun.serve` take. */
export type FetchCallbackHandler = (request: Request) => Promise<Response>;

/**
 * Reads `request`'s body stream, giving up (and cancelling it) once it passes `limit` bytes or
 * `signal` aborts (the receiver's deadline).
 */
async function readRequest(
  request: Request,
  limit: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    // Not reading at all; cancelling tells the runtime nobody will.
    await request.body?.cancel().catch(() => undefined);
    throw new CallbackBodyTooLargeError(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  // Cancelling settles a pending read, so the loop below ends too.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await readChunks(reader, limit);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** The chunks of `reader` joined, or CallbackBodyTooLargeError once they pass `limit`. */
async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new CallbackBodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Creates a Fetch API handler that receives Tencent Cloud Live callback events, with the same
 * options and answers as `createCallbackHandler` (200 `{"code":0}`, 400, 401, 405, 408, 409
 * with `dedupe`, 413, 500). `onEvent`'s context carries the `request`. A `Request` does not say who
 * sent it, so refusals reach `onReject` without an address.
 *
 * @param options - See {@link CallbackReceiverOptions}.
 * @returns `(request: Request) => Promise<Response>`; it never rejects.
 * @throws TypeError at creation for invalid options, as `createCallbackHandler`.
 *
 * @example Hono
 * ```ts
 * const handle = createFetchCallbackHandler({ callbackKey, onEvent });
 * app.post("/live/callbacks", (c) => handle(c.req.raw));
 * ```
 * @example Next.js route handler (app/live/callbacks/route.ts)
 * ```ts
 * export const POST = createFetchCallbackHandler({ callbackKey, onEvent });
 * ```
 * @example Bun
 * ```ts
 * Bun.serve({ port: 8080, fetch: createFetchCallbackHandler({ callbackKey, onEvent }) });
 * ```
 */
export function createFetchCallbackHandler(
  options: FetchCallbackHandlerOptions,
): FetchCallbackHandler {
  const receiver = createCallbackReceiver(options, "createFetchCallbackHandler");
  return async (request) => {
    const reply = await receiver.receive({
      method: request.method,
      body: { read: (limit, signal) => readRequest(request, limit, signal) },
      context: { request },
    });
    // Connection is hop-by-hop: HTTP/2 runtimes refuse it, and each runtime manages its own.
    const { Connection: _connection, ...headers } = reply.headers;
    void _connection;
    return new Response(reply.body, { status: reply.status, headers });
  };
}
