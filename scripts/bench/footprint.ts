/**
 * Section 3 of the benchmark: what `__provider` costs in the state, before (0.1.0) and after.
 *
 * The library is packed and installed into a consumer project, as from the registry, and
 * Pulumi's own dynamic-provider host creates the quickstart's template and bindings against an
 * in-process emulator, once with the 0.1.0 `__provider` texts (test/fixtures) and once with
 * this version's, so the stored properties are the real ones. From a binding's state it derives
 * the bytes that binding adds to the checkpoint file, and the bytes an `up` creating many
 * bindings writes when the file backend saves the whole checkpoint after every step: with the
 * stack growing one binding per step, that total grows with the square of the bindings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  destroy,
  prepareConsumer,
  QUICKSTART_URNS,
  quickstartResources,
  quickstartTemplate,
  runDeployment,
  serializeWithMocks,
  startLocalLive,
  up,
  type EngineState,
  type LibraryClasses,
  type LocalLive,
  type SerializedProviders,
  type StateEntry,
} from "../../test/harness";
import { bytes, checkpointFile, checkpointResource, propertyBytes } from "./checkpoint";
import { REPO_ROOT } from "./paths";
import { ratio } from "./stats";

/** `__provider` bytes of each resource type for one way of loading the library. */
export interface ProviderBytes {
  source: string;
  callbackTemplate: number;
  domainCallbackBinding: number;
}

/** What one binding's state costs, for one pair of `__provider` texts. */
export interface BindingFootprint {
  name: string;
  /** `__provider` text in the inputs / in the outputs. */
  holds: string;
  /** The `"inputs"` and `"outputs"` members of the binding in the checkpoint file. */
  propertyBytes: number;
  /** What the binding adds to the checkpoint file: its properties and the engine's envelope. */
  entryBytes: number;
  /** Of `entryBytes`, the share of the two copies of `__provider`, in percent. */
  providerPercent: number;
  /**
   * Bytes written by an `up` creating `bindings` such bindings, saving the file after each
   * step; null for a state no `up` creates (one left by an upgrade).
   */
  upWrittenBytes: number | null;
}

/** Everything section 3 measured. */
export interface FootprintResults {
  /** Bindings created by the modelled `up`. */
  bindings: number;
  /** Checkpoint size before the first binding (stack, provider, template). */
  baseBytes: number;
  providers: ProviderBytes[];
  footprints: BindingFootprint[];
  /** 0.1.0 / this version, for the installed package. */
  ratios: { provider: number; propertyBytes: number; entryBytes: number; upWrittenBytes: number };
}

const CALLBACK_KEY = "BenchFootprintKey0123";

/** The 0.1.0 texts, as stored in states that version wrote. */
function v010Providers(): SerializedProviders {
  const fixture = join(REPO_ROOT, "test", "fixtures", "provider-0.1.0.json");
  const { template, binding } = JSON.parse(readFileSync(fixture, "utf8")) as SerializedProviders;
  return { template, binding };
}

const providerBytes = (source: string, p: SerializedProviders): ProviderBytes => ({
  source,
  callbackTemplate: bytes(p.template),
  domainCallbackBinding: bytes(p.binding),
});

/**
 * Checkpoint bytes with the template and `n` copies of `binding`. Each copy's URN and id end in
 * its number instead of their last characters, so every copy is as long as the real binding.
 */
function snapshotBytes(template: StateEntry, binding: StateEntry, n: number): number {
  const numbered = (text: string, i: number) => text.slice(0, -6) + String(i).padStart(6, "0");
  const bindings = Array.from({ length: n }, (_, i) =>
    checkpointResource(numbered(QUICKSTART_URNS.main, i), {
      ...binding,
      id: numbered(binding.id, i),
    }),
  );
  return bytes(
    checkpointFile([checkpointResource(QUICKSTART_URNS.template, template), ...bindings]),
  );
}

/**
 * The checkpoint before the first binding, what each binding adds to it, and the sum of its
 * sizes after each of `n` binding steps (base + k × per binding, k = 1…n), checked against the
 * file really encoded with all `n` bindings.
 */
