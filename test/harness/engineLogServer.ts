/**
 * The engine's Log service alone, as a provider plugin reaches it: a gRPC server at an address
 * given to the plugin as its engine, recording every Log request. Its other methods answer
 * UNIMPLEMENTED, as nothing here should call them.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

/** One Log request the engine received. */
export interface LoggedLine {
  severity: "debug" | "info" | "warning" | "error";
  urn: string;
  message: string;
}

/** A running Log service. */
export interface EngineLogServer {
  /** `127.0.0.1:<port>`, as the engine passes its address to a plugin. */
  readonly address: string;
  /** Every Log request received so far, in order. */
  lines(): readonly LoggedLine[];
  stop(): Promise<void>;
}

const SEVERITIES: Record<number, LoggedLine["severity"]> = {
  [engineproto.LogSeverity.DEBUG]: "debug",
  [engineproto.LogSeverity.INFO]: "info",
  [engineproto.LogSeverity.WARNING]: "warning",
  [engineproto.LogSeverity.ERROR]: "error",
};

/** Starts a Log service on a free port of 127.0.0.1. */
export async function startEngineLogServer(): Promise<EngineLogServer> {
  const lines: LoggedLine[] = [];
  const server = new grpc.Server();
  const unimplemented: grpc.handleUnaryCall<unknown, unknown> = (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED });
  server.addService(EngineService, {
    log: ((call, callback) => {
      const req = call.request as engineproto.LogRequest;
      lines.push({
        severity: SEVERITIES[req.getSeverity()],
        urn: req.getUrn(),
        message: req.getMessage(),
      });
      callback(null, new emptyproto.Empty());
    }) satisfies grpc.handleUnaryCall<engineproto.LogRequest, emptyproto.Empty>,
    getRootResource: unimplemented,
    setRootResource: unimplemented,
    startDebugging: unimplemented,
    requirePulumiVersion: unimplemented,
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    lines: () => lines,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
