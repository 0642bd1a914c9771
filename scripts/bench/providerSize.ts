/**
 * Section 3 of the benchmark: the size of the serialized provider (`__provider`) that every
 * resource stores in the state, as Pulumi serializes it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { REPO_ROOT } from "./paths";

/** Bytes of `__provider` per resource type, for one build of the shim. */
export interface ProviderSize {
  /** `src (tsx)` or `dist (tsc)`: the function text Pulumi captures is the compiled one. */
  build: string;
  callbackTemplate: number;
  domainCallbackBinding: number;
}

type Shim = {
  callbackTemplateProvider: dynamic.ResourceProvider;
  domainCallbackBindingProvider: dynamic.ResourceProvider;
};

/**
 * Serializes one provider object the way a dynamic resource does. The object is held in a local
 * variable: a closure over the import binding would capture the whole shim module instead.
 */
async function serializedBytes(providerObject: dynamic.ResourceProvider): Promise<number> {
  const pulumi = await import("@pulumi/pulumi");
  const provider = providerObject;
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return Buffer.byteLength(text, "utf8");
}

/** Sizes for the TypeScript shim (as tsx compiles it) and, when built, the published one. */
export async function benchProviderSize(): Promise<ProviderSize[]> {
  const builds: { build: string; shim: Shim }[] = [
    { build: "src (tsx)", shim: require("../../src/resources/shim") as Shim },
  ];
  const dist = join(REPO_ROOT, "dist", "resources", "shim.js");
  if (existsSync(dist)) builds.push({ build: "dist (tsc)", shim: require(dist) as Shim });
  const sizes: ProviderSize[] = [];
  for (const { build, shim } of builds) {
    sizes.push({
      build,
      callbackTemplate: await serializedBytes(shim.callbackTemplateProvider),
      domainCallbackBinding: await serializedBytes(shim.domainCallbackBindingProvider),
    });
  }
  return sizes;
}
