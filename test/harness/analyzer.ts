/**
 * A policy pack served by `@pulumi/policy`'s own analyzer server, started as the Pulumi CLI
 * starts a Node.js pack for `pulumi preview --policy-pack <dir>` and driven over gRPC the way the
 * engine drives it: GetAnalyzerInfo, Configure (every policy's level and config, defaults filled
 * in from the pack's schemas), Analyze for each resource's inputs, AnalyzeStack for the outputs
 * of the whole stack with their dependencies.
 *
 * The CLI's `pulumi-analyzer-policy` resolves `@pulumi/pulumi/cmd/run-policy-pack` from the
 * pack's directory and runs it there with node and the arguments `<engine> .`; so does
 * {@link startAnalyzer}, with `process.execPath`. The client side uses the repository's copies
 * of `@grpc/grpc-js` and the protobuf messages: only the wire format is shared, as with the CLI.
 */
import { spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import {
  readPort,
  terminate,
  toStruct,
  type HostLine,
  type PluginProcess,
  type Props,
} from "./pluginProcess";
import { cleanEnv } from "./run";

/** An enforcement level as policies and config name it. */
export type Level = "advisory" | "mandatory" | "disabled" | "remediate";

const LEVELS: Readonly<Record<Level, analyzerproto.EnforcementLevel>> = {
  advisory: analyzerproto.EnforcementLevel.ADVISORY,
  mandatory: analyzerproto.EnforcementLevel.MANDATORY,
  disabled: analyzerproto.EnforcementLevel.DISABLED,
  remediate: analyzerproto.EnforcementLevel.REMEDIATE,
};

function levelName(level: analyzerproto.EnforcementLevel): Level {
  const found = (Object.keys(LEVELS) as Level[]).find((k) => LEVELS[k] === level);
  if (!found) throw new Error(`unknown enforcement level ${level}`);
  return found;
}

/** One policy as GetAnalyzerInfo describes it. */
export interface PolicyInfoView {
  name: string;
  description: string;
  enforcementLevel: Level;
  remediationSteps: string;
  /** The JSON schema properties of the policy's config, when it has any. */
  configSchema?: Record<string, { default?: unknown; type?: string }>;
}

/** What GetAnalyzerInfo answered. */
export interface AnalyzerInfoView {
  name: string;
  version: string;
  supportsConfig: boolean;
  policies: PolicyInfoView[];
}

/** One violation (or note) the pack reported. */
export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  description: string;
  message: string;
  enforcementLevel: Level;
  /** The resource it is about; empty for the whole stack. */
  urn: string;
}

/** A resource as the engine sends it. */
export interface AnalyzedResource {
  type: string;
  urn: string;
  name: string;
  /** Inputs (Analyze) or outputs (AnalyzeStack), secrets in their wire form. */
  props: Props;
  parent?: string;
  /** URNs the resource depends on (AnalyzeStack only). */
  dependencies?: readonly string[];
  /** For each property, the URNs its value came from (AnalyzeStack only). */
  propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** A policy's config as `--policy-pack-config` gives it: a level, or a level and properties. */
export type PolicyConfigEntry = Level | ({ enforcementLevel?: Level } & Record<string, unknown>);

/** A running pack and typed calls to it. */
export interface AnalyzerProcess {
  readonly port: number;
  readonly pid: number;
  /** Every line printed after the port line; still readable after `stop`. */
  lines(): readonly HostLine[];
  getAnalyzerInfo(): Promise<AnalyzerInfoView>;
  /**
   * Configures every policy as the engine does: each gets its level and config properties,
   * `config`'s entry merged over the defaults of GetAnalyzerInfo (level and schema defaults).
   */
  configure(config?: Readonly<Record<string, PolicyConfigEntry>>): Promise<void>;
  analyze(resource: AnalyzedResource): Promise<Diagnostic[]>;
  analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]>;
  /** Closes the client, ends the process and waits for it to exit. Safe to call again. */
  stop(): Promise<void>;
}

/** Options of {@link startAnalyzer}. */
export interface StartAnalyzerOptions {
  /** Extra environment of the pack's process. */
  env?: Record<string, string>;
  /** How long to wait for the port line; default 30 000 ms. */
  startTimeoutMs?: number;
}

function unary<Res>(
  method: string,
  call: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call((err, res) => {
      if (err) reject(new Error(`${method} failed: ${err.details || err.message}`));
      else resolve(res);
    });
  });
}

function options(): analyzerproto.AnalyzerResourceOptions {
  // The engine always sends options; @pulumi/policy refuses a request without them.
  const opts = new analyzerproto.AnalyzerResourceOptions();
  opts.setProtect(false);
  return opts;
}

