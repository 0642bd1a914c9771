/**
 * Diff and read of a DomainCallbackBinding: whether the rule of its domain and app exists and
 * which template it points at, as the API holds it now.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { DomainCallbackBindingInputs } from "../../schemas/binding";
import { isUnknown, withoutProvider } from "../context";
import { perform } from "../errors";
import { movedBindingNotice, repointNotice } from "../propagation";
import {
  bindingId,
  bindingLabel,
  bindingOutputs,
  parseBindingId,
  type BindingScope,
  type DomainCallbackBindingOutputs,
} from "./scope";

/**
 * Outputs an update never changes: another domain or app is another rule (a replacement). Dynamic
 * providers' hosts drop this; the provider plugin (`src/plugin`) sends it.
 */
const STABLE_OUTPUTS = ["domainName", "appName"];

/** Pulumi's `diff` for DomainCallbackBinding. */
export async function diffBinding(
  scope: BindingScope,
  olds: DomainCallbackBindingOutputs,
  news: Record<string, unknown>,
): Promise<dynamic.DiffResult> {
  const label = bindingLabel(olds);
  return perform(`Diffing ${label}`, async () => {
    const declared = withoutProvider(news) as Partial<DomainCallbackBindingInputs>;
    // A rule is identified by (domain, app): another pair is another rule.
    const replaces = (["domainName", "appName"] as const).filter(
      (k) => isUnknown(declared[k]) || declared[k] !== olds[k],
    );
    if (replaces.length > 0) {
      const part = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v : "?");
      const to = `${part(declared.domainName)}/${part(declared.appName ?? "live")}`;
      scope.ctx.log(movedBindingNotice(label, bindingId(olds), to));
      return { changes: true, replaces };
    }
    const rule = await scope.ctx.client().findLiveCallbackRule(olds.domainName, olds.appName);
    if (!rule) {
      scope.ctx.log(
        `${label}: the rule no longer exists in the account; it will be created again.`,
      );
      return { changes: true, stables: STABLE_OUTPUTS };
    }
    const path = bindingId(olds);
    if (isUnknown(declared.templateId)) {
      scope.ctx.log(repointNotice(label, path, rule.TemplateId, undefined, { planned: true }));
      return { changes: true, stables: STABLE_OUTPUTS };
    }
    if (rule.TemplateId !== declared.templateId) {
      scope.ctx.log(
        `${label}: templateId: live ${rule.TemplateId} ≠ declared ${declared.templateId}`,
      );
      scope.ctx.log(
        repointNotice(label, path, rule.TemplateId, declared.templateId, { planned: true }),
      );
      return { changes: true, stables: STABLE_OUTPUTS };
    }
    // The console may already have made the program's change: the state must still follow it.
    // `adopt` is not compared: it only matters to create.
    return { changes: olds.templateId !== declared.templateId, stables: STABLE_OUTPUTS };
  });
}

/** Pulumi's `read` for DomainCallbackBinding (`pulumi refresh`); an empty id when the rule is gone. */
export async function readBinding(
  scope: BindingScope,
  id: string,
  props?: DomainCallbackBindingOutputs,
): Promise<dynamic.ReadResult> {
  const parsed = props
    ? { domainName: props.domainName, appName: props.appName }
    : parseBindingId(id);
  if (!parsed) return { id: "" };
  // check stores a domain in lower case; an id typed with the API's capitals (`pulumi import`,
  // the import option) must read as the same inputs, or the program's would differ from them
  // and the import would become a replacement.
  const key = { ...parsed, domainName: parsed.domainName.toLowerCase() };
  return perform(`Reading ${bindingLabel(key)}`, async () => {
    const rule = await scope.ctx.client().findLiveCallbackRule(key.domainName, key.appName);
    if (!rule || rule.TemplateId === undefined) return { id: "" };
    const inputs: DomainCallbackBindingInputs = { ...key, templateId: rule.TemplateId };
    if (props?.adopt !== undefined) inputs.adopt = props.adopt;
    return { id: bindingId(inputs), props: bindingOutputs(inputs, rule), inputs };
  });
}
