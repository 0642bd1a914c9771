/**
 * This package's own manifest, read at run time from the installed copy (or the repository), so
 * that a generated project asks for the version that generated it and the `@pulumi/pulumi` range
 * this version supports.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The package's name on npm. */
export const PACKAGE_NAME = "pulumi-tencentcloud-live-callbacks";

/**
 * The npm name of the provider plugin's Node.js SDK (`language.nodejs.packageName` of
 * `plugin/schema.json`; `npm run plugin:sdks` generates it).
 */
export const NODE_SDK_PACKAGE = "@tencentcloud-live-callbacks/pulumi-tencentcloud-live";

/** What a generated project's `package.json` takes from this package's manifest. */
export interface PackageInfo {
  version: string;
  /** The peer range of `@pulumi/pulumi`. */
  pulumiRange: string;
  /** The range of `typescript` this package is built and tested with. */
  typescriptRange: string;
  /** The range of `@types/node` this package is built and tested with. */
  typesNodeRange: string;
}

interface Manifest {
  name?: string;
  version?: string;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * Reads the manifest of the package this file belongs to: the nearest `package.json` above it
 * named {@link PACKAGE_NAME} (in `dist/cli/` or `src/cli/` alike).
 */
export function readPackageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
      if (manifest.name === PACKAGE_NAME && manifest.version) return infoOf(manifest);
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`the package.json of ${PACKAGE_NAME} was not found above ${from}.`);
    }
  }
}

function infoOf(manifest: Manifest): PackageInfo {
  const need = (where: Record<string, string> | undefined, name: string): string => {
    const range = where?.[name];
    if (!range) throw new Error(`the package.json of ${PACKAGE_NAME} names no range of ${name}.`);
    return range;
  };
  return {
    version: manifest.version as string,
    pulumiRange: need(manifest.peerDependencies, "@pulumi/pulumi"),
    typescriptRange: need(manifest.devDependencies, "typescript"),
    typesNodeRange: need(manifest.devDependencies, "@types/node"),
  };
}
