/**
 * Diff and read of a CallbackTemplate. Both ask the API, so that a change made in the console
 * shows in `pulumi preview` (as drift lines) and in `pulumi refresh`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CallbackTemplateInputs } from "../../schemas/template";
import { isUnknown, withoutProvider } from "../context";
import { perform } from "../errors";
import { compare, describeDrift, fromLive, toInfo } from "./fields";
import { findTemplate } from "./live";
import { templateNotice } from "../propagation";
import { carriedRotation, planTemplateChange } from "./rotation";
import {
  keyAwareClient,
  templateLabel,
  type CallbackTemplateOutputs,
  type TemplateScope,
} from "./scope";

/**
 * Outputs an update never changes, so the engine can keep them known in a preview. Dynamic
 * providers' hosts drop this; the provider plugin (`src/plugin`) sends it.
 */
const STABLE_OUTPUTS = ["templateId"];

/** Pulumi's `diff` for CallbackTemplate: the declaration against the live template. */
export async function diffTemplate(
  scope: TemplateScope,
  id: string,
  olds: CallbackTemplateOutputs,
  news: Record<string, unknown>,
): Promise<dynamic.DiffResult> {
  const label = templateLabel(olds, id);
  return perform(`Diffing ${label}`, async () => {
    const declared = withoutProvider(news) as Partial<CallbackTemplateInputs>;
    const info = await findTemplate(keyAwareClient(scope, olds, declared), id);
    if (!info) {
      scope.ctx.log(`${label} no longer exists in the account: it will be created again.`);
      return { changes: true, replaces: ["templateId"] };
    }
    // During preview a value may not be known yet: it may change, so report a change.
    const unknownNow = Object.keys(declared).filter((k) =>
      isUnknown((declared as Record<string, unknown>)[k]),
    );
    const drifts = compare(declared, info, olds).filter((d) => !unknownNow.includes(d.field.input));
    for (const d of drifts) scope.ctx.log(`${label}: ${describeDrift(d)}`);
    // The program may have made the change the console already made: nothing to repair, but
    // the outputs in the state must follow the program. `adopt` is not compared: it only
    // matters to create, so changing it never causes an update, even while it is unknown. Nor
    // are the rotation outputs: they are the provider's record of past changes, not something
    // to converge. A compared value not known yet differs from the stored one, so it counts
    // here: it may change.
    const stale = compare(declared, toInfo(olds), olds).length > 0;
    const changes = drifts.length > 0 || stale;
    if (changes) {
      // The update that follows in this process writes against what the platform holds now.
      scope.seen.set(id, info);
      const notice = templateNotice(
        label,
        planTemplateChange({ info, lastApplied: olds }, declared),
        { planned: true },
      );
      if (notice) scope.ctx.log(notice);
    }
    // An in-place update (Modify) keeps the TemplateId: a binding that uses it need not change.
    return { changes, stables: STABLE_OUTPUTS };
  });
}

/** Pulumi's `read` for CallbackTemplate (`pulumi refresh`); an empty id when the template is gone. */
export async function readTemplate(
  scope: TemplateScope,
  id: string,
  props?: CallbackTemplateOutputs,
): Promise<dynamic.ReadResult> {
  const previous = (props ? withoutProvider(props) : {}) as Partial<CallbackTemplateOutputs>;
  return perform(`Reading ${templateLabel(previous, id)}`, async () => {
    const info = await findTemplate(keyAwareClient(scope, previous), id);
    if (!info || info.TemplateId === undefined) return { id: "" };
    const inputs = fromLive(info, previous);
    // The engine keeps a refreshed input secret only if it was secret before, and the host
    // cannot return secrets: a key set only in the console would land in the state's inputs in
    // plain text. So the key is read back only when this resource declared one (its outputs
    // hold a key exactly then). A console-only key still shows as drift in the next diff, which
    // asks the API, and the next update clears it.
    const liveKey = inputs.callbackKey;
    if (previous.callbackKey === undefined) delete inputs.callbackKey;
    // The rotation outputs record what this provider did; the API has no trace of them.
    const outputs = { ...inputs, templateId: info.TemplateId, ...carriedRotation(previous) };
    // `pulumi import` (a read with no state) under a host that keeps outputs secret: the live
    // key goes to the outputs only. Not to the inputs, from which the CLI writes the program
    // (as plain text), but the outputs are what the next diff compares with, so a program that
    // then declares the same key from secret config previews with no change.
    if (props === undefined && scope.ctx.secretOutputs && liveKey) {
      return { id, props: { ...outputs, callbackKey: liveKey }, inputs };
    }
    return { id, props: outputs, inputs };
  });
}
