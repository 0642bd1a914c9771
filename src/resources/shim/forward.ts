/**
 * The provider objects behind `__provider`: each method loads the real implementation
 * (`pulumi-tencentcloud-live-callbacks/provider`) when it is called, in the provider process,
 * and forwards to it. Nothing here is loaded into a Pulumi program beyond these few closures.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type * as implementation from "../../provider";

/** The resource types the implementation serves, by their key in `./provider`. */
export type ShimKind = "template" | "binding";

/**
 * Loads the implementation. These functions run in one of two ways, and each needs its own
 * resolution:
 * - As a module of the installed package (the host `require`d `…/provider/template`): `require`
 *   is that module's own, and the package name resolves to the same installed copy.
 * - Serialized by value, when the program loaded the library from outside `node_modules`
 *   (this repository's examples and tests): the host evaluates the text with no file of its
 *   own, so `require` searches only the `node_modules` above its working directory and never
 *   resolves a package by its own name. A `require` made from inside the working directory
 *   does: when the program lives in this package's repository, Node resolves the name through
 *   the repository's `package.json` `exports` to its built `dist/`. No machine path is recorded.
 *
 * Resolving before requiring keeps a failure inside the implementation (say, a missing
 * dependency) from being taken for the package not being found.
 */
export function loadProvider(): typeof implementation {
  const request = "pulumi-tencentcloud-live-callbacks/provider";
  let resolved: string;
  try {
    resolved = require.resolve(request);
  } catch {
    const { createRequire } = require("node:module") as typeof import("node:module");
    const { join } = require("node:path") as typeof import("node:path");
    try {
      resolved = createRequire(join(process.cwd(), "[dynamic-provider]")).resolve(request);
    } catch (e) {
      throw new Error(
        `${request} cannot be found from ${process.cwd()}: install the package in the ` +
          `program's node_modules, or run the program inside the package's own repository ` +
          `with dist/ built (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`,
      );
    }
  }
  return require(resolved);
}

/** The provider object of one resource type, forwarding every method to the implementation. */
export function forwardingProvider(kind: ShimKind): dynamic.ResourceProvider {
  return {
    configure: (req) => loadProvider().configure(req),
    check: (olds, news) => loadProvider()[kind].check(olds, news),
    diff: (id, olds, news) => loadProvider()[kind].diff(id, olds, news),
    create: (inputs) => loadProvider()[kind].create(inputs),
    read: (id, props) => loadProvider()[kind].read(id, props),
    update: (id, olds, news) => loadProvider()[kind].update(id, olds, news),
    delete: (id, props) => loadProvider()[kind].delete(id, props),
  };
}
