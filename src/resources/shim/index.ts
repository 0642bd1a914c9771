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
 * The mapping takes the path after the FIRST `node_modules` segment and looks the file up in
 * the package named by what follows. A copy in pnpm's store (`.pnpm/<pkg>@<version>/…`) or
 * nested under another package fails that lookup, and the serializer throws
 * (pulumi/pulumi#10009), so those copies, like a library loaded from outside `node_modules`,
 * hand over a plain copy of the object: serialized by value (a few KB), it still runs.
 */
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import templateShim from "./template";
import bindingShim from "./binding";

/** This package's name, as Pulumi must find it right after `node_modules`. */
const PACKAGE_NAME = "pulumi-tencentcloud-live-callbacks";

/**
 * Whether Pulumi's serializer would record a module in `dir` as `require("<package>/…")` of
 * this package: the first `node_modules` segment of its path relative to `cwd` (as Pulumi
 * computes it) must be followed by this package's name.
 */
export function capturedByName(dir: string, cwd: string = process.cwd()): boolean {
  const segments = path.relative(cwd, dir).split(/[\\/]/);
  const at = segments.indexOf("node_modules");
  return at >= 0 && segments[at + 1] === PACKAGE_NAME;
}

/**
 * Decided once per process: `dynamic.Resource` caches the serialized text per provider object,
 * so every resource of a type must get the same object.
 */
const byName = capturedByName(__dirname);

/** The provider object `CallbackTemplate` serializes into `__provider`. */
export const callbackTemplateProvider: dynamic.ResourceProvider = byName
  ? templateShim
  : { ...templateShim };

/** The provider object `DomainCallbackBinding` serializes into `__provider`. */
export const domainCallbackBindingProvider: dynamic.ResourceProvider = byName
  ? bindingShim
  : { ...bindingShim };
