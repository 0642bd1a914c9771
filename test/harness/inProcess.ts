/**
 * The `__provider` texts of a library loaded from this repository rather than from a
 * `node_modules` folder (as the repository's own examples and tests load it): the resource
 * classes are registered under `pulumi.runtime.setMocks` in this process, so `dynamic.Resource`
 * serializes them with this process's closure serializer, exactly as a program would.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SerializedProviders } from "./consumer";

/** The resource classes of one copy of the library (`src/` through tsx, or `dist/`). */
export interface LibraryClasses {
  CallbackTemplate: new (
    name: string,
    args: Record<string, unknown>,
  ) => {
    templateId: pulumi.Output<number>;
  };
  DomainCallbackBinding: new (name: string, args: Record<string, unknown>) => unknown;
}

/**
 * Registers one resource of each type from `lib` under mocks and returns the `__provider` text
 * each registration carried. Replaces whatever mocks this process had set.
 */
export async function serializeWithMocks(lib: LibraryClasses): Promise<SerializedProviders> {
  const seen: Partial<SerializedProviders> = {};
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const kind = args.type.endsWith(":CallbackTemplate") ? "template" : "binding";
        seen[kind] = args.inputs.__provider as string;
        const state = kind === "template" ? { ...args.inputs, templateId: 1000 } : args.inputs;
        return { id: kind === "template" ? "1000" : "push.example.com/live", state };
      },
      call: () => ({}),
    },
    "serialize-in-process",
    "dev",
    false,
  );
  const template = new lib.CallbackTemplate("in-process-hooks", {
    templateName: "in_process_hooks",
    streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
  });
  new lib.DomainCallbackBinding("in-process-binding", {
    domainName: "push.example.com",
    templateId: template.templateId,
  });
  // Registrations finish asynchronously; the binding's waits for the template's id.
  for (let i = 0; i < 500 && !(seen.template && seen.binding); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  if (typeof seen.template !== "string" || typeof seen.binding !== "string") {
    throw new Error(`no __provider was registered for ${JSON.stringify(Object.keys(seen))}`);
  }
  return { template: seen.template, binding: seen.binding };
}
