/**
 * One driver per receiver adapter (Node listener on a real HTTP server, Fetch handler on Node's
 * own Request, SCF handler with API Gateway events), so the same table of cases runs on each.
 */
import assert from "node:assert/strict";
import http, { IncomingMessage } from "node:http";
import {
  createCallbackHandler,
  createFetchCallbackHandler,
  createScfCallbackHandler,
  type CallbackReceiverOptions,
} from "../../src/callbacks";
import { listen } from "./http-helpers";

/** What a client got back. */
export interface DriverAnswer {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

/** A request a case sends. */
export interface DriverRequest {
  method?: string;
  body?: string;
  /** A chunked body this long, offered chunk by chunk, with no Content-Length. */
  streamBytes?: number;
  /** A body that starts (`{"event_type":1,`) and never finishes. */
  stall?: boolean;
}

/** One adapter under test, created with a case's options. */
export interface Driver {
  send(request: DriverRequest): Promise<DriverAnswer>;
  /**
   * Bytes of the last `streamBytes` body the adapter pulled from its source before answering
   * (what the client managed to write, for the Node driver).
   */
  pulled(): number;
  close(): Promise<void>;
}

/** An adapter: its name, how to build a driver, and what its onEvent context must hold. */
export interface AdapterUnderTest {
  name: string;
  /** Whether the body arrives as a stream the adapter reads itself (SCF: whole, at once). */
  streams: boolean;
  make(options: CallbackReceiverOptions<object>): Promise<Driver>;
  checkContext(context: Record<string, unknown>): void;
}

export const CHUNK = 1024;

function lowerHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) out[k.toLowerCase()] = v;
  return out;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const node: AdapterUnderTest = {
  name: "node (createCallbackHandler)",
  streams: true,
  async make(options) {
    const server = await listen(createCallbackHandler(options as never));
    let written = 0;
    return {
      pulled: () => written,
      close: () => server.close(),
      send: (request) =>
        new Promise((resolve, reject) => {
          written = 0;
          let answered = false;
          const req = http.request({
            host: "127.0.0.1",
            port: server.port,
            path: "/live/callbacks",
            method: request.method ?? "POST",
            headers: { "Content-Type": "application/json" },
            agent: false,
          });
          req.on("error", (error) => {
            if (!answered) reject(error);
          });
          req.on("response", (res) => {
            answered = true;
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
              req.destroy();
              const headers = lowerHeaders(
                Object.entries(res.headers).map(([k, v]) => [k, String(v)] as [string, string]),
              );
              resolve({
                status: res.statusCode ?? 0,
                headers,
                json: parse(Buffer.concat(chunks).toString()),
              });
            });
          });
          if (request.stall) {
            req.write('{"event_type":1,');
            return;
          }
          if (request.streamBytes === undefined) {
            req.end(request.body);
            return;
          }
          const total = request.streamBytes;
          const pump = (): void => {
            while (!answered && written < total) {
              written += CHUNK;
              if (!req.write(Buffer.alloc(CHUNK, 0x20))) {
                req.once("drain", pump);
                return;
              }
            }
            if (!answered) req.end();
          };
          pump();
        }),
    };
  },
  checkContext(context) {
    assert.ok(context.req instanceof IncomingMessage);
    assert.equal((context.req as IncomingMessage).method, "POST");
  },
};

