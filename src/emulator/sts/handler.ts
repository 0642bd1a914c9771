/** The shape of an STS action handler. */
import type { EmulatorConfig } from "../config/switches";
import type { EmulatorCredentials } from "../config/credentials";
import type { Params } from "../protocol/params";
import type { StsState } from "./state";

/** What an STS action may read and change. */
export interface StsContext {
  sts: StsState;
  config: Readonly<EmulatorConfig>;
  /** The credential that signed the call; undefined for an unsigned one. */
  caller?: EmulatorCredentials & { roleArn?: string };
  nowMs: number;
}

/** Runs one STS action; returns the `Response` members besides RequestId. */
export type StsHandler = (params: Params, ctx: StsContext) => Record<string, unknown>;
