/**
 * A small stand-in for the Pulumi engine: applies a declared stack through the provider
 * functions in the engine's order and keeps a state map the way the engine keeps its checkpoint.
 *
 * - Resources not in the state: check → create. Resources in the state: check → diff → update
 *   when diff reports changes, or create-then-delete when it asks for a replacement.
 * - Templates before bindings (bindings take the template's `templateId` output); resources that
 *   left the program are deleted afterwards, bindings before templates.
 * - Steps of one phase run concurrently, as the engine runs independent steps in parallel.
 * - A failed create leaves no state; a failed update or delete keeps the old state. Steps that
 *   depend on a failed one are skipped; independent ones still run (`--continue-on-error`).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ProviderRun } from "../support/providerRun";
import type { DeclaredBinding, StackDecl } from "./declared";

/** What the engine remembers about one resource between runs. */
export interface ResourceState {
  id: string;
  inputs: Record<string, unknown>;
  outs: Record<string, unknown>;
}

/** The checkpoint: resources by logical name. */
export interface StackState {
  templates: Map<string, ResourceState>;
  bindings: Map<string, ResourceState>;
  /** Replaced templates still to delete (the checkpoint's `delete: true` entries). */
  pendingDeletes: ResourceState[];
}

/** What happened to one resource in one run. */
export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "skip" | "fail";

/** One resource's step. */
export interface Step {
  kind: "template" | "binding";
  name: string;
  op: StepOp;
  error?: Error;
}

/** The outcome of one `up`. */
export interface UpResult {
  ok: boolean;
  steps: Step[];
  errors: Error[];
}

/** How `applyStack` runs. */
export interface ApplyOptions {
  /** Steps of one phase that run at the same time (the engine's `--parallel`). Default 4. */
  concurrency?: number;
}

/** An empty checkpoint (a new stack). */
export function emptyState(): StackState {
  return { templates: new Map(), bindings: new Map(), pendingDeletes: [] };
}

/** The six provider functions, seen through plain records (the state holds plain records). */
interface Ops {
  check(olds: unknown, news: Record<string, unknown>): Promise<dynamic.CheckResult>;
  diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<dynamic.CreateResult>;
  update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<dynamic.UpdateResult>;
  delete(id: string, olds: Record<string, unknown>): Promise<void>;
}

// The provider functions are typed with their own input and output shapes; the engine (and this
// stand-in) only ever passes back what they returned, so viewing them through records is safe.
const opsOf = (run: ProviderRun) => ({
  template: run.template as unknown as Ops,
  binding: run.binding as unknown as Ops,
});

/**
 * Applies `stack` once with the provider functions of `run`, updating `state` in place.
 * Never throws for a resource failure: failures are in the result, as the engine reports them.
 */
export async function applyStack(
  run: ProviderRun,
  stack: StackDecl,
  state: StackState,
  options: ApplyOptions = {},
): Promise<UpResult> {
  const limit = options.concurrency ?? 4;
  const ops = opsOf(run);
  const steps: Step[] = [];

  const templateSteps = await mapLimit(stack.templates, limit, (t) =>
    applyOne(ops.template, "template", t.name, t.inputs, state.templates, state.pendingDeletes),
  );
  steps.push(...templateSteps);
  const failedTemplates = new Set(templateSteps.filter((s) => s.op === "fail").map((s) => s.name));

  const bindingSteps = await mapLimit(stack.bindings, limit, (b) => {
    const parent = state.templates.get(b.template);
    if (!parent || failedTemplates.has(b.template)) {
      return Promise.resolve<Step>({ kind: "binding", name: b.name, op: "skip" });
    }
    return applyOne(ops.binding, "binding", b.name, bindingInputs(b, parent), state.bindings);
  });
  steps.push(...bindingSteps);

  steps.push(...(await deleteRemoved(ops, stack, state, limit)));
  const errors = steps.flatMap((s) => (s.error ? [s.error] : []));
  return { ok: steps.every((s) => s.op !== "fail" && s.op !== "skip"), steps, errors };
}

/** A binding's inputs: the template reference resolved to that template's `templateId` output. */
function bindingInputs(b: DeclaredBinding, parent: ResourceState): Record<string, unknown> {
  return { domainName: b.domainName, appName: b.appName, templateId: parent.outs.templateId };
}

