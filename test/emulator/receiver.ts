/**
 * A plain HTTP receiver on 127.0.0.1 for emulator tests: records every request (path, body, time
 * it arrived) and answers from a script, per path or for all paths.
 */
import { once } from "node:events";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the receiver does with one request: answer with a status, or never answer. */
export type Reaction = number | "hang";

/** One request the receiver got. */
export interface Hit {
  path: string;
  body: Record<string, unknown>;
  /** Epoch milliseconds when the body had arrived. */
  atMs: number;
}

/** A running receiver. */
export interface TestReceiver {
  readonly base: string;
  readonly hits: Hit[];
  /** Answer for every request to a path (default 200). */
  answers: Map<string, Reaction>;
  /** Answers for the next requests, any path, in order; used before {@link answers}. */
  script: Reaction[];
  hitsTo(path: string): Hit[];
  reset(): void;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(): Promise<TestReceiver> {
  const hits: Hit[] = [];
  const receiver = {
    hits,
    answers: new Map<string, Reaction>(),
    script: [] as Reaction[],
  };
  const server: Server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      hits.push({
        path,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        atMs: Date.now(),
      });
      const reaction = receiver.script.shift() ?? receiver.answers.get(path) ?? 200;
      if (reaction === "hang") return;
      res.writeHead(reaction, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ code: reaction === 200 ? 0 : -1 }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return Object.assign(receiver, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hitsTo: (path: string) => hits.filter((h) => h.path === path),
    reset() {
      hits.length = 0;
      receiver.script = [];
      receiver.answers.clear();
      server.closeAllConnections();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
