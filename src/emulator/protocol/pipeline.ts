/**
 * The API 3.0 request pipeline: read the body, wait the configured latency, authenticate, pick
 * the action, count it, apply the rate limit and any injected fault, run the action, persist,
 * answer. Every answer, errors included, carries a fresh RequestId, as the real API's do.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LiveAction } from "../../api/models";
import { ACTION_HANDLERS } from "../account/actions";
import { ACTION_PARAM_TYPES } from "../account/paramTypes";
import { takeFault, type FaultEffect } from "../faults/queue";
import { readBody, sendJson, sleep } from "../http";
import {
  countCall,
  lookupCredential,
  persist,
  recordChange,
  type EmulatorRuntime,
} from "../runtime";
import { runStsAction } from "../sts/run";
import { countLiveCaller, countRefused } from "../sts/state";
import { ApiError, fail } from "./errors";
import type { Params } from "./params";
import { overRateLimit } from "./rateLimit";
import { readApiCall } from "./request";

/** Handles one request to the API endpoint (anything outside `/_emulator/`). */
export async function handleApiRequest(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  // Echoed so that the SDK's exceptions carry it (it reads x-tc-traceid from the answer).
  const traceId = req.headers["x-tc-traceid"];
  const headers: Record<string, string> =
    typeof traceId === "string" ? { "X-TC-TraceId": traceId } : {};
  const answer = (status: number, response: Record<string, unknown>) => () =>
    sendJson(res, status, { Response: { ...response, RequestId: requestId } }, headers);
  const answerError = (status: number, code: string, message: string) =>
    answer(status, { Error: { Code: code, Message: message } });

  const body = await readBody(req);
  if (!(await sleep(runtime.config.latencyMs, runtime.stopping.signal))) return;

  let fault: FaultEffect | undefined;
  let reply: () => void;
  try {
    if (body === undefined) fail("InvalidParameter", "The request body is too large.");
    // Nothing before this point counts as a call of an action.
    const call = authenticate(runtime, req, body);
    if (call.service === "sts") {
      answer(200, runStsAction(runtime, call.action, call.params(), call.caller))();
      return;
    }
    const { action, params } = call;
    countCall(runtime, action);
    countLiveCaller(runtime.sts, call.caller);
    const limit = runtime.config.rateLimitPerSecond;
    if (overRateLimit(runtime.rateWindows, action, limit, Date.now())) {
      fail("RequestLimitExceeded", `More than ${limit} calls of ${action} in one second.`);
    }
    fault = takeFault(runtime.faults, action);
    if (fault?.kind === "error") fail(fault.code, fault.message);
    reply =
      fault?.kind === "http-500"
        ? answerError(500, "InternalError", "Injected HTTP 500 fault.")
        : answer(200, await runAction(runtime, action, params));
  } catch (err) {
    reply =
      err instanceof ApiError
        ? answerError(200, err.code, err.message)
        : answerError(200, "InternalError", `Emulator error: ${(err as Error).message}`);
  }
  // Both faults below act on whatever the action answered, success or error.
  if (fault?.kind === "drop-after-commit") {
    // The change (if any) is applied and on disk; the client never learns it.
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "delay" && !(await sleep(fault.delayMs, runtime.stopping.signal))) return;
  reply();
}

/** Reads and authenticates the call; a refusal is counted by its code before it is thrown. */
function authenticate(runtime: EmulatorRuntime, req: IncomingMessage, body: Buffer) {
  try {
    return readApiCall(
      { method: req.method ?? "", url: req.url ?? "/", headers: req.headers, body },
      runtime.credentials,
      Math.floor(Date.now() / 1000),
      ACTION_PARAM_TYPES,
      (secretId) => lookupCredential(runtime, secretId),
    );
  } catch (err) {
    if (err instanceof ApiError) countRefused(runtime.sts, err.code);
    throw err;
  }
}

/** Reads the parameters, runs the action and persists a change before the answer is sent. */
async function runAction(
  runtime: EmulatorRuntime,
  action: LiveAction,
  params: () => Params,
): Promise<Record<string, unknown>> {
  const nowMs = Date.now();
  const result = ACTION_HANDLERS[action](params(), {
    data: runtime.data,
    config: runtime.config,
    nowMs,
  });
  if (result.changed) {
    recordChange(runtime, nowMs);
    try {
      await persist(runtime);
    } catch (err) {
      fail(
        "InternalError",
        `The change was applied but the state file could not be written: ${(err as Error).message}`,
      );
    }
  }
  return result.response;
}
