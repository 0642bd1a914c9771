#!/usr/bin/env node
/**
 * The `tencentcloud-live` provider plugin's entry point, started by the Pulumi engine through
 * `plugin/pulumi-resource-tencentcloud-live` with the engine's address. It serves the provider
 * functions the dynamic resources use (the same module, `src/provider`), under the type tokens
 * `tencentcloud-live:index:CallbackTemplate` and `tencentcloud-live:index:DomainCallbackBinding`,
 * and the lookups as functions (`./functions.ts`), with the schema in `plugin/schema.json`.
 * The provider functions' notices go to the engine's Log, attached to their resource
 * (`./notices.ts`, `./engineLog.ts`): what the plugin prints, the engine does not show.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "@pulumi/pulumi/provider";
import * as implementation from "../provider";
import { pluginConfigSource } from "./config";
import { createEngineLog, engineAddressOf } from "./engineLog";
import { invokeFunction } from "./functions";
import { createResourceNotices } from "./notices";
import { createPluginProvider } from "./provider";
import { extendProviderServer } from "./server";

/** The package root: `dist/plugin/main.js` and `src/plugin/main.ts` are both two levels down. */
const ROOT = path.resolve(__dirname, "..", "..");

/** Starts serving; resolves once the port is printed. */
export function serve(args: string[]): Promise<void> {
  const schema = readFileSync(path.join(ROOT, "plugin", "schema.json"), "utf8");
  const { version } = JSON.parse(schema) as { version: string };
  const engineLog = createEngineLog(engineAddressOf(args));
  const notices = createResourceNotices((urn, line) => engineLog.info(urn, line));
  // The plugin wraps the key outputs as secrets, so the template's read may return the live key
  // as an output at import (see readTemplate).
  const ctx = { ...implementation.processContext, log: notices.log, secretOutputs: true };
  const served = {
    template: implementation.createTemplateProvider(ctx),
    binding: implementation.createBindingProvider(ctx),
    invoke: (token: string, args: Record<string, unknown>) =>
      invokeFunction(token, args, implementation.processContext.client),
  };
  const provider = createPluginProvider(served, { version, schema }, notices.about);
  extendProviderServer(provider, {
    onConfigure: (variables) => implementation.configure({ config: pluginConfigSource(variables) }),
    onAttach: (address) => engineLog.attach(address),
  });
  return main(provider, args);
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
