/** Pulumi's `check` for CallbackTemplate: the schema's rules plus the one rule across properties. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { characters, CONSOLE_LIMITS } from "../../api/names";
import {
  AT_LEAST_ONE_URL,
  callbackTemplateSchema,
  TEMPLATE_URL_INPUTS,
} from "../../schemas/template";
import { checkInputs, show } from "../check";
import { isUnknown, type ProviderContext } from "../context";
import { perform } from "../errors";
import { OUTPUT_ONLY, templateLabel } from "./scope";

/**
 * Validates a CallbackTemplate's inputs; every failure names the property, rule and value. Valid
 * inputs beyond the console's limits get one log line: the API accepts them, the console may not.
 */
export function checkTemplate(
  ctx: ProviderContext,
  news: Record<string, unknown>,
): Promise<dynamic.CheckResult> {
  return perform(`Checking ${templateLabel(news)}`, async () => {
    const result = templateCheckResult(news);
    if (!result.failures?.length) {
      const note = consoleLimitNote(result.inputs ?? {});
      if (note) ctx.log(`${templateLabel(news)}: ${note}`);
    }
    return result;
  });
}

/**
 * The rules `check` applies to a CallbackTemplate's inputs, without the logging: the schema's,
 * plus the one across properties. Shared with the `import` command, which must only write
 * declarations that pass `check`.
 */
export function templateCheckResult(news: Record<string, unknown>): dynamic.CheckResult {
  // The schema would drop them silently; an output given as an input is a mistake to name.
  const outputsGiven = OUTPUT_ONLY.filter((k) => news[k] !== undefined).map((property) => ({
    property,
    reason:
      `${property} is an output of CallbackTemplate, set by the provider when the key changes; ` +
      `it cannot be declared; got ${show(news[property], property, ["previousCallbackKey"])}`,
  }));
  const result = checkInputs(
    {
      schema: callbackTemplateSchema,
      secrets: ["callbackKey"],
      crossChecks: (inputs, unknown) => {
        const anyUrl = TEMPLATE_URL_INPUTS.some((k) => unknown.has(k) || inputs[k] !== undefined);
        return anyUrl ? [] : [{ property: TEMPLATE_URL_INPUTS[0], reason: AT_LEAST_ONE_URL }];
      },
    },
    news,
  );
  if (outputsGiven.length === 0) return result;
  return { inputs: news, failures: [...outputsGiven, ...(result.failures ?? [])] };
}

/** What exceeds the console's limits, in one sentence, or `undefined`. */
export function consoleLimitNote(inputs: Record<string, unknown>): string | undefined {
  const over = (Object.keys(CONSOLE_LIMITS) as (keyof typeof CONSOLE_LIMITS)[]).flatMap((k) => {
    const value = inputs[k];
    if (typeof value !== "string" || isUnknown(value)) return [];
    if (characters(value) <= CONSOLE_LIMITS[k]) return [];
    return [
      `${k} has ${characters(value)} characters, more than the ${CONSOLE_LIMITS[k]} the console accepts`,
    ];
  });
  if (over.length === 0) return undefined;
  return `${over.join("; ")}. The API accepts this, but the console may not be able to edit this template.`;
}
