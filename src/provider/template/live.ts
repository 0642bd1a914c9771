/** Looking up one template by id in the shared listing of the account's templates. */
import type { LiveClient } from "../../api/client";
import type { CallBackTemplateInfo } from "../../api/models";

/**
 * The template with this id as the API holds it now, or `undefined` when it is gone. Every diff
 * and read of a process is answered from one shared listing (see the client's shared reads).
 */
export async function findTemplate(
  client: LiveClient,
  id: string,
): Promise<CallBackTemplateInfo | undefined> {
  const templateId = Number(id);
  const all = await client.describeLiveCallbackTemplates();
  return all.find((t) => t.TemplateId === templateId);
}
