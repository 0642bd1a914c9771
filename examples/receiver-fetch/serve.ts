// Runs the Fetch receiver on Node: each request becomes a Web `Request` (its body a stream, so
// the size limit holds while reading) and the `Response` is written back.
//   CALLBACK_KEY=... PORT=8080 npx tsx examples/receiver-fetch/serve.ts
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createReceiver, keysFromEnv } from "./receiver";

let receiver;
try {
  receiver = createReceiver(keysFromEnv(process.env));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const handle = receiver;

/**
 * The request as a Web `Request`. Its URL is built on a fixed origin: the receiver never reads
 * it, and the Host header and request target are whatever the client sent (`Host: [` makes
 * `new Request` throw).
 */
function toRequest(req: IncomingMessage): Request {
  const method = req.method ?? "GET";
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    url = new URL("http://localhost/");
  }
  return new Request(url, {
    method,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, String(value)] as [string, string]],
    ),
    body:
      method === "GET" || method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream),
    duplex: "half",
  } as RequestInit);
}

/** Writes `status` and `body` unless the socket is gone. */
function reply(res: ServerResponse, status: number, headers: Headers, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, Object.fromEntries(headers));
  res.end(body);
}

const server = createServer((req, res) => {
  let request: Request;
  try {
    request = toRequest(req);
  } catch {
    // A header or method `Request` refuses: answer it rather than crash the server.
    const body = Buffer.from(JSON.stringify({ code: -1, message: "malformed request" }));
    reply(res, 400, new Headers({ "Content-Type": "application/json", Connection: "close" }), body);
    return;
  }
  handle(request)
    .then(async (response) =>
      reply(res, response.status, response.headers, Buffer.from(await response.arrayBuffer())),
    )
    .catch(() => res.destroy());
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`fetch receiver listening on http://127.0.0.1:${port}`);
});
