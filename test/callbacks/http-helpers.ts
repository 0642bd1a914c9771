/** Minimal HTTP plumbing for the handler tests: real servers on 127.0.0.1 and a raw client. */
import { once } from "node:events";
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A server listening on an ephemeral loopback port. */
export interface TestServer {
  port: number;
  close: () => Promise<void>;
}

/** Starts `listener` on 127.0.0.1 with an OS-chosen port. */
export async function listen(listener: RequestListener): Promise<TestServer> {
  const server: Server = http.createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Kept-alive client sockets would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the client saw. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/** A request to send. */
export interface Outgoing {
  method?: string;
  headers?: Record<string, string | number>;
  /** Sent in full, then the request is ended. */
  body?: string | Buffer;
  /**
   * Written without ending the request: the client then waits for the answer (used to check
   * that the server answers before the upload is over) and drops the connection afterwards.
   */
  partial?: Buffer;
}

/** Sends one request on a fresh connection and collects the answer. */
export function request(port: number, outgoing: Outgoing = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({
      host: "127.0.0.1",
      port,
      path: "/live/callbacks",
      method: outgoing.method ?? "POST",
      headers: { "Content-Type": "application/json", ...outgoing.headers },
      agent: false,
    });
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (outgoing.partial) {
          req.destroy();
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", (error) => {
      // A server that stops reading may reset the connection once it has answered.
      if (!answered) {
        reject(error);
      }
    });
    if (outgoing.partial) {
      req.write(outgoing.partial);
    } else {
      req.end(outgoing.body);
    }
  });
}

/** Sends a body and abandons the connection before the declared length has arrived. */
export async function abortMidBody(port: number, sent: string, declared: number): Promise<void> {
  const req = http.request({
    host: "127.0.0.1",
    port,
    path: "/live/callbacks",
    method: "POST",
    headers: { "Content-Type": "application/json", "Content-Length": declared },
    agent: false,
  });
  req.on("error", () => {
    // Expected: the request is destroyed on purpose.
  });
  req.write(sent);
  await new Promise((resolve) => setTimeout(resolve, 20));
  req.destroy();
}

/**
 * Requests a client can put on the wire but a careful server must still answer or drop without
 * dying: hostile Host headers and request targets, bytes outside ASCII, a request line that is
 * not HTTP at all. Each is raw bytes (latin1), sent on its own connection.
 */
export const HOSTILE_RAW_REQUESTS: readonly string[] = [
  "POST /live HTTP/1.1\r\nHost: [\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nHost: a b\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nHost: x:99999\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nHost:\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
  "POST * HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
  "POST http://[::1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
  "POST //evil:0/%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nHost: \xff\xfe\r\nX-Scf-Remote-Addr: \x1b[31m1.2.3.4\x07\r\nContent-Length: 2\r\n\r\n{}",
  "POST /live HTTP/1.1\r\nHost: x\r\nContent-Type: \xe9\r\nX-A: \x00\r\nContent-Length: 2\r\n\r\n{}",
  "P@ST /live HTTP/1.1\r\nHost: x\r\n\r\n",
  "GARBAGE\r\n\r\n",
  "POST /live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
];

/**
 * Sends each raw request on its own connection and waits until the server answers and closes,
 * or `waitMs` passes; returns the status line of each answer ("" for none).
 */
export async function sendRawRequests(
  port: number,
  raws: readonly string[],
  waitMs = 2_000,
): Promise<string[]> {
  const { connect } = await import("node:net");
  return Promise.all(
    raws.map(
      (raw) =>
        new Promise<string>((resolve) => {
          const socket = connect(port, "127.0.0.1");
          let received = "";
          const done = (): void => {
            clearTimeout(timer);
            socket.destroy();
            resolve(received.split("\r\n")[0] ?? "");
          };
          const timer = setTimeout(done, waitMs);
          socket.on("connect", () => socket.end(Buffer.from(raw, "latin1")));
          socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
          socket.on("close", done);
          socket.on("error", done);
        }),
    ),
  );
}
