/** Pulumi's `check` for CallbackTemplate: the schema's rules plus the one rule across properties. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  AT_LEAST_ONE_URL,
  callbackTemplateSchema,
  TEMPLATE_URL_INPUTS,
} from "../../schemas/template";
import { checkInputs } from "../check";
import { perform } from "../errors";
import { templateLabel } from "./scope";

/** Validates a CallbackTemplate's inputs; every failure names the property, rule and value. */
export function checkTemplate(news: Record<string, unknown>): Promise<dynamic.CheckResult> {
  return perform(`Checking ${templateLabel(news)}`, async () =>
    checkInputs(
      {
        schema: callbackTemplateSchema,
        secrets: ["callbackKey"],
        crossChecks: (inputs, unknown) => {
          const anyUrl = TEMPLATE_URL_INPUTS.some((k) => unknown.has(k) || inputs[k] !== undefined);
          return anyUrl ? [] : [{ property: TEMPLATE_URL_INPUTS[0], reason: AT_LEAST_ONE_URL }];
        },
      },
      news,
    ),
  );
}
