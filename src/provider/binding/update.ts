/** Updating a DomainCallbackBinding: re-pointing its rule to the declared template. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import { withoutProvider } from "../context";
import { perform } from "../errors";
import { pointRule } from "./pointRule";
import {
  bindingLabel,
  bindingOutputs,
  type BindingScope,
  type DomainCallbackBindingOutputs,
} from "./scope";

/** Pulumi's `update` for DomainCallbackBinding; the domain and app never change here (replace). */
export async function updateBinding(
  scope: BindingScope,
  olds: DomainCallbackBindingOutputs,
  news: DomainCallbackBindingInputs,
): Promise<dynamic.UpdateResult> {
  const declared = withoutProvider(news) as DomainCallbackBindingInputs;
  return perform(`Updating ${bindingLabel(olds)}`, async () => {
    const client = scope.ctx.client();
    const current = await client.findLiveCallbackRule(declared.domainName, declared.appName);
    const rule = await pointRule(
      client,
      declared.domainName,
      declared.appName,
      declared.templateId,
      current,
    );
    return { outs: bindingOutputs(declared, rule) };
  });
}