const fetchAdapter: AdapterUnderTest = {
  name: "fetch (createFetchCallbackHandler)",
  streams: true,
  async make(options) {
    const handle = createFetchCallbackHandler(options as never);
    let pulled = 0;
    return {
      pulled: () => pulled,
      close: () => Promise.resolve(),
      async send(request) {
        let body: RequestInit["body"] = request.body;
        if (request.stall) {
          let sent = false;
          body = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent) return new Promise<void>(() => undefined);
              sent = true;
              controller.enqueue(new TextEncoder().encode('{"event_type":1,'));
            },
          });
        }
        if (request.streamBytes !== undefined) {
          pulled = 0;
          const total = request.streamBytes;
          // highWaterMark 0: a chunk is produced only when the reader asks for one.
          body = new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                if (pulled >= total) {
                  controller.close();
                  return;
                }
                pulled += CHUNK;
                controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
              },
            },
            { highWaterMark: 0 },
          );
        }
        const method = request.method ?? "POST";
        const init: RequestInit & { duplex?: string } = {
          method,
          headers: { "Content-Type": "application/json" },
        };
        if (method !== "GET" && method !== "HEAD") {
          init.body = body;
          init.duplex = "half";
        }
        const response = await handle(new Request("http://receiver.test/live/callbacks", init));
        return {
          status: response.status,
          headers: lowerHeaders(response.headers),
          json: parse(await response.text()),
        };
      },
    };
  },
  checkContext(context) {
    assert.ok(context.request instanceof Request);
    assert.equal((context.request as Request).method, "POST");
  },
};

/** An API Gateway trigger event as doc 583/31927 shows it. */
export function apiGatewayEvent(
  method: string,
  body: string,
  base64 = false,
): Record<string, unknown> {
  return {
    requestContext: {
      serviceId: "service-f94sy04v",
      path: "/live/callbacks",
      httpMethod: method,
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      identity: { secretId: "abdcdxxxxxxxsdfs" },
      sourceIp: "203.0.113.9",
      stage: "release",
    },
    headers: {
      Accept: "*/*",
      "Content-Type": "application/json",
      Host: "service-f94sy04v-1250000000.gz.apigw.tencentcs.com",
      "User-Agent": "Tencent-Live-Callback",
      "X-Anonymous-Consumer": "true",
    },
    body: base64 ? Buffer.from(body).toString("base64") : body,
    pathParameters: {},
    queryStringParameters: {},
    headerParameters: {},
    stageVariables: { stage: "release" },
    path: "/live/callbacks",
    queryString: {},
    httpMethod: method,
    isBase64Encoded: base64,
  };
}

/** A function URL event as doc 583/96099 shows it: lower-case headers, no isBase64Encoded. */
export function functionUrlEvent(method: string, body: string): Record<string, unknown> {
  return {
    httpMethod: method,
    path: "/live/callbacks",
    headers: {
      accept: "*/*",
      "content-type": "application/json",
      host: "1250000000-abcdefgh.ap-guangzhou.tencentscf.com",
      "user-agent": "Tencent-Live-Callback",
      "x-scf-remote-addr": "203.0.113.10",
      "x-scf-request-id": "0f7c8f5a-5a4f-4a5b-8a55-2d5f1c2b3a4d",
    },
    queryString: {},
    body,
  };
}

const scf: AdapterUnderTest = {
  name: "scf (createScfCallbackHandler, API Gateway)",
  streams: false,
  async make(options) {
    const handle = createScfCallbackHandler(options as never);
    return {
      pulled: () => 0,
      close: () => Promise.resolve(),
      async send(request) {
        const body =
          request.streamBytes !== undefined
            ? " ".repeat(request.streamBytes)
            : (request.body ?? "");
        const response = await handle(apiGatewayEvent(request.method ?? "POST", body), {
          request_id: "abc",
        });
        assert.deepEqual(Object.keys(response).sort(), [
          "body",
          "headers",
          "isBase64Encoded",
          "statusCode",
        ]);
        assert.equal(response.isBase64Encoded, false);
        return {
          status: response.statusCode,
          headers: lowerHeaders(Object.entries(response.headers)),
          json: parse(response.body),
        };
      },
    };
  },
  checkContext(context) {
    const scfEvent = context.scfEvent as Record<string, unknown>;
    assert.equal(scfEvent.httpMethod, "POST");
    assert.deepEqual(context.scfContext, { request_id: "abc" });
  },
};

/** Every adapter, for the shared table. */
export const ADAPTERS: readonly AdapterUnderTest[] = [node, fetchAdapter, scf];
