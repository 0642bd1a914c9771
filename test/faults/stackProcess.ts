/**
 * One stack's provider process, for the two-stacks tests: a separate Node process that receives
 * one create at a time over IPC, runs it with fresh provider functions (a new client and new
 * claims, as each `pulumi up` gets a new provider process) against the emulator whose address it
 * was started with, and answers with the outcome. Kept alive between rounds, so that the rounds
 * pay for Node and tsx once.
 */
import { FAST_BACKOFF } from "./env";
import { newRun } from "../support/providerRun";

/** A create the test asks for. */
export interface StackRequest {
  round: number;
  kind: "template" | "binding";
  inputs: Record<string, unknown>;
}

/** What the create came to. */
export interface StackAnswer {
  round: number;
  ok: boolean;
  id?: string;
  outs?: Record<string, unknown>;
  error?: string;
}

/** How the parent tells this process where the emulator is. */
export const ADDRESS_ENV = "LIVE_STACK_EMULATOR";

if (require.main === module) {
  const address = JSON.parse(process.env[ADDRESS_ENV] ?? "{}") as Parameters<typeof newRun>[0];
  process.on("message", (req: StackRequest) => {
    const run = newRun(address, {}, { backoff: FAST_BACKOFF });
    const provider = req.kind === "template" ? run.template : run.binding;
    (provider.create as (i: Record<string, unknown>) => Promise<{ id: string; outs?: object }>)(
      req.inputs,
    ).then(
      (r) => process.send?.({ round: req.round, ok: true, id: r.id, outs: r.outs }),
      (e: unknown) =>
        process.send?.({
          round: req.round,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        }),
    );
  });
  process.send?.({ round: -1, ok: true });
}
