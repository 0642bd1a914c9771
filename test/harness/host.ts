/**
 * Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started from a
 * consumer project and driven over gRPC the way the engine drives it during `pulumi up`. The
 * host evaluates each request's `__provider` text with require-from-string in the consumer's
 * directory, so the provider code that runs is the installed package's.
 *
 * The client side (gRPC, protobuf messages) uses the repository's copies of `@grpc/grpc-js` and
 * `@pulumi/pulumi/proto`: only the wire format is shared with the host, as with the real engine.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import {
  readPort,
  terminate,
  toStruct,
  type HostLine,
  type PluginProcess,
  type Props,
} from "./pluginProcess";
import { cleanEnv } from "./run";

export type { HostLine, Props } from "./pluginProcess";

/** What Check answered: the checked inputs (with `__provider`) and any failures. */
export interface CheckResult {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

/** What Diff answered; the dynamic host sends no detailed diff. */
export interface DiffResult {
  changes: "some" | "none" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** What Read answered; an empty `id` means the resource is gone. */
export interface ReadResult {
  id: string;
  properties: Props;
  /** Inputs the provider derived from the live object, when it returned any. */
  inputs?: Props;
}

/** A failed gRPC call, with the message the provider threw. */
export class HostCallError extends Error {
  constructor(
    /** The RPC method, e.g. `Create`. */
    readonly method: string,
    /** The gRPC status code. */
    readonly code: number,
    message: string,
  ) {
    super(`${method} failed: ${message}`);
    this.name = "HostCallError";
  }
}

/** A running host and typed calls to it. Every call's properties must carry `__provider`. */
export interface ProviderHost {
  /** Port the host listens on, on 127.0.0.1. */
  readonly port: number;
  /** Process id of the host. */
  readonly pid: number;
  /** Every line printed so far after the port line, in order; still readable after `stop`. */
  lines(): readonly HostLine[];
  /**
   * Sends the stack config, keys namespaced as in `Pulumi.<stack>.yaml` (e.g.
   * `tencentcloud:secretKey`). Keys listed in `secretKeys` are sent wrapped as secrets, as the
   * engine sends secret config. Resolves with whether the host accepts secrets.
   */
  configure(config: Record<string, string>, secretKeys?: readonly string[]): Promise<boolean>;
  check(urn: string, olds: Props, news: Props): Promise<CheckResult>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffResult>;
  create(urn: string, props: Props): Promise<{ id: string; properties: Props }>;
  read(id: string, urn: string, props: Props, inputs?: Props): Promise<ReadResult>;
  /** Resolves with the new outputs. */
  update(id: string, urn: string, olds: Props, news: Props): Promise<Props>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  /** The `@pulumi/pulumi` version the host reports. */
  getPluginInfo(): Promise<{ version: string }>;
  /** Closes the client, ends the process and waits for it to exit. Safe to call again. */
  stop(): Promise<void>;
}

/** Options of {@link startHost}. */
export interface StartHostOptions {
  /** Pulumi project name (`PULUMI_NODEJS_PROJECT`); default `live-callbacks-quickstart`. */
  project?: string;
  /**
   * Extra environment. By default `TENCENTCLOUD_*` variables are removed from the host's
   * environment, so that credentials can only come from `configure`, as the test requires.
   */
  env?: Record<string, string>;
  /** How long to wait for the port line; default 20 000 ms. */
  startTimeoutMs?: number;
  /**
   * The host's working directory, where the engine would start it: the program's directory.
   * Default: `consumerDir`, which must hold `node_modules/@pulumi/pulumi` in any case.
   */
  workDir?: string;
}

/** The key under which Pulumi's RPC structs (and registrations) mark a secret value. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The value of {@link SECRET_SIG_KEY} that says "this object wraps a secret". */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function fromStruct(struct: structproto.Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

/** Promisifies one unary call and turns a gRPC error into a {@link HostCallError}. */
export function unary<Res>(
  method: string,
  call: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call((err, res) => {
      if (err) reject(new HostCallError(method, err.code, err.details || err.message));
      else resolve(res);
    });
  });
}

/** The resource methods of a provider's gRPC service, as typed calls over `client`. */
export type ResourceCalls = Pick<
  ProviderHost,
  "check" | "diff" | "create" | "read" | "update" | "delete"
>;

/**
 * Check, Diff, Create, Read, Update and Delete as the engine sends them, over `client`: shared by
 * the dynamic-provider host and the provider plugin, which serve the same protocol.
 */
export function resourceCalls(client: ResourceProviderClient): ResourceCalls {
  return {
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.CheckResponse>("Check", (cb) => client.check(req, cb));
      return {
        inputs: fromStruct(res.getInputs()),
        failures: res
          .getFailuresList()
          .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },

    async diff(id, urn, olds, news) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.DiffResponse>("Diff", (cb) => client.diff(req, cb));
      const C = provproto.DiffResponse.DiffChanges;
      const changes = res.getChanges();
      return {
        changes: changes === C.DIFF_SOME ? "some" : changes === C.DIFF_NONE ? "none" : "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },

    async create(urn, props) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      const res = await unary<provproto.CreateResponse>("Create", (cb) => client.create(req, cb));
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },

    async read(id, urn, props, inputs) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      if (inputs) req.setInputs(toStruct(inputs));
      const res = await unary<provproto.ReadResponse>("Read", (cb) => client.read(req, cb));
      const result: ReadResult = { id: res.getId(), properties: fromStruct(res.getProperties()) };
      if (res.hasInputs()) result.inputs = fromStruct(res.getInputs());
      return result;
    },

    async update(id, urn, olds, news) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.UpdateResponse>("Update", (cb) => client.update(req, cb));
      return fromStruct(res.getProperties());
    },

