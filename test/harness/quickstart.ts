/**
 * The quickstart program of docs/getting-started.md (examples/quickstart/index.ts) as the engine sees it: one
 * callback template with three URLs and a key, bound to two push domains. The inputs are what
 * the resource classes register (a binding's `appName` defaults to `live` in the class).
 */
import type { DeclaredResource, ResourceKind } from "./engine";
import { outputOf, resourceUrn } from "./engine";

/** URNs of the quickstart's resources. */
export const QUICKSTART_URNS = {
  template: resourceUrn("template", "prod-hooks"),
  main: resourceUrn("binding", "push-main"),
  backup: resourceUrn("binding", "push-backup"),
} as const;

/** The template's inputs in the quickstart; override fields to model an edit of the program. */
export interface QuickstartTemplateInputs {
  templateName: string;
  description?: string;
  streamBeginNotifyUrl?: string;
  streamEndNotifyUrl?: string;
  recordNotifyUrl?: string;
  callbackKey?: string;
}

/**
 * The quickstart template's declared inputs (as in examples/quickstart/index.ts; the mocks proof
 * checks that program's registrations pass Check), with the key and the receiver's base URL
 * (the `hooksBaseUrl` config) given.
 */
export function quickstartTemplate(
  callbackKey: string,
  hooksBaseUrl = "https://hooks.example.com",
): QuickstartTemplateInputs {
  return {
    templateName: "prod_hooks",
    description: "production_callbacks",
    streamBeginNotifyUrl: `${hooksBaseUrl}/live/begin`,
    streamEndNotifyUrl: `${hooksBaseUrl}/live/end`,
    recordNotifyUrl: `${hooksBaseUrl}/live/record`,
    callbackKey,
  };
}

/**
 * The quickstart's three resources. Both bindings take `templateId` from the template's output,
 * which is what orders them after it (and before it on delete).
 */
export function quickstartResources(template: QuickstartTemplateInputs): DeclaredResource[] {
  const binding = (urn: string, domainName: string) => ({
    urn,
    kind: "binding" as ResourceKind,
    inputs: {
      domainName,
      appName: "live",
      templateId: outputOf(QUICKSTART_URNS.template, "templateId"),
    },
  });
  return [
    // Declared in program order; the engine sorts by the templateId references anyway.
    { urn: QUICKSTART_URNS.template, kind: "template", inputs: { ...template } },
    binding(QUICKSTART_URNS.main, "push.example.com"),
    binding(QUICKSTART_URNS.backup, "push-backup.example.com"),
  ];
}
