/**
 * The small Pulumi program the harness runs inside a consumer project to obtain each resource
 * type's `__provider` text. It runs under `pulumi.runtime.setMocks`, so the resource classes of
 * the INSTALLED package go through `dynamic.Resource`'s own serialization (the closure
 * serializer of the consumer's `@pulumi/pulumi`), exactly as during `pulumi up`; the mock's
 * `newResource` only records `inputs.__provider`.
 */

/** The callback key the probe program declares; `__provider` must never contain it. */
export const PROBE_CALLBACK_KEY = "ProbeCallbackKey0123456789";

/** File name of the probe program inside the consumer project. */
export const PROBE_FILE = "serialize-providers.js";

/**
 * Source of the probe program (plain CommonJS, so the consumer needs no TypeScript tooling).
 * It prints one JSON line last on stdout: `{ providers: { template, binding }, resolved }`,
 * where `resolved` is the file `pulumi-tencentcloud-live-callbacks/provider` resolves to, so the
 * caller can check the installed copy was used and not the repository's.
 */
export const PROBE_SOURCE = `"use strict";
// Written by test/harness/probeProgram.ts: registers one resource of each type under Pulumi's
// mocks and prints the __provider text dynamic.Resource serialized for each.
const pulumi = require("@pulumi/pulumi");

async function main() {
  const providers = {};
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const kind = args.type.endsWith(":CallbackTemplate") ? "template" : "binding";
        providers[kind] = args.inputs.__provider;
        const id = kind === "template" ? "1000" : args.inputs.domainName + "/" + args.inputs.appName;
        return { id, state: kind === "template" ? { ...args.inputs, templateId: 1000 } : args.inputs };
      },
      call: () => ({}),
    },
    "serialize-probe",
    "dev",
    false,
  );
  const lib = require("pulumi-tencentcloud-live-callbacks");
  const template = new lib.CallbackTemplate("probe-hooks", {
    templateName: "probe_hooks",
    streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
    callbackKey: ${JSON.stringify(PROBE_CALLBACK_KEY)},
  });
  new lib.DomainCallbackBinding("probe-binding", {
    domainName: "push.example.com",
    templateId: template.templateId,
  });
  // Registrations finish asynchronously; the binding's waits for the template's id.
  for (let i = 0; i < 2000 && !(providers.template && providers.binding); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  if (typeof providers.template !== "string" || typeof providers.binding !== "string") {
    throw new Error("no __provider was registered for " + JSON.stringify(Object.keys(providers)));
  }
  const resolved = require.resolve("pulumi-tencentcloud-live-callbacks/provider");
  return "\\n" + JSON.stringify({ providers, resolved }) + "\\n";
}

// Exit explicitly (the mocked runtime may keep handles open), once stdout is flushed.
main().then(
  (out) => process.stdout.write(out, () => process.exit(0)),
  (e) => {
    console.error((e && e.stack) || String(e));
    process.exit(1);
  },
);
`;
