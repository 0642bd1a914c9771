#!/usr/bin/env node
/**
 * The `tencentcloud-live` provider plugin's entry point, started by the Pulumi engine through
 * `plugin/pulumi-resource-tencentcloud-live` with the engine's address. It serves the provider
 * functions the dynamic resources use (the same module, `src/provider`), under the type tokens
 * `tencentcloud-live:index:CallbackTemplate` and `tencentcloud-live:index:DomainCallbackBinding`,
 * and the lookups as functions (`./functions.ts`), with the schema in `plugin/schema.json`.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "@pulumi/pulumi/provider";
import * as implementation from "../provider";
import { pluginConfigSource } from "./config";
import { invokeFunction } from "./functions";
import { createPluginProvider } from "./provider";
import { extendProviderServer } from "./server";

/** The package root: `dist/plugin/main.js` and `src/plugin/main.ts` are both two levels down. */
const ROOT = path.resolve(__dirname, "..", "..");

/** Starts serving; resolves once the port is printed. */
export function serve(args: string[]): Promise<void> {
  const schema = readFileSync(path.join(ROOT, "plugin", "schema.json"), "utf8");
  const { version } = JSON.parse(schema) as { version: string };
  // The plugin wraps the key outputs as secrets, so the template's read may return the live key
  // as an output at import (see readTemplate); the binding's functions are the shared ones.
  const served = {
    template: implementation.createTemplateProvider({
      ...implementation.processContext,
      secretOutputs: true,
    }),
    binding: implementation.binding,
    invoke: (token: string, args: Record<string, unknown>) =>
      invokeFunction(token, args, implementation.processContext.client),
  };
  const provider = createPluginProvider(served, { version, schema });
  extendProviderServer(provider, (variables) =>
    implementation.configure({ config: pluginConfigSource(variables) }),
  );
  return main(provider, args);
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
