// Runs inside a consumer project that installed the packed library, Express 5, Hono and
// @hono/node-server: four receivers, one per way of mounting the package's handlers. Prints one
// READY line with their ports, then one JSON line per event handed to onEvent.
const http = require("node:http");
const { Readable } = require("node:stream");
const express = require("express");
const { Hono } = require("hono");
const { serve } = require("@hono/node-server");
const {
  createCallbackHandler,
  createFetchCallbackHandler,
} = require("pulumi-tencentcloud-live-callbacks/callbacks");

const callbackKey = [process.env.PREVIOUS_KEY, process.env.CALLBACK_KEY];
const options = (receiver) => ({
  callbackKey,
  onEvent: (event, context) => {
    const line = { receiver, eventType: event.event_type, keyIndex: context.keyIndex };
    console.log(JSON.stringify({ ...line, eventKey: context.eventKey }));
  },
  onReject: (rejection) => console.log(JSON.stringify({ receiver, rejected: rejection.status })),
});

const listening = (server) =>
  new Promise((resolve) => server.once("listening", () => resolve(server.address().port)));

async function main() {
  const plain = express();
  plain.post("/live", createCallbackHandler(options("express")));
  const json = express();
  json.use(express.json());
  json.post("/live", createCallbackHandler(options("express-json")));

  const hono = new Hono();
  const honoHandle = createFetchCallbackHandler(options("hono"));
  hono.post("/live", (c) => honoHandle(c.req.raw));

  const fetchHandle = createFetchCallbackHandler(options("fetch"));
  const fetchServer = http.createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      body: req.method === "GET" ? undefined : Readable.toWeb(req),
      duplex: "half",
    });
    fetchHandle(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });

  const servers = {
    express: plain.listen(0, "127.0.0.1"),
    "express-json": json.listen(0, "127.0.0.1"),
    hono: serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }),
    fetch: fetchServer.listen(0, "127.0.0.1"),
  };
  const ports = {};
  for (const [name, server] of Object.entries(servers)) {
    ports[name] = server.listening ? server.address().port : await listening(server);
  }
  console.log(`READY ${JSON.stringify(ports)}`);
  process.on("SIGTERM", () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
