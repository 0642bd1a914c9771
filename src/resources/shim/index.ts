/**
 * The objects the resource classes hand to `dynamic.Resource`, whose closure serializer writes
 * them into every resource's state as `__provider` (in the inputs and again in the outputs).
 *
 * The serializer recognises an object that is some module's whole `module.exports`. For a
 * module under `node_modules` it emits `require("<package>/<subpath>")`, mapping the file back
 * through the package's `exports` map: a few hundred bytes that stay the same whatever the
 * implementation or version, as long as the subpath does. Any other object is serialized by
 * value, with every closure it reaches.
 *
 * Whether the mapping works depends on the layout and on the serializer: a copy in pnpm's store
 * (`.pnpm/<pkg>@<version>/…`) is mapped from `@pulumi/pulumi` 3.251 on (pulumi/pulumi#23767)
 * and makes earlier serializers throw (pulumi/pulumi#10009); a copy nested under another
 * package is not mapped. So the program's own serializer is asked (`./probe`) once per process
 * (once per project and Pulumi version, with `./probeCache`), and where it cannot record the
 * shim by name it gets a plain copy of the object: serialized by
 * value (about 3 KB), it still runs. A library loaded from outside `node_modules` (this
 * repository's examples and tests) is always serialized by value: Pulumi treats a module
 * outside `node_modules` as local code, so it is not asked.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import templateShim from "./template";
import bindingShim from "./binding";
import { byNameRequire, probeSerializer, type ProbeResult } from "./probe";
import { cachedProbe, probeCacheFile, probeKey } from "./probeCache";

/** This package's name, as the serialized `require` must name it. */
const PACKAGE_NAME = "pulumi-tencentcloud-live-callbacks";

/** The exports subpath of the template shim, which the probe serializes. */
const PROBE_SUBPATH = "provider/template";

/** Whether `dir` lies under some `node_modules` folder (else Pulumi treats it as local code). */
export function underNodeModules(dir: string): boolean {
  return dir.split(/[\\/]/).includes("node_modules");
}

let decided: ProbeResult | undefined;

/**
 * Whether this process's serializer records the shim modules by name. Decided once per process
 * and on first use (a resource's construction), not at import: `dynamic.Resource` caches the
 * serialized text per provider object, so every resource of a type must get the same object,
 * and a program that only imports the receivers never pays for the probe.
 */
export function shimRecordedByName(): ProbeResult {
  if (decided) return decided;
  if (!underNodeModules(__dirname)) {
    decided = { byName: false, reason: "the library is loaded from outside node_modules" };
  } else {
    const pulumiMain = require.resolve("@pulumi/pulumi");
    const shimFile = require.resolve("./template");
    const cwd = process.cwd();
    decided = cachedProbe(
      probeCacheFile(cwd, PACKAGE_NAME),
      probeKey(pulumiMain, shimFile, cwd),
      () => probeSerializer(pulumiMain, shimFile, byNameRequire(PACKAGE_NAME, PROBE_SUBPATH), cwd),
    );
  }
  return decided;
}

let templateProvider: dynamic.ResourceProvider | undefined;
let bindingProvider: dynamic.ResourceProvider | undefined;

/** The provider object `CallbackTemplate` serializes into `__provider`. */
export function callbackTemplateProvider(): dynamic.ResourceProvider {
  templateProvider ??= shimRecordedByName().byName ? templateShim : { ...templateShim };
  return templateProvider;
}

/** The provider object `DomainCallbackBinding` serializes into `__provider`. */
export function domainCallbackBindingProvider(): dynamic.ResourceProvider {
  bindingProvider ??= shimRecordedByName().byName ? bindingShim : { ...bindingShim };
  return bindingProvider;
}
