/**
 * The DomainCallbackBinding provider: one callback rule, keyed by (domain, app), pointing at a
 * template. Each entry point lives in its own module; re-pointing is in `pointRule.ts`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import { createClaims } from "../claims";
import type { ProviderContext } from "../context";
import { checkBinding } from "./check";
import { createBinding } from "./create";
import { deleteBinding } from "./delete";
import { diffBinding, readBinding } from "./diff";
import type { BindingScope, DomainCallbackBindingOutputs } from "./scope";
import { updateBinding } from "./update";

export { pointRule } from "./pointRule";
export { bindingId, parseBindingId } from "./scope";
export type { DomainCallbackBindingOutputs } from "./scope";

/** The six provider functions of DomainCallbackBinding, sharing one process's claims. */
export function createBindingProvider(ctx: ProviderContext) {
  const scope: BindingScope = { ctx, rules: createClaims(), adopted: new Set() };
  return {
    check: (_olds: unknown, news: Record<string, unknown>): Promise<dynamic.CheckResult> =>
      checkBinding(news),
    diff: (_id: string, olds: DomainCallbackBindingOutputs, news: Record<string, unknown>) =>
      diffBinding(scope, olds, news),
    create: (inputs: DomainCallbackBindingInputs) => createBinding(scope, inputs),
    read: (id: string, props?: DomainCallbackBindingOutputs) => readBinding(scope, id, props),
    update: (_id: string, olds: DomainCallbackBindingOutputs, news: DomainCallbackBindingInputs) =>
      updateBinding(scope, olds, news),
    delete: (_id: string, props: DomainCallbackBindingOutputs) => deleteBinding(scope, props),
  };
}
