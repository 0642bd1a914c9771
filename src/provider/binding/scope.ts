/** What every DomainCallbackBinding entry point of one provider process shares. */
import type { CallBackRuleInfo } from "../../api/models";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import type { Claims } from "../claims";
import { isUnknown, type ProviderContext } from "../context";

/** What a DomainCallbackBinding stores: every input plus the rule's times (Beijing time). */
export type DomainCallbackBindingOutputs = DomainCallbackBindingInputs & {
  createTime?: string;
  updateTime?: string;
};

/** The context of the binding entry points in one provider process (one deployment). */
export interface BindingScope {
  ctx: ProviderContext;
  /** Rules (by `ruleKey`) brought under management by a create in this deployment. */
  rules: Claims;
  /**
   * Rules (by `ruleKey`) a create adopted in this deployment: the delete of the same rule by a
   * resource renamed in the program comes later in the deployment and must leave it alone.
   */
  adopted: Set<string>;
}

/** The Pulumi id of a binding: `<domainName>/<appName>`. */
export function bindingId(b: Pick<DomainCallbackBindingInputs, "domainName" | "appName">): string {
  return `${b.domainName}/${b.appName}`;
}

/** Splits a binding id; neither part can contain `/` (the domain is a host name). */
export function parseBindingId(id: string): { domainName: string; appName: string } | undefined {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { domainName: id.slice(0, slash), appName: id.slice(slash + 1) };
}

/** How errors and logs name a binding: `DomainCallbackBinding "push.example.com/live"`. */
export function bindingLabel(b: Partial<Record<"domainName" | "appName", unknown>>): string {
  const part = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v : "?");
  return `DomainCallbackBinding "${part(b.domainName)}/${part(b.appName ?? "live")}"`;
}

/** The outputs of a binding whose rule is `rule`. */
export function bindingOutputs(
  inputs: DomainCallbackBindingInputs,
  rule: CallBackRuleInfo,
): DomainCallbackBindingOutputs {
  return { ...inputs, createTime: rule.CreateTime ?? "", updateTime: rule.UpdateTime ?? "" };
}
