/** What every CallbackTemplate entry point of one provider process shares. */
import type { LiveClient } from "../../api/client";
import type { CallBackTemplateInfo } from "../../api/models";
import type { CallbackTemplateInputs } from "../../schemas/template";
import type { Claims } from "../claims";
import { isUnknown, type ProviderContext } from "../context";

/**
 * The outputs that let a receiver follow a key rotation. Set by the provider at a key change,
 * carried unchanged by every other update and by `refresh`; never inputs, never compared.
 */
export type RotationOutputs = {
  /** The key the template signed with before its last key change; absent if none. Secret. */
  previousCallbackKey?: string;
  /** When that key change was applied, ISO 8601 UTC, from the provider's clock. */
  callbackKeyChangedAt?: string;
};

/**
 * What a CallbackTemplate stores as outputs: every input, the numeric template id, and the
 * rotation outputs.
 */
export type CallbackTemplateOutputs = CallbackTemplateInputs & {
  templateId: number;
} & RotationOutputs;

/** Names of the outputs that are never inputs (check refuses them). */
export const OUTPUT_ONLY = ["previousCallbackKey", "callbackKeyChangedAt"] as const;

/** The context of the template entry points in one provider process (one deployment). */
export interface TemplateScope {
  ctx: ProviderContext;
  /** Template names brought under management by a create or a rename in this deployment. */
  names: Claims;
  /**
   * Templates a create adopted in this deployment. The engine runs creates before the deletes of
   * resources that left the program, so when a resource renamed in the program adopts its old
   * template, the old name's delete comes later and must leave the template alone.
   */
  adopted: Set<number>;
  /**
   * The template as the last `diff` of this process read it, by Pulumi id, taken by the
   * `update` that follows: the key and URLs the platform used just before the write, which a
   * console change may have made different from the stored outputs.
   */
  seen: Map<string, CallBackTemplateInfo>;
}

/** How errors and logs name a template: `CallbackTemplate "name" (TemplateId 1001)`. */
export function templateLabel(
  inputs: Partial<CallbackTemplateInputs>,
  id?: string | number,
): string {
  const known = typeof inputs.templateName === "string" && !isUnknown(inputs.templateName);
  const name = known ? inputs.templateName : "?";
  return `CallbackTemplate "${name}"${id !== undefined && id !== "" ? ` (TemplateId ${id})` : ""}`;
}

/** The error for a template name that another resource of this deployment already claimed. */
export function nameClaimedError(templateName: string): Error {
  return new Error(
    `another CallbackTemplate of this stack also declares the template named "${templateName}". ` +
      `One template can be managed by one resource only: give each resource its own templateName, ` +
      `or remove the duplicate declaration. Nothing was changed.`,
  );
}

/**
 * The API client, told of every callback key in `known` (declared inputs, stored outputs with
 * their previous key), so that no error it throws can echo one: during a key change the API may
 * quote the old key, which is not in the request.
 */
export function keyAwareClient(
  scope: TemplateScope,
  ...known: (Partial<CallbackTemplateOutputs> | undefined)[]
): LiveClient {
  const client = scope.ctx.client();
  for (const props of known) {
    for (const key of [props?.callbackKey, props?.previousCallbackKey]) {
      if (typeof key === "string") client.protectSecret(key);
    }
  }
  return client;
}
