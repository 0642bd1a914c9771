/**
 * The part of the Pulumi engine that decides which provider calls a deployment makes, reduced to
 * what this library's two resource types need: `up` (Check, then Create or Diff → Update or
 * replace, in dependency order, then deletes of resources no longer declared), `refresh` (Read
 * each) and `destroy` (Delete dependents first). State is kept like the engine keeps it: per URN,
 * the id, the outputs (with `__provider`) and the checked inputs.
 *
 * Steps run one at a time by default; with `parallelism` they run as the engine runs them: each
 * as soon as the resources it depends on are done, several at once, and no new step after the
 * first failure (the steps in flight finish).
 *
 * Not modelled: secrets re-marking, ignoreChanges, protect, aliases.
 */
import type { SerializedProviders } from "./consumer";
import type { DiffResult, Props, ProviderHost } from "./host";

/** The library's resource types. */
export type ResourceKind = keyof SerializedProviders;

/** Type tokens registered by the resource classes. */
export const TYPE_TOKENS: Readonly<Record<ResourceKind, string>> = {
  template: "pulumi-nodejs:dynamic/tencentcloud-live:CallbackTemplate",
  binding: "pulumi-nodejs:dynamic/tencentcloud-live:DomainCallbackBinding",
};

/** The URN the engine gives a resource named `name` of `kind` in a project's stack. */
export function resourceUrn(
  kind: ResourceKind,
  name: string,
  where: { project?: string; stack?: string } = {},
): string {
  const project = where.project ?? "live-callbacks-quickstart";
  return `urn:pulumi:${where.stack ?? "dev"}::${project}::${TYPE_TOKENS[kind]}::${name}`;
}

/** An input that is another resource's output, e.g. a binding's `templateId`. */
export interface OutputRef {
  readonly outputOf: string;
  readonly property: string;
}

/** Refers to output `property` of the resource `urn`; the reference also orders the two. */
export function outputOf(urn: string, property: string): OutputRef {
  return { outputOf: urn, property };
}

function isRef(value: unknown): value is OutputRef {
  return typeof value === "object" && value !== null && "outputOf" in value;
}

/** One resource as a program declares it; top-level inputs may be {@link OutputRef}s. */
export interface DeclaredResource {
  urn: string;
  kind: ResourceKind;
  inputs: Record<string, unknown>;
}

/** A program: its resources and the serialized provider of each resource type. */
export interface Program {
  providers: SerializedProviders;
  resources: readonly DeclaredResource[];
}

/** What the engine stores for one resource. */
export interface StateEntry {
  kind: ResourceKind;
  id: string;
  /** Outputs as the provider returned them, `__provider` included. */
  outputs: Props;
  /** The checked inputs, `__provider` included. */
  inputs: Props;
  /** URNs this resource's inputs referred to. */
  dependencies: string[];
}

/** The stack's state: URN → entry. */
export type EngineState = Map<string, StateEntry>;

/** A gRPC method the engine called. */
export type RpcMethod = "Check" | "Diff" | "Create" | "Update" | "Read" | "Delete";

/** What the engine did to one resource, and the calls that did it. */
export interface StepRecord {
  urn: string;
  /** `same`: Diff found nothing; `drop`: Read found the resource gone and it left the state. */
  op: "create" | "update" | "replace" | "same" | "delete" | "refresh" | "drop";
  calls: RpcMethod[];
  /** Diff's answer, when Diff was called. */
  diff?: DiffResult;
  /** The resource's id after the step (before it, for delete and drop). */
  id: string;
  /** The properties Create, Update or Read returned. */
  outputs?: Props;
}

/** One line describing a step, e.g. `update  …::prod-hooks  Check → Diff(some) → Update`. */
export function formatStep(step: StepRecord): string {
  const calls = step.calls.map((c) =>
    c === "Diff" && step.diff ? `Diff(${step.diff.changes})` : c,
  );
  return `${step.op.padEnd(7)} ${step.urn.split("::").pop()} (${step.id || "no id"})  ${calls.join(" → ")}`;
}

/** Orders URNs so that each comes after the URNs it depends on; throws on a cycle. */
function dependencyOrder(nodes: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (urn: string, path: string[]): void => {
    if (state.get(urn) === "done") return;
    if (state.get(urn) === "visiting") {
      throw new Error(`dependency cycle: ${[...path, urn].join(" → ")}`);
    }
    state.set(urn, "visiting");
    for (const dep of nodes.get(urn) ?? []) if (nodes.has(dep)) visit(dep, [...path, urn]);
    state.set(urn, "done");
    order.push(urn);
  };
  for (const urn of nodes.keys()) visit(urn, []);
  return order;
}

function refsOf(inputs: Record<string, unknown>): string[] {
  return Object.values(inputs)
    .filter(isRef)
    .map((r) => r.outputOf);
}

/** The program's resources, each after the resources its inputs refer to. */
function inDependencyOrder(program: Program): DeclaredResource[] {
  const byUrn = new Map(program.resources.map((r) => [r.urn, r]));
  const order = dependencyOrder(new Map(program.resources.map((r) => [r.urn, refsOf(r.inputs)])));
  return order.map((urn) => byUrn.get(urn)!);
}

