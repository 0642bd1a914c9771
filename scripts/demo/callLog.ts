/**
 * The order of API calls a deployment makes, as the demo shows it. The emulator itself keeps
 * only counters, so the demo puts a small recording relay in front of it and points the
 * provider at the relay: each API 3.0 request is noted (its action and the ids it names, never
 * the key or other values) and passed on byte for byte, `Host` header included, so the TC3
 * signature the provider computed for the relay's address still verifies at the emulator.
 */
import { once } from "node:events";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** The request fields that say which object a call is about; none of them is secret. */
const TARGET_FIELDS = ["TemplateId", "TemplateName", "DomainName", "AppName"] as const;

/** One API call, in the order it reached the relay. */
export interface RecordedCall {
  /** The `X-TC-Action` header, e.g. `DeleteLiveCallbackRule`. */
  action: string;
  /** What the call names: `TemplateId`, `TemplateName`, `DomainName`, `AppName`, when sent. */
  target: Partial<Record<(typeof TARGET_FIELDS)[number], string | number>>;
}

/** A running relay. */
export interface CallRecorder {
  /** Base URL of the relay: use it as the provider's endpoint. */
  readonly url: string;
  /** The calls recorded since the last `take`, oldest first; starts a new record. */
  take(): RecordedCall[];
  close(): Promise<void>;
}

/** The object a call names, from its JSON body (empty when the body is not a JSON object). */
export function callTarget(body: string): RecordedCall["target"] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const target: RecordedCall["target"] = {};
  for (const field of TARGET_FIELDS) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value === "string" || typeof value === "number") target[field] = value;
  }
  return target;
}

/**
 * One line per call, e.g. `DeleteLiveCallbackRule push.example.com/live` or
 * `CreateLiveCallbackRule push.example.com/live → template 1000`.
 */
export function formatCall(call: RecordedCall): string {
  const { TemplateId, TemplateName, DomainName, AppName } = call.target;
  const parts = [call.action];
  if (DomainName !== undefined) parts.push(`${DomainName}/${AppName ?? "live"}`);
  if (TemplateId !== undefined)
    parts.push(DomainName !== undefined ? `→ template ${TemplateId}` : `template ${TemplateId}`);
  if (TemplateName !== undefined) parts.push(JSON.stringify(TemplateName));
  return parts.join(" ");
}

/** Starts a recording relay on a free loopback port in front of the API at `target`. */
export async function startCallRecorder(target: string): Promise<CallRecorder> {
  const upstream = new URL(target);
  let calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const action = req.headers["x-tc-action"];
      // Recorded on arrival: the order the provider made the calls in.
      if (typeof action === "string")
        calls.push({ action, target: callTarget(body.toString("utf8")) });
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
