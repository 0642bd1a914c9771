/** Pulumi's `check` for DomainCallbackBinding: the schema's rules. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { domainCallbackBindingSchema } from "../../schemas/binding";
import { checkInputs } from "../check";
import { perform } from "../errors";
import { bindingLabel } from "./scope";

/** Validates a DomainCallbackBinding's inputs; every failure names the property, rule and value. */
export function checkBinding(news: Record<string, unknown>): Promise<dynamic.CheckResult> {
  return perform(`Checking ${bindingLabel(news)}`, async () =>
    checkInputs({ schema: domainCallbackBindingSchema }, news),
  );
}
