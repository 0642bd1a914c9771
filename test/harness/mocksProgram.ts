/**
 * A compiled Pulumi program run under `pulumi.runtime.setMocks` in a consumer project, and its
 * registrations turned into the harness's {@link Program}, so that the program's first `up` can
 * then run through Pulumi's dynamic-provider host. Used by the import proof and the examples'.
 */
import { cleanEnv, run } from "./run";
import { outputOf, TYPE_TOKENS, type DeclaredResource, type Program } from "./engine";
import { SECRET_SIG_KEY } from "./host";

/** One resource registration, as the engine would receive it. */
export interface Registration {
  type: string;
  name: string;
  urn: string;
  object: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

/**
 * Runs a compiled program under `pulumi.runtime.setMocks` in its own Node process (the consumer's
 * `@pulumi/pulumi`, so the program's resources register with the mocked runtime), with `config`
 * set as stack config (secret unless `secretKeys` lists which are), and prints every
 * registration request as JSON.
 */
export const MOCKS_DRIVER = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { program, project, expected, config, secretKeys } = JSON.parse(process.env.LIVE_MOCKS_PROGRAM);

async function main() {
  const registrations = [];
  let nextId = 5000;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const template = args.type.endsWith(":CallbackTemplate");
        const id = template ? String(nextId++) : args.inputs.domainName + "/" + args.inputs.appName;
        return { id, state: template ? { ...args.inputs, templateId: Number(id) } : args.inputs };
      },
      call: () => ({}),
    },
    project,
    "dev",
    false,
  );
  const values = Object.fromEntries(Object.entries(config).map(([k, v]) => [project + ":" + k, v]));
  const secrets = (secretKeys || Object.keys(config)).map((k) => project + ":" + k);
  pulumi.runtime.setAllConfig(values, secrets);
  // The mocks hide dependencies from newResource; the registration request has them.
  const monitor = pulumi.runtime.getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, res) => {
      registrations.push({
        type: req.getType(),
        name: req.getName(),
        urn: res ? res.getUrn() : "",
        object: req.getObject().toJavaScript(),
        dependencies: req.getDependenciesList(),
        propertyDependencies: Object.fromEntries(
          req.getPropertydependenciesMap().toArray().map(([k, v]) => [k, v[0] || []]),
        ),
      });
      cb(err, res);
    });
  require(program);
  for (let i = 0; i < 2000 && registrations.length < expected; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  // Long enough for a registration beyond the expected ones to show up too.
  await new Promise((r) => setTimeout(r, 200));
  return "\\n" + JSON.stringify(registrations) + "\\n";
}

main().then(
  (out) => process.stdout.write(out, () => process.exit(0)),
  (e) => {
    console.error((e && e.stack) || String(e));
    process.exit(1);
  },
);
`;

/** What {@link runUnderMocks} runs. */
export interface MocksRun {
  /** The compiled program's entry file (absolute). */
  program: string;
  /** The Pulumi project name: config keys are namespaced with it. */
  project: string;
  /** How many registrations to wait for. */
  expected: number;
  /** Stack config, keys without the project prefix. */
  config: Record<string, string>;
  /** The config keys that are secret; default: all of them. */
  secretKeys?: readonly string[];
  /** Extra environment of the program (e.g. the emulator's endpoint for a lookup). */
  env?: Record<string, string>;
}

/** Runs `spec.program` under mocks with the Node of this process, from `cwd`. */
export async function runUnderMocks(cwd: string, spec: MocksRun): Promise<Registration[]> {
  const { env, ...rest } = spec;
  const { stdout } = await run(process.execPath, ["-e", MOCKS_DRIVER], {
    cwd,
    env: cleanEnv({ ...env, LIVE_MOCKS_PROGRAM: JSON.stringify(rest) }),
    timeoutMs: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as Registration[];
}

/** The registrations as the harness's program: inputs plain, `templateId` as an output ref. */
export function programFromRegistrations(registrations: readonly Registration[]): Program {
  const provider = (type: string) =>
    registrations.find((r) => r.type === type)?.object.__provider as string;
  const resources: DeclaredResource[] = registrations.map((r) => {
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.object)) {
      if (k === "__provider" || v === null || v === undefined) continue;
      inputs[k] =
        typeof v === "object" && SECRET_SIG_KEY in v
          ? (v as unknown as { value: unknown }).value
          : v;
    }
    if (r.type === TYPE_TOKENS.binding) {
      inputs.templateId = outputOf(r.propertyDependencies.templateId[0], "templateId");
    }
    return { urn: r.urn, kind: r.type === TYPE_TOKENS.template ? "template" : "binding", inputs };
  });
  return {
    providers: {
      template: provider(TYPE_TOKENS.template),
      binding: provider(TYPE_TOKENS.binding),
    },
    resources,
  };
}