/**
 * The diagnostics of a response. `about` is the URN of the resource Analyze was asked about:
 * the engine reports a violation without a URN there, as the resource's own.
 */
function diagnostics(res: analyzerproto.AnalyzeResponse, about = ""): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: levelName(d.getEnforcementlevel()),
    urn: d.getUrn() || about,
  }));
}

function stackResource(r: AnalyzedResource): analyzerproto.AnalyzerResource {
  const res = new analyzerproto.AnalyzerResource();
  res.setType(r.type);
  res.setUrn(r.urn);
  res.setName(r.name);
  res.setProperties(toStruct(r.props));
  res.setOptions(options());
  if (r.parent) res.setParent(r.parent);
  res.setDependenciesList([...(r.dependencies ?? [])]);
  const map = res.getPropertydependenciesMap();
  for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
    const deps = new analyzerproto.AnalyzerPropertyDependencies();
    deps.setUrnsList([...urns]);
    map.set(k, deps);
  }
  return res;
}

/**
 * Starts the policy pack in `packDir` (holding `PulumiPolicy.yaml` and the pack's program) as
 * the CLI does, with `@pulumi/pulumi` resolved from that directory (so from the project whose
 * `node_modules` hold the pack, for the library's ready pack), and connects to it.
 */
export async function startAnalyzer(
  packDir: string,
  opts: StartAnalyzerOptions = {},
): Promise<AnalyzerProcess> {
  const entry = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  // The CLI passes the engine's address first; the pack only logs through it, on errors.
  const child: PluginProcess = spawn(process.execPath, [entry, "127.0.0.1:0", "."], {
    cwd: packDir,
    env: cleanEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const lines: HostLine[] = [];
  let port: number;
  try {
    port = await readPort(child, lines, opts.startTimeoutMs ?? 30_000, "the policy pack");
  } catch (e) {
    process.off("exit", killOnExit);
    await terminate(child);
    throw e;
  }
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let stopped: Promise<void> | undefined;

  const getAnalyzerInfo = async (): Promise<AnalyzerInfoView> => {
    const info = await unary<analyzerproto.AnalyzerInfo>("GetAnalyzerInfo", (cb) =>
      client.getAnalyzerInfo(new emptyproto.Empty(), cb),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map((p) => {
        const view: PolicyInfoView = {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: levelName(p.getEnforcementlevel()),
          remediationSteps: p.getRemediationSteps(),
        };
        const schema = p.getConfigschema()?.getProperties()?.toJavaScript();
        if (schema) view.configSchema = schema as PolicyInfoView["configSchema"];
        return view;
      }),
    };
  };

  return {
    port,
    pid: child.pid ?? -1,
    lines: () => lines,
    getAnalyzerInfo,

    async configure(config = {}) {
      const info = await getAnalyzerInfo();
      const req = new analyzerproto.ConfigureAnalyzerRequest();
      const map = req.getPolicyconfigMap();
      for (const policy of info.policies) {
        const given = config[policy.name];
        const entry = typeof given === "string" ? { enforcementLevel: given } : { ...given };
        const props: Props = {};
        for (const [k, s] of Object.entries(policy.configSchema ?? {})) {
          if (s.default !== undefined) props[k] = s.default;
        }
        for (const [k, v] of Object.entries(entry)) if (k !== "enforcementLevel") props[k] = v;
        const pc = new analyzerproto.PolicyConfig();
        pc.setEnforcementlevel(
          LEVELS[(entry.enforcementLevel as Level) ?? policy.enforcementLevel],
        );
        pc.setProperties(toStruct(props));
        map.set(policy.name, pc);
      }
      await unary<emptyproto.Empty>("Configure", (cb) => client.configure(req, cb));
    },

    async analyze(r) {
      const req = new analyzerproto.AnalyzeRequest();
      req.setType(r.type);
      req.setUrn(r.urn);
      req.setName(r.name);
      req.setProperties(toStruct(r.props));
      req.setOptions(options());
      const res = await unary<analyzerproto.AnalyzeResponse>("Analyze", (cb) =>
        client.analyze(req, cb),
      );
      return diagnostics(res, r.urn);
    },

    async analyzeStack(resources) {
      const req = new analyzerproto.AnalyzeStackRequest();
      req.setResourcesList(resources.map(stackResource));
      const res = await unary<analyzerproto.AnalyzeResponse>("AnalyzeStack", (cb) =>
        client.analyzeStack(req, cb),
      );
      return diagnostics(res);
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
