/** Pulumi's `check` for DomainCallbackBinding: the schema's rules. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { domainCallbackBindingSchema } from "../../schemas/binding";
import { checkInputs } from "../check";
import { perform } from "../errors";
import { bindingLabel } from "./scope";

/** Validates a DomainCallbackBinding's inputs; every failure names the property, rule and value. */
export function checkBinding(news: Record<string, unknown>): Promise<dynamic.CheckResult> {
  return perform(`Checking ${bindingLabel(news)}`, async () => bindingCheckResult(news));
}

/** The rules `check` applies to a DomainCallbackBinding's inputs, shared with `import`. */
export function bindingCheckResult(news: Record<string, unknown>): dynamic.CheckResult {
  return checkInputs({ schema: domainCallbackBindingSchema }, news);
}
