/**
 * A loopback proxy in front of the emulator that records, for every request, the action and
 * what signed it (the SecretId of the TC3 `Authorization` header and the `X-TC-Token`), so a
 * test can say which credential signed each Live call; and that can make the CVM metadata
 * routes fail, as an instance's metadata service sometimes does. The emulator itself only
 * counts calls by the kind of credential.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One request the proxy passed on (or failed). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** `X-TC-Action`, empty for metadata and admin routes. */
  action: string;
  /** The SecretId in `Authorization: TC3-HMAC-SHA256 Credential=<id>/...`, empty when unsigned. */
  secretId: string;
  /** The `X-TC-Token` header, empty when none. */
  token: string;
}

/** A running proxy. */
export interface RecordingProxy {
  /** Base URL, e.g. `http://127.0.0.1:43122`: use it as the Live, STS and metadata endpoint. */
  readonly url: string;
  /** Every request so far, oldest first. */
  requests(): readonly RecordedRequest[];
  /** Forgets the requests recorded so far. */
  clear(): void;
  /** Answers every metadata request with HTTP `status` from now on; 0 passes them on again. */
  failMetadata(status: number): void;
  stop(): Promise<void>;
}

const METADATA = "/latest/meta-data/";

/** Starts a proxy forwarding to `target` (the emulator's base URL). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  let recorded: RecordedRequest[] = [];
  let metadataStatus = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const auth = req.headers.authorization ?? "";
    recorded.push({
      method: req.method ?? "GET",
      path,
      action: String(req.headers["x-tc-action"] ?? ""),
      secretId: /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? "",
      token: String(req.headers["x-tc-token"] ?? ""),
    });
    if (metadataStatus && path.startsWith(METADATA)) {
      req.resume();
      res.writeHead(metadataStatus, { "Content-Type": "text/plain" }).end("internal error");
      return;
    }
    forward(upstream, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => recorded,
    clear() {
      recorded = [];
    },
    failMetadata(status) {
      metadataStatus = status;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Passes `req` on to `upstream` and its answer back (502 when upstream cannot be reached), with
 * the headers unchanged: Host included, which TC3 signs. `body` is the request body when the
 * caller has already read it; otherwise the request is streamed.
 */
export function forward(
  upstream: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer,
): void {
  const out = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url ?? "/",
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  out.on("error", () => res.writeHead(502).end());
  if (body === undefined) req.pipe(out);
  else out.end(body);
}
