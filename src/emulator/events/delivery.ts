/**
 * Sending a callback event the way the platform does: an HTTP POST of the JSON body, accepted
 * only when the receiver answers 200. This module is one attempt (the transport); `attempts.ts`
 * retries, as `schedule.ts` and the delivery settings say.
 *
 * The emulator only ever sends to loopback hosts unless it was started with `allowNonLoopback`:
 * a template URL is data, and a test machine must not be made to send traffic off-box by it.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isLoopbackHost } from "../../api/loopback";

/** Longest answer body kept in a delivery attempt's record; the rest is read and dropped. */
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
 * rejects when there is no complete answer within `timeoutMs` or when `signal` aborts (with the
 * abort reason when it is a string, such as "the emulator was reset").
 */
export function postOnce(
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
    const onAbort = (): void =>
      finish(
        new Error(typeof signal.reason === "string" ? signal.reason : "the emulator is stopping"),
      );
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
