/**
 * What `pulumi preview` and `pulumi refresh` ask of the provider for an existing stack: a diff
 * (or a read) of every resource, issued with the engine's concurrency through the provider
 * functions of one provider process. Also the per-resource reads a Terraform-style provider makes,
 * as the baseline the shared reads are measured against.
 */
import type { LiveClient } from "../../src/api/client";
import { compare } from "../../src/provider/template/fields";
import type { ProviderRun } from "../../test/support/providerRun";
import { runPool } from "./pool";
import type { BindingResource, SeededStack, TemplateResource } from "./seed";

/** One resource of a stack, of either type. */
type AnyResource =
  { kind: "template"; resource: TemplateResource } | { kind: "binding"; resource: BindingResource };

/** Templates first, then bindings: the order a program declares them, and the engine visits them. */
function resourcesOf(stack: SeededStack): AnyResource[] {
  return [
    ...stack.templates.map((resource) => ({ kind: "template" as const, resource })),
    ...stack.bindings.map((resource) => ({ kind: "binding" as const, resource })),
  ];
}

/** How many diffs reported a change, out of how many. */
export interface PreviewOutcome {
  diffs: number;
  changed: number;
}

// The engine passes the serialized provider along with the inputs; diff must ignore it.
const ENGINE_NEWS = { __provider: "exports.handler = __f0; /* serialized provider */" };

/** Diffs every resource of `stack` through `run`'s provider functions, `concurrency` at a time. */
export async function preview(
  run: ProviderRun,
  stack: SeededStack,
  concurrency: number,
): Promise<PreviewOutcome> {
  const results = await runPool(resourcesOf(stack), concurrency, ({ kind, resource }) =>
    kind === "template"
      ? run.template.diff(resource.id, resource.olds, { ...resource.news, ...ENGINE_NEWS })
      : run.binding.diff(resource.id, resource.olds, { ...resource.news, ...ENGINE_NEWS }),
  );
  return { diffs: results.length, changed: results.filter((r) => r.changes).length };
}

/** How many reads found their resource, out of how many. */
export interface RefreshOutcome {
  reads: number;
  found: number;
}

/** Reads every resource of `stack` through `run`'s provider functions, `concurrency` at a time. */
export async function refresh(
  run: ProviderRun,
  stack: SeededStack,
  concurrency: number,
): Promise<RefreshOutcome> {
  const results = await runPool(resourcesOf(stack), concurrency, ({ kind, resource }) =>
    kind === "template"
      ? run.template.read(resource.id, resource.olds)
      : run.binding.read(resource.id, resource.olds),
  );
  return { reads: results.length, found: results.filter((r) => r.id !== "").length };
}

/**
 * The baseline: what a provider that reads per resource does (the Terraform provider's read of
 * `tencentcloud_live_callback_template` is one DescribeLiveCallbackTemplate, of
 * `tencentcloud_live_callback_rule` one DescribeLiveCallbackRules filtered locally). Our provider
 * cannot be told to do this, so it is done here with the client (pass one with sharedReads off),
 * comparing the same fields the provider's diff compares.
 */
export async function perResourcePreview(
  client: LiveClient,
  stack: SeededStack,
  concurrency: number,
): Promise<PreviewOutcome> {
  const results = await runPool(resourcesOf(stack), concurrency, async ({ kind, resource }) => {
    if (kind === "template") {
      const info = await client.describeLiveCallbackTemplate(Number(resource.id));
      return compare(resource.news, info, resource.olds).length > 0;
    }
    const { domainName, appName, templateId } = resource.news;
    const rule = (await client.describeLiveCallbackRules()).find(
      (r) => r.DomainName === domainName && r.AppName === appName,
    );
    return rule?.TemplateId !== templateId;
  });
  return { diffs: results.length, changed: results.filter(Boolean).length };
}