/** Replaces each {@link OutputRef} with the output it names, read from `state`. */
function resolveInputs(resource: DeclaredResource, state: EngineState): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(resource.inputs)) {
    if (!isRef(v)) {
      out[k] = v;
      continue;
    }
    const target = state.get(v.outputOf);
    if (!target) {
      throw new Error(`${resource.urn}: ${k} refers to ${v.outputOf}, which has no state`);
    }
    out[k] = target.outputs[v.property];
  }
  return out;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The engine's own input diff, used when a provider's Diff answers "unknown". */
function inputsDiffer(olds: Props, news: Props): boolean {
  return canonical(olds) !== canonical(news);
}

/** How {@link up} and {@link upAll} schedule steps. */
export interface UpOptions {
  /**
   * Most steps in flight at once; default 1. The engine's default is several times the number
   * of CPUs, all served by one provider process.
   */
  parallelism?: number;
}

/** A step that failed, with what the provider threw. */
export interface StepFailure {
  urn: string;
  error: Error;
}

/** What {@link upAll} did: the steps that completed and the ones that failed. */
export interface UpOutcome {
  steps: StepRecord[];
  failures: StepFailure[];
}

/** A counting semaphore whose waiters are served in the order they came. */
function slots(size: number): { acquire(): Promise<void>; release(): void } {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      if (free > 0) {
        free -= 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}

/**
 * Runs `pulumi up` for `program` and reports failures instead of throwing: each declared resource
 * once the resources it depends on are done (a resource whose dependency failed is skipped), up
 * to `parallelism` at once; then, if nothing failed, deletes of resources in `state` that the
 * program no longer declares (dependents first). Updates `state` in place.
 */
export async function upAll(
  host: ProviderHost,
  state: EngineState,
  program: Program,
  options: UpOptions = {},
): Promise<UpOutcome> {
  const steps: StepRecord[] = [];
  const failures: StepFailure[] = [];
  const declared = new Set(program.resources.map((r) => r.urn));
  const limit = slots(options.parallelism ?? 1);
  const outcome = new Map<string, Promise<boolean>>();
  let failed = false;
  const run = (resource: DeclaredResource): Promise<boolean> => {
    let done = outcome.get(resource.urn);
    if (!done) {
      done = (async () => {
        const deps = refsOf(resource.inputs).filter((urn) => declared.has(urn));
        const ready = await Promise.all(deps.map((urn) => outcome.get(urn) ?? true));
        if (!ready.every(Boolean)) return false;
        await limit.acquire();
        try {
          if (failed) return false;
          steps.push(await applyOne(host, state, resource, program.providers));
          return true;
        } catch (e) {
          failed = true;
          failures.push({
            urn: resource.urn,
            error: e instanceof Error ? e : new Error(String(e)),
          });
          return false;
        } finally {
          limit.release();
        }
      })();
      outcome.set(resource.urn, done);
    }
    return done;
  };
  // Started in dependency order, so that one slot gives exactly the sequential order.
  await Promise.all(inDependencyOrder(program).map(run));
  if (failures.length > 0) return { steps, failures };
  const removed = new Map(
    [...state].filter(([urn]) => !declared.has(urn)).map(([urn, e]) => [urn, e.dependencies]),
  );
  for (const urn of dependencyOrder(removed).reverse()) {
    steps.push(await deleteOne(host, state, urn));
  }
  return { steps, failures };
}

/**
 * Runs `pulumi up` for `program` (see {@link upAll}) and throws the first failure; the state then
 * holds every step completed before it, as the engine's would.
 */
export async function up(
  host: ProviderHost,
  state: EngineState,
  program: Program,
  options: UpOptions = {},
): Promise<StepRecord[]> {
  const { steps, failures } = await upAll(host, state, program, options);
  if (failures.length > 0) throw failures[0].error;
  return steps;
}

/** Check, as the engine runs it before anything else: new inputs against the old INPUTS. */
async function checkOne(
  host: ProviderHost,
  state: EngineState,
  resource: DeclaredResource,
  providers: SerializedProviders,
): Promise<Props> {
  const news = { ...resolveInputs(resource, state), __provider: providers[resource.kind] };
  const checked = await host.check(resource.urn, state.get(resource.urn)?.inputs ?? {}, news);
  if (checked.failures.length > 0) {
    const why = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new Error(`Check of ${resource.urn} failed: ${why}`);
  }
  return checked.inputs;
}

/** Whether `up` would change a resource, from Diff's answer (or the inputs, when it is unknown). */
function diffChanges(diff: DiffResult, olds: Props, news: Props): boolean {
  return diff.changes === "some" || (diff.changes === "unknown" && inputsDiffer(olds, news));
}

/**
 * Runs `pulumi preview` for `program`: Check, and Diff for resources already in `state`, in
 * dependency order; nothing is applied and `state` is not changed. The records say what `up`
 * would do (`create`, `update`, `replace` or `same`).
 */
export async function preview(
  host: ProviderHost,
  state: EngineState,
  program: Program,
): Promise<StepRecord[]> {
  const steps: StepRecord[] = [];
  for (const resource of inDependencyOrder(program)) {
    const urn = resource.urn;
    const prior = state.get(urn);
    const inputs = await checkOne(host, state, resource, program.providers);
    if (!prior) {
      steps.push({ urn, op: "create", calls: ["Check"], id: "" });
      continue;
    }
    const diff = await host.diff(prior.id, urn, prior.outputs, inputs);
    const changed = diffChanges(diff, prior.inputs, inputs);
    const op = !changed ? "same" : diff.replaces.length > 0 ? "replace" : "update";
    steps.push({ urn, op, calls: ["Check", "Diff"], diff, id: prior.id });
  }
  return steps;
}

/** One resource of `up`: Check, then Create, or Diff and then nothing, Update or a replacement. */
async function applyOne(
  host: ProviderHost,
  state: EngineState,
  resource: DeclaredResource,
  providers: SerializedProviders,
): Promise<StepRecord> {
  const { urn, kind } = resource;
  const prior = state.get(urn);
  const inputs = await checkOne(host, state, resource, providers);
  const dependencies = refsOf(resource.inputs);
  if (!prior) {
    const { id, properties: outputs } = await host.create(urn, inputs);
    state.set(urn, { kind, id, outputs, inputs, dependencies });
    return { urn, op: "create", calls: ["Check", "Create"], id, outputs };
  }
  // Diff and Update compare with the old OUTPUTS.
  const diff = await host.diff(prior.id, urn, prior.outputs, inputs);
  const changed = diffChanges(diff, prior.inputs, inputs);
  if (!changed) {
    // The engine keeps the old outputs and records the new inputs.
    state.set(urn, { ...prior, inputs, dependencies });
    return { urn, op: "same", calls: ["Check", "Diff"], diff, id: prior.id };
  }
  if (diff.replaces.length > 0) {
    return replace(host, state, urn, prior, { kind, inputs, dependencies }, diff);
  }
  const outputs = await host.update(prior.id, urn, prior.outputs, inputs);
  state.set(urn, { ...prior, outputs, inputs, dependencies });
  return { urn, op: "update", calls: ["Check", "Diff", "Update"], diff, id: prior.id, outputs };
}

/** A replacement: create-then-delete, or delete-then-create when the provider asks for it. */
async function replace(
  host: ProviderHost,
  state: EngineState,
  urn: string,
  prior: StateEntry,
  next: Pick<StateEntry, "kind" | "inputs" | "dependencies">,
  diff: DiffResult,
): Promise<StepRecord> {
  if (diff.deleteBeforeReplace) await host.delete(prior.id, urn, prior.outputs);
  const created = await host.create(urn, next.inputs);
  if (!diff.deleteBeforeReplace) await host.delete(prior.id, urn, prior.outputs);
  state.set(urn, { ...next, id: created.id, outputs: created.properties });
  const calls: RpcMethod[] = diff.deleteBeforeReplace
    ? ["Check", "Diff", "Delete", "Create"]
    : ["Check", "Diff", "Create", "Delete"];
  return { urn, op: "replace", calls, diff, id: created.id, outputs: created.properties };
}

async function deleteOne(host: ProviderHost, state: EngineState, urn: string): Promise<StepRecord> {
  const entry = state.get(urn)!;
  await host.delete(entry.id, urn, entry.outputs);
  state.delete(urn);
  return { urn, op: "delete", calls: ["Delete"], id: entry.id };
}

/**
 * Runs `pulumi refresh`: Read each resource with its outputs and inputs. An empty id drops the
 * resource from `state`; otherwise its outputs, and its inputs when Read returned some, are
 * replaced.
 */
export async function refresh(host: ProviderHost, state: EngineState): Promise<StepRecord[]> {
  const steps: StepRecord[] = [];
  const order = dependencyOrder(new Map([...state].map(([urn, e]) => [urn, e.dependencies])));
  for (const urn of order) {
    const entry = state.get(urn)!;
    const read = await host.read(entry.id, urn, entry.outputs, entry.inputs);
    if (read.id === "") {
      state.delete(urn);
      steps.push({ urn, op: "drop", calls: ["Read"], id: entry.id });
      continue;
    }
    state.set(urn, {
      ...entry,
      id: read.id,
      outputs: read.properties,
      inputs: read.inputs ?? entry.inputs,
    });
    steps.push({ urn, op: "refresh", calls: ["Read"], id: read.id, outputs: read.properties });
  }
  return steps;
}

/** Runs `pulumi destroy`: Delete every resource in `state`, dependents first. */
export async function destroy(host: ProviderHost, state: EngineState): Promise<StepRecord[]> {
  const order = dependencyOrder(new Map([...state].map(([urn, e]) => [urn, e.dependencies])));
  const steps: StepRecord[] = [];
  for (const urn of order.reverse()) steps.push(await deleteOne(host, state, urn));
  return steps;
}
