/**
 * The demo's receiver: the package's own `createCallbackHandler` on a local port, which the
 * quickstart's template points at, and a stream of events the emulator sends to it while the
 * callback key is rotated. Each event is shown with the key that verified it; nothing may be
 * refused, which is the point of taking both keys from the template's outputs.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type CallbackKeys } from "../../src/callbacks";
import type { EmulatorHandle } from "../../src/emulator";

/** One event as the demo shows it. */
export interface ShownEvent {
  /** The stream name, `demo-<n>`. */
  stream: string;
  /** `new key`, `previous key` or `refused (<status>)`. */
  verdict: string;
}

/** The demo's receiver: its base URL, a redeploy with other keys, and what it saw. */
export interface DemoReceiver {
  readonly base: string;
  /** Builds the handler again with `keys` and names for them, as a redeployment would. */
  deploy(keys: CallbackKeys, names: readonly string[]): void;
  /** Events handled or refused since the last call, in order. */
  take(): ShownEvent[];
  close(): Promise<void>;
}

/** Starts the receiver on 127.0.0.1 with one key, named `names[0]`. */
export async function startDemoReceiver(key: string, name: string): Promise<DemoReceiver> {
  let seen: ShownEvent[] = [];
  let names: readonly string[] = [name];
  const build = (keys: CallbackKeys) =>
    createCallbackHandler({
      callbackKey: keys,
      onEvent: (event, { keyIndex }) => {
        const stream = "stream_id" in event ? String(event.stream_id) : "?";
        seen.push({ stream, verdict: names[keyIndex] ?? `key ${keyIndex}` });
      },
      onReject: (r) => seen.push({ stream: "?", verdict: `refused (${r.status}: ${r.reason})` }),
    });
  let handler = build(key);
  const server = http.createServer((req, res) => handler(req, res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deploy(keys, keyNames) {
      names = keyNames;
      handler = build(keys);
    },
    take() {
      const out = seen;
      seen = [];
      return out;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Asks the emulator for a stream-begin event of `push.example.com/live` now. */
export async function sendEvent(emulator: EmulatorHandle, n: number): Promise<string | undefined> {
  const res = await fetch(`${emulator.url}/_emulator/events`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      domainName: "push.example.com",
      streamId: `demo-${n}`,
      eventType: "streamBegin",
    }),
  });
  if (res.ok) return undefined;
  return `demo-${n}: ${((await res.json()) as { error?: string }).error ?? res.status}`;
}

/** Sends one event every `everyMs` until `stop` is called; resolves with the failures. */
export function startSending(
  emulator: EmulatorHandle,
  everyMs: number,
  first: number,
): { stop(): Promise<{ sent: number; failures: string[] }> } {
  let running = true;
  const failures: string[] = [];
  let n = first;
  const loop = (async () => {
    while (running) {
      const failure = await sendEvent(emulator, n);
      if (failure) failures.push(failure);
      n += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { sent: n - first, failures };
    },
  };
}
