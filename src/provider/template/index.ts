/**
 * The CallbackTemplate provider: check, diff, create, read, update and delete against the live
 * API, each in its own module. Diff always asks the API, so drift made in the console shows in
 * `pulumi preview`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CallbackTemplateInputs } from "../../schemas/template";
import { createClaims } from "../claims";
import type { ProviderContext } from "../context";
import { checkTemplate } from "./check";
import { createTemplate } from "./create";
import { deleteTemplate } from "./delete";
import { diffTemplate, readTemplate } from "./diff";
import type { CallbackTemplateOutputs, TemplateScope } from "./scope";
import { updateTemplate } from "./update";

export type { CallbackTemplateOutputs, RotationOutputs } from "./scope";

/** The six provider functions of CallbackTemplate, sharing one process's claims. */
export function createTemplateProvider(ctx: ProviderContext) {
  const scope: TemplateScope = {
    ctx,
    names: createClaims(),
    adopted: new Set(),
    seen: new Map(),
  };
  return {
    check: (_olds: unknown, news: Record<string, unknown>): Promise<dynamic.CheckResult> =>
      checkTemplate(ctx, news),
    diff: (id: string, olds: CallbackTemplateOutputs, news: Record<string, unknown>) =>
      diffTemplate(scope, id, olds, news),
    create: (inputs: CallbackTemplateInputs) => createTemplate(scope, inputs),
    read: (id: string, props?: CallbackTemplateOutputs) => readTemplate(scope, id, props),
    update: (id: string, olds: CallbackTemplateOutputs, news: CallbackTemplateInputs) =>
      updateTemplate(scope, id, olds, news),
    delete: (id: string, props: CallbackTemplateOutputs) => deleteTemplate(scope, id, props),
  };
}
