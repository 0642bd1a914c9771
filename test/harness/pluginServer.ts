/**
 * The `tencentcloud-live` provider plugin started from source (`src/plugin/main.ts` under tsx)
 * and driven over gRPC as the engine drives it: Configure with the plugin's own config
 * variables, then Invoke or the resource methods. For the plugin's unit-level tests; the real
 * CLI suites run the installed plugin instead.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { resourceCalls, SECRET_SIG, SECRET_SIG_KEY, unary, type ResourceCalls } from "./host";
import {
  readPort,
  terminate,
  toStruct,
  type HostLine,
  type PluginProcess,
  type Props,
} from "./pluginProcess";
import { cleanEnv } from "./run";

const REPO = path.resolve(__dirname, "..", "..");

/** What Invoke answered. */
export interface InvokeAnswer {
  /** The function's outputs, secrets in Pulumi's wire form. */
  outputs: Props;
  failures: { property: string; reason: string }[];
}

/** A running plugin and typed calls to it. */
export interface PluginServer extends ResourceCalls {
  /** Every line printed after the port line. */
  lines(): readonly HostLine[];
  /**
   * Configure with the plugin's config names (`secretId`, `endpoint`…), sent as the engine
   * sends a default provider's stack config: `tencentcloud-live:config:<name>` variables.
   */
  configure(config: Record<string, string>): Promise<void>;
  invoke(token: string, args: Props): Promise<InvokeAnswer>;
  /** Closes the client and ends the process. Safe to call again. */
  stop(): Promise<void>;
}

/** Wraps `value` in Pulumi's secret wire form, as the engine sends a secret. */
export function wireSecret(value: unknown): Props {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** Options of {@link startPluginServer}. */
export interface PluginServerOptions {
  /**
   * The engine's address the plugin is started with, where it sends its notices (see
   * `./engineLogServer.ts`). Default `127.0.0.1:0`: nothing listens, and a notice goes to the
   * plugin's stderr instead.
   */
  engineAddress?: string;
}

/**
 * Starts the plugin from source, with no `TENCENTCLOUD_*` variables in its environment (so
 * that credentials can only come from Configure), and connects to it.
 */
export async function startPluginServer(options: PluginServerOptions = {}): Promise<PluginServer> {
  const env = cleanEnv({});
  for (const k of Object.keys(env)) if (k.startsWith("TENCENTCLOUD_")) delete env[k];
  const engine = options.engineAddress ?? "127.0.0.1:0";
  const child: PluginProcess = spawn(
    process.execPath,
    ["-r", "tsx/cjs", path.join(REPO, "src", "plugin", "main.ts"), engine],
    { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const lines: HostLine[] = [];
  let port: number;
  try {
    port = await readPort(child, lines, 60_000, "the tencentcloud-live plugin");
  } catch (e) {
    process.off("exit", killOnExit);
    await terminate(child);
    throw e;
  }
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let stopped: Promise<void> | undefined;
  return {
    ...resourceCalls(client),
    lines: () => lines,
    async configure(config) {
      const req = new provproto.ConfigureRequest();
      const variables = req.getVariablesMap();
      for (const [k, v] of Object.entries(config))
        variables.set(`tencentcloud-live:config:${k}`, v);
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      await unary<provproto.ConfigureResponse>("Configure", (cb) => client.configure(req, cb));
    },
    async invoke(token, args) {
      const req = new provproto.InvokeRequest();
      req.setTok(token);
      req.setArgs(toStruct(args));
      const res = await unary<provproto.InvokeResponse>("Invoke", (cb) => client.invoke(req, cb));
      return {
        outputs: (res.getReturn()?.toJavaScript() ?? {}) as Props,
        failures: res
          .getFailuresList()
          .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    stop() {
      stopped ??= (async () => {
        client.close();
        await terminate(child);
        process.off("exit", killOnExit);
      })();
      return stopped;
    },
  };
}
