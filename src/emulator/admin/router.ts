/**
 * The router of the emulator's own routes under `/_emulator/`: not part of the Tencent API, never
 * signed, and only meant for tests and local tooling. It is a plain table from `"METHOD /path"`
 * to a handler, so another module can add routes by contributing entries (see
 * `EmulatorOptions.adminRoutes`) without touching this file.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../http";
import type { EmulatorRuntime } from "../runtime";

/** Path prefix of every admin route. */
export const ADMIN_PREFIX = "/_emulator/";

/** An admin request, with its body already read. */
export interface AdminRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** URL path, e.g. `/_emulator/state`. */
  path: string;
  /** The URL's query parameters. */
  query: URLSearchParams;
  /** Request headers, as Node's `http` gives them (lower-case names). */
  headers: IncomingHttpHeaders;
  /** Body parsed as JSON; `undefined` when the body is empty. */
  body: unknown;
  /** The body's bytes as received (e.g. to check a signature over them). */
  rawBody: Buffer;
}

/** What an admin handler answers: always JSON. */
export interface AdminReply {
  /** HTTP status; default 200. */
  status?: number;
  /** What is sent back, serialised as JSON. */
  body: unknown;
}

/** Handles one admin route. Throwing answers HTTP 500 with the error's message. */
export type AdminHandler = (
  request: AdminRequest,
  runtime: EmulatorRuntime,
) => AdminReply | Promise<AdminReply>;

/** Route table: keys are `"METHOD /_emulator/path"` (see {@link adminRouteKey}). */
export type AdminRoutes = Record<string, AdminHandler>;

/** The table key of a route. */
export function adminRouteKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** A 400 answer with `{ "error": message }`, for handlers refusing their input. */
export function badRequest(message: string): AdminReply {
  return { status: 400, body: { error: message } };
}

/** Answers one request under {@link ADMIN_PREFIX} from `routes`. */
export async function handleAdminRequest(
  routes: Readonly<AdminRoutes>,
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = (req.method ?? "GET").toUpperCase();
  const key = adminRouteKey(method, url.pathname);
  const rawBody = await readBody(req);
  if (rawBody === undefined) return sendJson(res, 413, { error: "request body too large" });
  const handler = Object.hasOwn(routes, key) ? routes[key] : undefined;
  if (!handler) {
    return sendJson(res, 404, {
      error: `no admin route ${key}`,
      routes: Object.keys(routes).sort(),
    });
  }
  let body: unknown;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch {
      return sendJson(res, 400, { error: "the body is not valid JSON" });
    }
  }
  try {
    const reply = await handler(
      { method, path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody },
      runtime,
    );
    sendJson(res, reply.status ?? 200, reply.body);
  } catch (err) {
    sendJson(res, 500, { error: (err as Error).message });
  }
}
