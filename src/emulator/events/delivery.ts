/**
 * Sending a callback event the way the platform does: an HTTP POST of the JSON body, accepted
 * only when the receiver answers 200, retried after a pause on any other answer or when no answer
 * comes in time. The platform retries for minutes; the emulator's defaults are small so that tests
 * stay fast, and all three numbers are settings.
 *
 * The emulator only ever sends to loopback hosts unless it was started with `allowNonLoopback`:
 * a template URL is data, and a test machine must not be made to send traffic off-box by it.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { performance } from "node:perf_hooks";
import { isLoopbackHost } from "../../api/loopback";
import { sleep } from "../http";

/** Delivery settings: startEmulator options, `POST /_emulator/config` keys and CLI flags. */
export interface DeliveryConfig {
  /** Retries after a failed first attempt (so at most 1 + this many attempts). Default 3. */
  deliveryRetries: number;
  /** Pause between two attempts, in milliseconds. Default 200. */
  deliveryIntervalMs: number;
  /** How long one attempt may take, answer body included, in milliseconds. Default 2000. */
  deliveryTimeoutMs: number;
}

/** The delivery settings of an emulator started without any. */
export const DEFAULT_DELIVERY_CONFIG: Readonly<DeliveryConfig> = Object.freeze({
  deliveryRetries: 3,
  deliveryIntervalMs: 200,
  deliveryTimeoutMs: 2000,
});

function integerSetting(
  name: keyof DeliveryConfig,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : `an integer of at least ${min}`;
    throw new Error(`${name} must be ${what}, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks a partial change of the delivery settings and fills the rest from `base`. Throws an
 * `Error` naming the offending setting.
 */
export function resolveDeliveryConfig(
  patch: Partial<DeliveryConfig>,
  base: DeliveryConfig = DEFAULT_DELIVERY_CONFIG,
): DeliveryConfig {
  return {
    deliveryRetries: integerSetting(
      "deliveryRetries",
      patch.deliveryRetries,
      base.deliveryRetries,
      0,
    ),
    deliveryIntervalMs: integerSetting(
      "deliveryIntervalMs",
      patch.deliveryIntervalMs,
      base.deliveryIntervalMs,
      0,
    ),
    deliveryTimeoutMs: integerSetting(
      "deliveryTimeoutMs",
      patch.deliveryTimeoutMs,
      base.deliveryTimeoutMs,
      1,
    ),
  };
}

/** One try at delivering an event. */
export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** HTTP status of the answer; absent when there was none. */
  status?: number;
  /** Why there was no answer (connection refused, timeout, emulator stopping…). */
  error?: string;
  /** Start of the request to end of the answer (or to the failure), in milliseconds. */
  durationMs: number;
  /** The start of the answer's body (at most {@link MAX_RESPONSE_CHARS} characters). */
  response?: string;
}

/** How a delivery went. */
export interface DeliveryOutcome {
  /** Every attempt, in order. */
  attempts: DeliveryAttempt[];
  /** True when an attempt got HTTP 200. */
  delivered: boolean;
}

/** Longest answer body kept in a {@link DeliveryAttempt}; the rest is read and dropped. */
export const MAX_RESPONSE_CHARS = 1024;

/**
 * Parses a callback URL and checks the emulator may send to it: http or https, and a loopback
 * host (127.0.0.0/8, ::1, `localhost`) unless `allowNonLoopback`.
 *
 * @throws Error with a message meant for the person who set the URL.
 */
export function checkDeliveryTarget(url: string, allowNonLoopback: boolean): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error(`callback URL ${JSON.stringify(url)} is not a valid URL`);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new Error(`callback URL ${url} is not http or https`);
  }
  if (!allowNonLoopback && !isLoopbackHost(target.hostname)) {
    throw new Error(
      `refusing to deliver to ${url}: the emulator only sends callbacks to loopback hosts ` +
        `(127.0.0.0/8, ::1, localhost) unless it was started with allowNonLoopback ` +
        `(--allow-non-loopback); point the template's URL at a local receiver`,
    );
  }
  return target;
}

/** Reads at most {@link MAX_RESPONSE_CHARS} characters of an answer and drains the rest. */
function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      if (text.length < MAX_RESPONSE_CHARS) text = (text + chunk).slice(0, MAX_RESPONSE_CHARS);
    });
    res.on("end", () => resolve(text));
    res.on("error", reject);
    res.on("aborted", () => reject(new Error("the answer was cut off")));
  });
}

/**
 * One POST of `payload` to `target`. Resolves with the status and the start of the answer body;
 * rejects when there is no complete answer within `timeoutMs` or when `signal` aborts.
 */
function postOnce(
  target: URL,
  payload: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number; response: string }> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(target, {
      method: "POST",
      // No agent: one connection per attempt, never reused across attempts or through a proxy.
      agent: false,
      headers: {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(payload),
        "User-Agent": "tencentcloud-live-emulator",
      },
    });
    let done = false;
    // The first outcome wins: destroying the request after a timeout also fails the answer
    // stream, and that later, vaguer error must not replace the reason.
    const finish = (outcome: { status: number; response: string } | Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      if (outcome instanceof Error) {
        reject(outcome);
        req.destroy();
      } else {
        resolve(outcome);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onAbort = (): void => finish(new Error("the emulator is stopping"));
    signal.addEventListener("abort", onAbort, { once: true });
    req.on("response", (res) => {
      readAnswer(res).then(
        (response) => finish({ status: res.statusCode ?? 0, response }),
        (err: Error) => finish(err),
      );
    });
    req.on("error", (err) => finish(err));
    if (signal.aborted) onAbort();
    else req.end(payload);
  });
}

/**
 * POSTs `payload` (JSON text) to `target` until an attempt gets HTTP 200, making at most
 * `1 + deliveryRetries` attempts `deliveryIntervalMs` apart, each limited to `deliveryTimeoutMs`.
 * Stops early, undelivered, when `signal` aborts. Never throws: failures are in the attempts.
 */
export async function postWithRetries(
  target: URL,
  payload: string,
  config: DeliveryConfig,
  signal: AbortSignal,
): Promise<DeliveryOutcome> {
  const attempts: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= 1 + config.deliveryRetries; attempt += 1) {
    if (attempt > 1 && !(await sleep(config.deliveryIntervalMs, signal))) break;
    if (signal.aborted) break;
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const { status, response } = await postOnce(
        target,
        payload,
        config.deliveryTimeoutMs,
        signal,
      );
      attempts.push({ attempt, status, durationMs: elapsed(), response });
      if (status === 200) return { attempts, delivered: true };
    } catch (err) {
      attempts.push({ attempt, error: (err as Error).message, durationMs: elapsed() });
    }
  }
  return { attempts, delivered: false };
}
