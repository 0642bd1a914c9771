// Runs the Fetch receiver on Node: each request becomes a Web `Request` (its body a stream, so
// the size limit holds while reading) and the `Response` is written back.
//   CALLBACK_KEY=... PORT=8080 npx tsx examples/receiver-fetch/serve.ts
import { createServer } from "node:http";
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

const server = createServer((req, res) => {
  const method = req.method ?? "GET";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, String(value)] as [string, string]],
    ),
    body:
      method === "GET" || method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream),
    duplex: "half",
  } as RequestInit);
  void handle(request).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`fetch receiver listening on http://127.0.0.1:${port}`);
});
