/**
 * Deleting a CallbackTemplate. A template that is already gone counts as deleted; one that is
 * still bound is left alone, with the list of rules that use it.
 */
import { LiveApiError } from "../../api/errors";
import { perform } from "../errors";
import {
  keyAwareClient,
  templateLabel,
  type CallbackTemplateOutputs,
  type TemplateScope,
} from "./scope";

/** Pulumi's `delete` for CallbackTemplate. */
export async function deleteTemplate(
  scope: TemplateScope,
  id: string,
  props: CallbackTemplateOutputs,
): Promise<void> {
  const label = templateLabel(props, id);
  const templateId = Number(id);
  if (scope.adopted.has(templateId)) {
    scope.ctx.log(
      `${label}: not deleted, a resource of this deployment adopted it (a resource renamed in the program?).`,
    );
    return;
  }
  await perform(`Deleting ${label}`, async () => {
    const client = keyAwareClient(scope, props);
    try {
      await client.deleteLiveCallbackTemplate(templateId);
    } catch (e) {
      if (e instanceof LiveApiError && e.kind === "not-found") return;
      if (!(e instanceof LiveApiError && e.kind === "in-use")) throw e;
      const rules = await client.describeLiveCallbackRules({ fresh: true }).catch((listError) => {
        const why = listError instanceof Error ? listError.message : String(listError);
        throw new Error(
          `it is still bound (${e.code}, RequestId ${e.requestId}), and listing the rules failed: ${why}`,
          { cause: listError },
        );
      });
      const users = rules
        .filter((r) => r.TemplateId === templateId)
        .map((r) => `${r.DomainName}/${r.AppName}`);
      throw new Error(
        `it is still bound by ${users.length || "some"} callback rule(s)` +
          `${users.length ? `: ${users.join(", ")}` : ""}. Remove those bindings first ` +
          `(delete their DomainCallbackBinding resources, or the rules in the console), then run again. ` +
          `Nothing was deleted. (${e.code}, RequestId ${e.requestId})`,
      );
    }
  });
}
