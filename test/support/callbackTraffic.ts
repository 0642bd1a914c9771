/**
 * Callback traffic for the runbook proofs: receivers built with the PACKED library's own
 * helpers, whose keys can be redeployed while they run, and a pump that makes the emulator emit
 * events for one domain/app without pause, so that every event around a change is accounted for.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import http, { type IncomingMessage, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type * as Callbacks from "../../src/callbacks";
import type { EmulatorHandle } from "../../src/emulator";

/** The `/callbacks` entry point of the library installed in a consumer project. */
export type CallbacksModule = typeof Callbacks;

/** Loads `pulumi-tencentcloud-live-callbacks/callbacks` as the consumer at `dir` resolves it. */
export function installedCallbacks(dir: string): CallbacksModule {
  return createRequire(path.join(dir, "package.json"))(
    "pulumi-tencentcloud-live-callbacks/callbacks",
  ) as CallbacksModule;
}

/** One request a receiver answered. */
export interface ReceivedCallback {
  /** `stream_id` of the body, which the pump makes unique per event. */
  streamId: string;
  /** The path it was posted to. */
  path: string;
  /** The status the receiver answered. */
  status: number;
  /** Index of the key entry that verified it (accepted events only). */
  keyIndex?: number;
  /** The raw body. */
  body: string;
  /** When it arrived, epoch ms. */
  at: number;
}

/** A receiver on 127.0.0.1 whose keys can be changed as a redeployment would. */
export interface RecordingReceiver {
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  /** Every request answered so far, in order. */
  readonly received: ReceivedCallback[];
  /** Replaces the handler with one built for `keys`, as deploying the receiver again does. */
  deploy(keys: Callbacks.CallbackKeys): void;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

function streamIdOf(body: string): string {
  try {
    return String((JSON.parse(body) as { stream_id?: unknown }).stream_id ?? "");
  } catch {
    return "";
  }
}

/**
 * Starts a receiver made with the installed library's `createCallbackHandler` for `keys`. The
 * body is read first and handed over as `req.body` (as Express does), so that every answered
 * request can be recorded with its raw body and status.
 */
export async function startRecordingReceiver(
  lib: CallbacksModule,
  keys: Callbacks.CallbackKeys,
): Promise<RecordingReceiver> {
  const received: ReceivedCallback[] = [];
  const verified = new WeakMap<IncomingMessage, number>();
  const build = (k: Callbacks.CallbackKeys) =>
    lib.createCallbackHandler({
      callbackKey: k,
      onEvent: (_event, { req, keyIndex }) => void verified.set(req, keyIndex),
      // Refusals are the point of some checks: they are recorded, not printed.
      onReject: () => undefined,
    });
  let handler = build(keys);
  const server: Server = http.createServer((req, res) => {
    const current = handler;
    void readAll(req).then((body) => {
      const at = Date.now();
      res.on("finish", () =>
        received.push({
          streamId: streamIdOf(body),
          path: req.url ?? "",
          status: res.statusCode,
          keyIndex: verified.get(req),
          body,
          at,
        }),
      );
      Object.assign(req, { body });
      current(req, res);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    deploy: (k) => (handler = build(k)),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One event the pump asked the emulator for, and what it answered. */
export interface PumpedEvent {
  /** Unique per event: `<prefix>-<n>`. */
  streamId: string;
  domainName: string;
  /** When the request was sent, epoch ms. */
  sentAt: number;
  /** The admin route's HTTP status: 200 sent (see `delivered`), 404 no rule in effect. */
  status: number;
  /** Whether an attempt got HTTP 200 (status 200 only). */
  delivered: boolean;
  /** The URL it was delivered to (status 200 only). */
  url?: string;
  /** The error text (status ≠ 200). */
  error?: string;
}

/** A running pump; `stop` resolves once the event in flight is answered. */
export interface EventPump {
  readonly events: PumpedEvent[];
  stop(): Promise<PumpedEvent[]>;
}

/**
 * Asks the emulator for one stream-begin event of `domainName`/`appName` after another, each
 * waiting for the previous answer plus `gapMs`, until stopped.
 */
export function startEventPump(
  emulator: EmulatorHandle,
  target: { domainName: string; appName?: string; prefix: string; gapMs?: number },
): EventPump {
  const events: PumpedEvent[] = [];
  let running = true;
  const loop = (async () => {
    for (let n = 1; running; n += 1) {
      const streamId = `${target.prefix}-${n}`;
      const sentAt = Date.now();
      const res = await fetch(`${emulator.url}/_emulator/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          domainName: target.domainName,
          appName: target.appName ?? "live",
          streamId,
          eventType: "streamBegin",
        }),
      });
      const answer = (await res.json()) as { delivered?: boolean; url?: string; error?: string };
      events.push({
        streamId,
        domainName: target.domainName,
        sentAt,
        status: res.status,
        delivered: res.status === 200 && answer.delivered === true,
        url: answer.url,
        error: answer.error,
      });
      await new Promise((resolve) => setTimeout(resolve, target.gapMs ?? 40));
    }
  })();
  return {
    events,
    stop: async () => {
      running = false;
      await loop;
      return events;
    },
  };
}

/** Which of `keys` signed `body` (`sign = md5(key + t)`), or undefined. */
export function signedWith(body: string, keys: readonly string[]): string | undefined {
  const { t, sign } = JSON.parse(body) as { t: unknown; sign: unknown };
  return keys.find(
    (key) =>
      createHash("md5")
        .update(key + String(t))
        .digest("hex") === sign,
  );
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
