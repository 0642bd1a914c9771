/**
 * What a consumer project's `__provider` should be, from what is known of Pulumi's serializer:
 * test-side knowledge, so that a suite asserts one exact form per matrix cell. (The library does
 * not use this: it asks the serializer, see src/resources/shim/probe.ts.)
 */
import * as path from "node:path";
import { consumerPackageManager, installedVersion } from "../harness";

/** The first `@pulumi/pulumi` whose serializer maps pnpm's store to a package (pulumi/pulumi#23767). */
export const PNPM_STORE_MAPPED_SINCE = [3, 251, 0] as const;

/** True when `version` (x.y.z) is at least `floor`. */
export function atLeast(version: string, floor: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map(Number);
  for (let i = 0; i < floor.length; i++) {
    if ((parts[i] ?? 0) !== floor[i]) return (parts[i] ?? 0) > floor[i];
  }
  return true;
}

/** Whether the consumer's serializer maps a copy in pnpm's store to a require by name. */
export async function mapsPnpmStore(consumerDir: string): Promise<boolean> {
  return atLeast(await installedVersion(consumerDir, "@pulumi/pulumi"), PNPM_STORE_MAPPED_SINCE);
}

/**
 * Whether the consumer at `consumerDir` (installed with `LIVE_TEST_PACKAGE_MANAGER`) gets the
 * shim recorded by name: always with npm and yarn, with pnpm when its serializer maps the store.
 */
export async function expectsByName(consumerDir: string): Promise<boolean> {
  if (consumerPackageManager() !== "pnpm") return true;
  return mapsPnpmStore(path.resolve(consumerDir));
}