/** check → create, or check → diff → update / replace, for one declared resource. */
async function applyOne(
  ops: Ops,
  kind: Step["kind"],
  name: string,
  declared: Record<string, unknown>,
  states: Map<string, ResourceState>,
  pendingDeletes: ResourceState[] = [],
): Promise<Step> {
  const old = states.get(name);
  try {
    const checked = await ops.check(old?.inputs ?? {}, { ...declared });
    if (checked.failures && checked.failures.length > 0) {
      const reasons = checked.failures.map((f) => f.reason).join("; ");
      throw new Error(`check of ${kind} ${name} failed: ${reasons}`);
    }
    const inputs = (checked.inputs ?? {}) as Record<string, unknown>;
    if (!old) {
      const created = await ops.create(inputs);
      states.set(name, { id: created.id, inputs, outs: created.outs ?? {} });
      return { kind, name, op: "create" };
    }
    const diff = await ops.diff(old.id, old.outs, inputs);
    if (diff.replaces && diff.replaces.length > 0) {
      // Create-before-delete, the engine's default: the old one goes once dependents moved.
      const created = await ops.create(inputs);
      states.set(name, { id: created.id, inputs, outs: created.outs ?? {} });
      pendingDeletes.push(old);
      return { kind, name, op: "replace" };
    }
    if (!diff.changes) return { kind, name, op: "same" };
    const updated = await ops.update(old.id, old.outs, inputs);
    states.set(name, { id: old.id, inputs, outs: updated.outs ?? {} });
    return { kind, name, op: "update" };
  } catch (e) {
    return { kind, name, op: "fail", error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/**
 * Deletes what left the program (bindings first, then templates) and templates that were
 * replaced. A template still referenced by a binding in the state is not deleted, as the engine
 * never deletes a resource before its dependents.
 */
async function deleteRemoved(
  ops: ReturnType<typeof opsOf>,
  stack: StackDecl,
  state: StackState,
  limit: number,
): Promise<Step[]> {
  const declaredBindings = new Set(stack.bindings.map((b) => b.name));
  const goneBindings = [...state.bindings.keys()].filter((n) => !declaredBindings.has(n));
  const steps = await mapLimit(goneBindings, limit, (name) =>
    deleteOne(ops.binding, "binding", name, state.bindings.get(name)!, () =>
      state.bindings.delete(name),
    ),
  );

  const stillReferenced = (id: string) =>
    [...state.bindings.values()].some((b) => String(b.outs.templateId) === id);
  const declaredTemplates = new Set(stack.templates.map((t) => t.name));
  const goneTemplates = [...state.templates.keys()].filter((n) => !declaredTemplates.has(n));
  const templateDeletes = [
    ...goneTemplates.map((name) => ({
      name,
      old: state.templates.get(name)!,
      forget: () => state.templates.delete(name),
    })),
    // A replaced template stays pending until its delete succeeds, as in the checkpoint.
    ...state.pendingDeletes.map((old) => ({
      name: `${old.id} (replaced)`,
      old,
      forget: () => state.pendingDeletes.splice(state.pendingDeletes.indexOf(old), 1),
    })),
  ];
  steps.push(
    ...(await mapLimit(templateDeletes, limit, ({ name, old, forget }) =>
      stillReferenced(old.id)
        ? Promise.resolve<Step>({ kind: "template", name, op: "skip" })
        : deleteOne(ops.template, "template", name, old, forget),
    )),
  );
  return steps;
}

/** Deletes one resource; `forget` drops it from the state once the delete succeeded. */
async function deleteOne(
  ops: Ops,
  kind: Step["kind"],
  name: string,
  old: ResourceState,
  forget: () => unknown,
): Promise<Step> {
  try {
    await ops.delete(old.id, old.outs);
    forget();
    return { kind, name, op: "delete" };
  } catch (e) {
    return { kind, name, op: "fail", error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** What {@link upUntilOk} did. */
export interface UpLoopResult {
  /** `up`s run, the successful one included. */
  ups: number;
  ok: boolean;
  /** Errors of every failed `up`, in order. */
  errors: Error[];
  /** The last `up`'s result. */
  last: UpResult;
}

/**
 * Runs `up` (each time with a fresh provider run from `newRun`) until one succeeds or `maxUps`
 * have been tried, as a GitOps pipeline retries a failed deployment.
 */
export async function upUntilOk(
  newRun: () => ProviderRun,
  stack: StackDecl,
  state: StackState,
  maxUps: number,
  options: ApplyOptions = {},
): Promise<UpLoopResult> {
  const errors: Error[] = [];
  for (let ups = 1; ; ups++) {
    const last = await applyStack(newRun(), stack, state, options);
    errors.push(...last.errors);
    if (last.ok || ups >= maxUps) return { ups, ok: last.ok, errors, last };
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
