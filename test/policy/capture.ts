/**
 * What a program registers, captured under `pulumi.runtime.setMocks` as the engine would receive
 * it: each resource's type, URN, inputs (secrets and unknowns in their wire form), the outputs
 * the mocks answered, and the dependencies and property dependencies of the registration
 * request, which the mocks' `newResource` does not see.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AnalyzedResource } from "../harness";

/** One registered resource: its inputs for Analyze and its outputs for AnalyzeStack. */
export interface CapturedResource {
  type: string;
  urn: string;
  name: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getObject(): { toJavaScript(): Record<string, unknown> };
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { toArray(): [string, unknown[]][] };
}

/** Options of {@link capture}. */
export interface CaptureOptions {
  /** Run as `pulumi preview` does: outputs the mocks do not return are unknown. */
  preview?: boolean;
  /** Outputs of each new resource; default: its inputs. `id` defaults to the name. */
  newResource?: (args: pulumi.runtime.MockResourceArgs) => {
    id: string;
    state: Record<string, unknown>;
  };
  /** Stack config, keys namespaced (`quickstart:callbackKey`); all sent as secrets. */
  secretConfig?: Record<string, string>;
}

/** Runs `program` under mocks and resolves once `expected` resources have registered. */
export async function capture(
  program: () => void,
  expected: number,
  options: CaptureOptions = {},
): Promise<CapturedResource[]> {
  const outputs = new Map<string, Record<string, unknown>>();
  const captured: CapturedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const result = options.newResource?.(args) ?? { id: args.name, state: args.inputs };
        outputs.set(args.name, result.state);
        return result;
      },
      call: () => ({}),
    },
    "quickstart",
    "dev",
    options.preview ?? false,
  );
  const config = options.secretConfig ?? {};
  pulumi.runtime.setAllConfig(config, Object.keys(config));
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (
      req: RegisterRequest,
      cb: (err: unknown, res: { getUrn(): string } | undefined) => void,
    ) => void;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, res) => {
      const name = req.getName();
      captured.push({
        type: req.getType(),
        urn: res?.getUrn() ?? "",
        name,
        inputs: req.getObject().toJavaScript(),
        // The mocks answer with what newResource returned, secrets as written there.
        outputs: JSON.parse(JSON.stringify(outputs.get(name) ?? {})),
        dependencies: req.getDependenciesList(),
        propertyDependencies: Object.fromEntries(
          req
            .getPropertydependenciesMap()
            .toArray()
            .map(([k, v]) => [k, (v[0] as string[]) ?? []]),
        ),
      });
      cb(err, res);
    });
  program();
  for (let i = 0; i < 250 && captured.length < expected; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  if (captured.length !== expected) {
    throw new Error(`expected ${expected} registrations, got ${captured.length}`);
  }
  return captured;
}

/** A captured resource as Analyze receives it: its inputs. */
export function asInputs(r: CapturedResource): AnalyzedResource {
  return { type: r.type, urn: r.urn, name: r.name, props: r.inputs };
}

/** A captured resource as AnalyzeStack receives it: its outputs and dependencies. */
export function asOutputs(r: CapturedResource): AnalyzedResource {
  return {
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: r.outputs,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  };
}