function checkpointGrowth(template: StateEntry, binding: StateEntry, n: number) {
  const base = snapshotBytes(template, binding, 0);
  const perBinding = snapshotBytes(template, binding, 1) - base;
  const full = snapshotBytes(template, binding, n);
  if (full !== base + n * perBinding) {
    throw new Error(`checkpoint size is not linear: ${full} ≠ ${base} + ${n} × ${perBinding}`);
  }
  return { base, perBinding, written: n * base + (perBinding * n * (n + 1)) / 2 };
}

function footprint(
  name: string,
  holds: string,
  state: EngineState,
  bindings: number,
  created: boolean,
): BindingFootprint & { baseBytes: number; written: number } {
  const template = state.get(QUICKSTART_URNS.template);
  const binding = state.get(QUICKSTART_URNS.main);
  if (!template || !binding) throw new Error(`${name}: the quickstart is not in the state`);
  const growth = checkpointGrowth(template, binding, bindings);
  const provider = [binding.inputs.__provider, binding.outputs.__provider]
    .map((text) => bytes(JSON.stringify(text)))
    .reduce((a, b) => a + b, 0);
  return {
    name,
    holds,
    propertyBytes: propertyBytes(binding),
    entryBytes: growth.perBinding,
    providerPercent: Math.round((provider / growth.perBinding) * 1000) / 10,
    upWrittenBytes: created ? growth.written : null,
    baseBytes: growth.base,
    written: growth.written,
  };
}

/** A copy of the state, so that later deployments do not change what was measured. */
const snapshot = (state: EngineState): EngineState =>
  new Map([...state].map(([urn, e]) => [urn, structuredClone(e)]));

/**
 * Runs the deployments and measures. Leaves nothing behind: the consumer project and the
 * emulator are removed and stopped whatever happens.
 */
export async function benchFootprint(bindings = 1000): Promise<FootprintResults> {
  const old = v010Providers();
  const local: ProviderBytes[] = [
    providerBytes(
      "repository src/ (by value)",
      await serializeWithMocks(require("../../src") as LibraryClasses),
    ),
  ];
  try {
    const dist = require(join(REPO_ROOT, "dist")) as LibraryClasses;
    local.push(providerBytes("repository dist/ (by value)", await serializeWithMocks(dist)));
  } catch {
    // Not built: the installed figure below is built from dist/ anyway.
  }
  const consumer = await prepareConsumer({ repoDir: REPO_ROOT });
  let live: LocalLive | undefined;
  try {
    live = await startLocalLive();
    const config = live.stackConfig;
    const current = consumer.providers;
    const program = (providers: SerializedProviders) => ({
      providers,
      resources: quickstartResources(quickstartTemplate(CALLBACK_KEY)),
    });
    const state: EngineState = new Map();
    const deploy = (fn: Parameters<typeof runDeployment>[2]) =>
      runDeployment(consumer.dir, config, fn);

    await deploy((host) => up(host, state, program(old)));
    const before = snapshot(state);
    // The upgrade: nothing changes, so the engine keeps 0.1.0's outputs (a Same step).
    await deploy((host) => up(host, state, program(current)));
    const upgraded = snapshot(state);
    await deploy((host) => destroy(host, state));
    await deploy((host) => up(host, state, program(current)));
    const after = snapshot(state);
    await deploy((host) => destroy(host, state));

    const measured = [
      footprint("0.1.0", "0.1.0 / 0.1.0", before, bindings, true),
      footprint("upgraded, unchanged since", "new / 0.1.0", upgraded, bindings, false),
      footprint("this version", "new / new", after, bindings, true),
    ];
    const [b, , a] = measured;
    return {
      bindings,
      baseBytes: a.baseBytes,
      providers: [
        providerBytes("0.1.0 (installed)", old),
        providerBytes("this version (installed)", current),
        ...local,
      ],
      footprints: measured.map(({ baseBytes: _base, written: _written, ...f }) => f),
      ratios: {
        provider: ratio(bytes(old.binding), bytes(current.binding)),
        propertyBytes: ratio(b.propertyBytes, a.propertyBytes),
        entryBytes: ratio(b.entryBytes, a.entryBytes),
        upWrittenBytes: ratio(b.written, a.written),
      },
    };
  } finally {
    await live?.stop().catch(() => undefined);
    await consumer.cleanup().catch(() => undefined);
  }
}
