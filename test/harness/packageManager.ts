/**
 * The version-matrix knobs of consumer projects (contract 3): which `@pulumi/pulumi` a consumer
 * installs and which package manager installs it. The Node that runs the host and the programs
 * is always `process.execPath`: the matrix runs mocha under the cell's Node.
 */
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { run } from "./run";

/** The package managers a consumer project can be installed with. */
export type PackageManager = "npm" | "pnpm" | "yarn";

const MANAGERS: readonly PackageManager[] = ["npm", "pnpm", "yarn"];

/** `LIVE_TEST_PACKAGE_MANAGER`, default `npm`; anything else is refused with the value named. */
export function consumerPackageManager(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const value = env.LIVE_TEST_PACKAGE_MANAGER?.trim() || "npm";
  if (!MANAGERS.includes(value as PackageManager)) {
    throw new Error(
      `LIVE_TEST_PACKAGE_MANAGER must be one of ${MANAGERS.join(", ")}; got ${JSON.stringify(value)}`,
    );
  }
  return value as PackageManager;
}

/** `LIVE_TEST_PULUMI_VERSION` when set (a version or range npm understands), else `fallback`. */
export function consumerPulumiVersion(
  fallback: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return env.LIVE_TEST_PULUMI_VERSION?.trim() || fallback;
}

/**
 * Settings a fresh consumer project needs for `manager`, written next to its `package.json`.
 * pnpm: the isolated layout (its default, stated so that a user's global `node-linker` cannot
 * turn the cell into a hoisted one); `auto-install-peers` so `@pulumi/pulumi`'s own peers do not
 * fail the install. Yarn classic always uses `node_modules`.
 */
export async function writeManagerSettings(dir: string, manager: PackageManager): Promise<void> {
  if (manager === "pnpm") {
    await writeFile(path.join(dir, ".npmrc"), "node-linker=isolated\nauto-install-peers=true\n");
  }
}

/** The command line that adds `packages` (tarball paths or `name@version`) with `manager`. */
export function installCommand(
  manager: PackageManager,
  packages: readonly string[],
): { command: string; args: string[] } {
  switch (manager) {
    case "npm":
      return {
        command: "npm",
        args: ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packages],
      };
    case "pnpm":
      return { command: "pnpm", args: ["add", "--prefer-offline", ...packages] };
    case "yarn": {
      // Yarn classic reads a bare absolute path as a package name; `file:` makes it a tarball.
      const specs = packages.map((p) => (path.isAbsolute(p) ? `file:${p}` : p));
      return {
        command: "yarn",
        args: ["add", "--prefer-offline", "--non-interactive", "--no-progress", ...specs],
      };
    }
  }
}

/** Installs `packages` into `dir` with `manager`; returns the ms spent. */
export async function installWith(
  manager: PackageManager,
  dir: string,
  packages: readonly string[],
): Promise<number> {
  const { command, args } = installCommand(manager, packages);
  try {
    return (await run(command, args, { cwd: dir, timeoutMs: 300_000 })).ms;
  } catch (e) {
    if (/could not start/.test((e as Error).message)) {
      throw new Error(
        `LIVE_TEST_PACKAGE_MANAGER=${manager}, but ${command} is not on PATH ` +
          `(npm run test:matrix installs it): ${(e as Error).message}`,
      );
    }
    throw e;
  }
}