    async delete(id, urn, props) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      await unary<emptyproto.Empty>("Delete", (cb) => client.delete(req, cb));
    },
  };
}

/**
 * Starts `node <consumerDir>/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js` in
 * `consumerDir` (or `options.workDir`), as the engine starts `pulumi-resource-pulumi-nodejs`,
 * and connects to it.
 * The engine starts one such process per deployment, so start one per `up`/`refresh`/`destroy`:
 * the provider keeps per-process caches that a real deployment never carries over.
 */
export async function startHost(
  consumerDir: string,
  options: StartHostOptions = {},
): Promise<ProviderHost> {
  const entry = path.join(
    consumerDir,
    "node_modules",
    "@pulumi",
    "pulumi",
    "cmd",
    "dynamic-provider",
    "index.js",
  );
  const env = cleanEnv({
    PULUMI_NODEJS_PROJECT: options.project ?? "live-callbacks-quickstart",
    ...options.env,
  });
  for (const k of Object.keys(env)) {
    if (k.startsWith("TENCENTCLOUD_") && !(options.env && k in options.env)) delete env[k];
  }
  // The host requires one argument, the engine's address; it never dials it.
  const child: PluginProcess = spawn(process.execPath, [entry, "127.0.0.1:0"], {
    cwd: options.workDir ?? consumerDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave a host behind, even if the caller forgets stop() or the test run aborts.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const lines: HostLine[] = [];
  let port: number;
  try {
    port = await readPort(
      child,
      lines,
      options.startTimeoutMs ?? 20_000,
      "the dynamic-provider host",
    );
  } catch (e) {
    process.off("exit", killOnExit);
    await terminate(child);
    throw e;
  }
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let stopped: Promise<void> | undefined;

  return {
    port,
    pid: child.pid ?? -1,
    lines: () => lines,

    async configure(config, secretKeys = []) {
      const args: Props = {};
      for (const [k, v] of Object.entries(config)) {
        args[k] = secretKeys.includes(k) ? { [SECRET_SIG_KEY]: SECRET_SIG, value: v } : v;
      }
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(args));
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      const res = await unary<provproto.ConfigureResponse>("Configure", (cb) =>
        client.configure(req, cb),
      );
      return res.getAcceptsecrets();
    },

    ...resourceCalls(client),

    async getPluginInfo() {
      const res = await unary<plugproto.PluginInfo>("GetPluginInfo", (cb) =>
        client.getPluginInfo(new emptyproto.Empty(), cb),
      );
      return { version: res.getVersion() };
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

/** What {@link runDeployment} returns: `fn`'s result and everything the host printed. */
export interface DeploymentRun<T> {
  result: T;
  lines: readonly HostLine[];
}

/**
 * One deployment, as the engine runs it: start a host in `consumerDir`, Configure it with the
 * stack config, run `fn` (e.g. `up`), and stop the host whatever happens. If `fn` throws, the
 * error's message gets the host's output appended, since that is where the provider's own
 * errors and logs go.
 */
export async function runDeployment<T>(
  consumerDir: string,
  config: Record<string, string>,
  fn: (host: ProviderHost) => Promise<T>,
  options: StartHostOptions & { secretKeys?: readonly string[] } = {},
): Promise<DeploymentRun<T>> {
  const host = await startHost(consumerDir, options);
  try {
    await host.configure(config, options.secretKeys);
    return { result: await fn(host), lines: host.lines() };
  } catch (e) {
    if (e instanceof Error && host.lines().length > 0) {
      e.message += `\nhost output:\n${host
        .lines()
        .map((l) => `  ${l.text}`)
        .join("\n")}`;
    }
    throw e;
  } finally {
    await host.stop();
  }
}
