/**
 * The engine's Log service, as the provider plugin reaches it. The engine shows what a resource
 * plugin prints only at debug level (the dynamic-provider hosts are the exception: their output
 * is shown as info; read in `sdk/go/common/resource/plugin/plugin.go`, 3.206 to 3.276), so a
 * notice the plugin prints never reaches `pulumi preview` or `up`; a Log call does, attached to
 * the resource it names.
 * `@pulumi/pulumi/provider`'s `main` keeps the engine's address to itself and sets up
 * `pulumi.log` only for `construct` and `call`, so the plugin dials the engine itself.
 */
import type * as grpcJs from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { requireFromPulumi } from "./pulumiDeps";

/** How long one Log call may take before the line goes to stderr instead. */
const LOG_DEADLINE_MS = 10_000;

/** Sends lines to the engine, in the order they were given. */
export interface EngineLog {
  /**
   * Sends `message` at info severity, attached to the resource `urn` (`""`: to the deployment).
   * Resolves once the engine has it, or, when it cannot be delivered, once it was written to
   * `fallback` instead; never rejects.
   */
  info(urn: string, message: string): Promise<void>;
  /** Sends later lines to the engine at `address` (the engine's Attach request names it). */
  attach(address: string): void;
}

/**
 * The engine's address among the arguments the engine starts a provider plugin with: the one
 * positional argument, after the flags Pulumi passes every plugin (`--logtostderr`, `-v=N`,
 * `--tracing <endpoint>`).
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i += 1;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/**
 * A Log client of the engine at `address`, connected on first use. Without an address, or when
 * a call fails, each line goes to `fallback` (stderr by default: the engine's debug log).
 */
export function createEngineLog(
  address: string | undefined,
  fallback: (line: string) => void = (line) => console.error(line),
): EngineLog {
  const grpc = requireFromPulumi<typeof grpcJs>("@grpc/grpc-js");
  let client: EngineClient | undefined;
  let last: Promise<void> = Promise.resolve();
  const connect = (): EngineClient | undefined => {
    if (address && !client) client = new EngineClient(address, grpc.credentials.createInsecure());
    return client;
  };
  const send = (urn: string, message: string): Promise<void> =>
    new Promise((resolve) => {
      const engine = connect();
      if (!engine) {
        fallback(message);
        return resolve();
      }
      const req = new engineProto.LogRequest();
      req.setSeverity(engineProto.LogSeverity.INFO);
      req.setMessage(message);
      req.setUrn(urn);
      const options = { deadline: Date.now() + LOG_DEADLINE_MS };
      engine.log(req, new grpc.Metadata(), options, (err) => {
        if (err) fallback(`${message} (not delivered to the engine: ${err.message})`);
        resolve();
      });
    });
  return {
    info(urn, message) {
      last = last.then(() => send(urn, message));
      return last;
    },
    attach(next) {
      if (next === address) return;
      client?.close();
      client = undefined;
      address = next;
    },
  };
}
