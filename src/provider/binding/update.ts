/** Updating a DomainCallbackBinding: re-pointing its rule to the declared template. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import { withoutProvider } from "../context";
import { perform } from "../errors";
import { createdBindingNotice, repointNotice } from "../propagation";
import { pointRule } from "./pointRule";
import {
  bindingId,
  bindingLabel,
  bindingOutputs,
  type BindingScope,
  type DomainCallbackBindingOutputs,
} from "./scope";

/**
 * Pulumi's `update` for DomainCallbackBinding; the domain and app never change here (replace).
 * A rule that changed gets one line on the propagation window.
 */
export async function updateBinding(
  scope: BindingScope,
  olds: DomainCallbackBindingOutputs,
  news: DomainCallbackBindingInputs,
): Promise<dynamic.UpdateResult> {
  const declared = withoutProvider(news) as DomainCallbackBindingInputs;
  const label = bindingLabel(olds);
  return perform(`Updating ${label}`, async () => {
    const client = scope.ctx.client();
    const current = await client.findLiveCallbackRule(declared.domainName, declared.appName);
    const rule = await pointRule(
      client,
      declared.domainName,
      declared.appName,
      declared.templateId,
      current,
    );
    const path = bindingId(declared);
    if (!current) {
      scope.ctx.log(createdBindingNotice(label, path, declared.templateId));
    } else if (current.TemplateId !== declared.templateId) {
      const appliedAt = new Date().toISOString();
      scope.ctx.log(
        repointNotice(label, path, current.TemplateId, declared.templateId, { appliedAt }),
      );
    }
    return { outs: bindingOutputs(declared, rule) };
  });
}
