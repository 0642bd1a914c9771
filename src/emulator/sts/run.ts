/** Runs one STS action for the pipeline and counts it. */
import type { AcceptedCredential } from "../protocol/request";
import type { Params } from "../protocol/params";
import type { EmulatorRuntime } from "../runtime";
import { STS_HANDLERS } from "./actions";

/** Runs `action`; throws an `ApiError` when it is refused. */
export function runStsAction(
  runtime: EmulatorRuntime,
  action: string,
  params: Params,
  caller: AcceptedCredential | undefined,
): Record<string, unknown> {
  runtime.sts.calls[action] = (runtime.sts.calls[action] ?? 0) + 1;
  return STS_HANDLERS[action](params, {
    sts: runtime.sts,
    config: runtime.config,
    caller,
    nowMs: Date.now(),
  });
}
