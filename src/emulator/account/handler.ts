/**
 * The shape of an action handler: a pure function over the account data. Each handler checks
 * everything before it changes anything, so a rejected call never leaves a half-applied change.
 */
import type { EmulatorConfig } from "../config/switches";
import type { Params } from "../protocol/params";
import type { EmulatorData } from "./data";

/** What an action handler may read and change. */
export interface ActionContext {
  /** The account; handlers mutate it in place. */
  data: EmulatorData;
  /** The behaviour switches in force for this call. */
  config: Readonly<EmulatorConfig>;
  /** Current time in epoch milliseconds, for rule timestamps. */
  nowMs: number;
}

/** A successful action: the `Response` members besides RequestId, and whether data changed. */
export interface ActionResult {
  response: Record<string, unknown>;
  changed: boolean;
}

/** Runs one action. Throws an `ApiError` when the call is refused. */
export type ActionHandler = (params: Params, ctx: ActionContext) => ActionResult;
