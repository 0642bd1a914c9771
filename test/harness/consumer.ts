/**
 * A consumer project: a temporary Pulumi program directory OUTSIDE the repository that installs
 * the packed library from its tarball, as a user's project installs it from the registry. The
 * dynamic-provider host runs there, and `require("pulumi-tencentcloud-live-callbacks/provider")`
 * in the serialized provider resolves to the installed copy, never to the repository's sources.
 */
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { reportConsumer } from "./cellReport";
import {
  consumerPackageManager,
  consumerPulumiVersion,
  installWith,
  writeManagerSettings,
} from "./packageManager";
import { PROBE_FILE, PROBE_SOURCE } from "./probeProgram";
import { cleanEnv, run } from "./run";

/** The package name of the library. */
export const LIBRARY_NAME = "pulumi-tencentcloud-live-callbacks";

/** The `__provider` text of each resource type, as `dynamic.Resource` serialized it. */
export interface SerializedProviders {
  template: string;
  binding: string;
}

/** How long each preparation step took, in milliseconds (0 when skipped). */
export interface ConsumerTimings {
  build: number;
  pack: number;
  install: number;
  serialize: number;
}

/** A prepared consumer project. */
export interface Consumer {
  /** The project directory: run the host here. */
  dir: string;
  /** The temporary directory holding the project and the tarballs; removed by `cleanup`. */
  root: string;
  /** The tarball installed into the project. */
  tarball: string;
  providers: SerializedProviders;
  timings: ConsumerTimings;
  /** Removes `root`. Safe to call more than once. */
  cleanup(): Promise<void>;
}

/** Options of {@link prepareConsumer}. */
export interface PrepareConsumerOptions {
  /** The library's repository (holding `package.json`, `dist/` and `node_modules/`). */
  repoDir: string;
  /** Where to create the temporary project; default `os.tmpdir()`. Must be outside `repoDir`. */
  workDir?: string;
  /**
   * Extra environment of the probe program, e.g. credentials a user might have exported, to
   * show they do not end up in `__provider`.
   */
  programEnv?: Record<string, string>;
}

/** Files outside `src/` whose change changes the build. */
const BUILD_INPUTS = ["package.json", "tsconfig.json", "tsconfig.build.json"];

/** The newest modification time (ms) of the build's inputs: `src/` and the build settings. */
async function newestInput(repoDir: string): Promise<number> {
  let newest = 0;
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(file);
      else newest = Math.max(newest, (await stat(file)).mtimeMs);
    }
  };
  await visit(path.join(repoDir, "src"));
  for (const f of BUILD_INPUTS)
    newest = Math.max(newest, (await stat(path.join(repoDir, f))).mtimeMs);
  return newest;
}

/**
 * Builds the library unless `dist/` is newer than every source file and build setting, so a
 * host test never packs a stale build, also when one level is run with mocha directly after an
 * edit. The build starts from an empty `dist/`, as `npm run build` does, so a file moved or
 * deleted in `src/` cannot linger in the package. Returns the ms spent (0 when fresh).
 */
export async function ensureBuilt(repoDir: string): Promise<number> {
  const built = await stat(path.join(repoDir, "dist", "index.js")).catch(() => undefined);
  if (built && built.mtimeMs >= (await newestInput(repoDir))) return 0;
  const started = Date.now();
  await rm(path.join(repoDir, "dist"), { recursive: true, force: true });
  const tsc = path.join(repoDir, "node_modules", ".bin", "tsc");
  // A build takes seconds on an idle machine and minutes on a loaded one; only a hang should fail.
  await run(tsc, ["-p", "tsconfig.build.json"], { cwd: repoDir, timeoutMs: 600_000 });
  return Date.now() - started;
}

/** Packs the library found in `libraryDir` with `npm pack` into `destDir`. */
export async function packLibrary(
  libraryDir: string,
  destDir: string,
): Promise<{ tarball: string; ms: number }> {
  await mkdir(destDir, { recursive: true });
  const result = await run("npm", ["pack", "--json", "--pack-destination", destDir], {
    cwd: libraryDir,
  });
  const [packed] = JSON.parse(result.stdout) as { filename: string }[];
  return { tarball: path.join(destDir, packed.filename), ms: result.ms };
}

/** The version of `pkg` installed in `repoDir/node_modules`, so the consumer matches the repo. */
export async function installedVersion(repoDir: string, pkg: string): Promise<string> {
  const text = await readFile(path.join(repoDir, "node_modules", pkg, "package.json"), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The `@pulumi/pulumi` version consumer projects install: `LIVE_TEST_PULUMI_VERSION`, else the
 * repository's installed one.
 */
export async function pulumiVersionFor(repoDir: string): Promise<string> {
  return consumerPulumiVersion(await installedVersion(repoDir, "@pulumi/pulumi"));
}

/**
 * Installs `packages` (tarball paths or `name@version`) into the project at `consumerDir` with
 * the package manager `LIVE_TEST_PACKAGE_MANAGER` names (npm by default), from its cache where
 * possible; returns ms spent.
 */
export async function installPackages(
  consumerDir: string,
  packages: readonly string[],
): Promise<number> {
  return installWith(consumerPackageManager(), consumerDir, packages);
}

/**
 * Writes a consumer project's `package.json` (and the package manager's settings) into `dir`.
 */
export async function writeConsumerManifest(dir: string, name: string): Promise<void> {
  const manifest = { name, version: "0.0.0", private: true };
  await writeFile(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  await writeManagerSettings(dir, consumerPackageManager());
}

/**
 * Runs the probe program inside `consumerDir` (see `probeProgram.ts`) and returns the
 * `__provider` text of each resource type. Throws if the library did not resolve to the
 * project's own `node_modules`.
 */
export async function serializeProviders(
  consumerDir: string,
  programEnv: Record<string, string> = {},
): Promise<SerializedProviders> {
  await writeFile(path.join(consumerDir, PROBE_FILE), PROBE_SOURCE);
  const { stdout } = await run(process.execPath, [PROBE_FILE], {
    cwd: consumerDir,
    env: cleanEnv(programEnv),
    timeoutMs: 60_000,
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  const { providers, resolved } = JSON.parse(last) as {
    providers: SerializedProviders;
    resolved: string;
  };
  // Node records a linked package (as pnpm installs it) under its real path.
  const own = (await realpath(path.join(consumerDir, "node_modules", LIBRARY_NAME))) + path.sep;
  if (!resolved.startsWith(own)) {
    throw new Error(`the probe program loaded ${resolved}, not the copy installed under ${own}`);
  }
  return providers;
}

/** True when `child` is `parent` or inside it. */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Builds (if needed) and packs the library, creates a temporary consumer project that installs
 * the tarball with `@pulumi/pulumi` (the repository's version unless `LIVE_TEST_PULUMI_VERSION`
 * says otherwise) and the repository's `tencentcloud-sdk-nodejs`, with the package manager
 * `LIVE_TEST_PACKAGE_MANAGER` names, and serializes both resource types' providers there. Cleans up after itself on failure.
 */
export async function prepareConsumer(options: PrepareConsumerOptions): Promise<Consumer> {
  const repoDir = path.resolve(options.repoDir);
  const workDir = path.resolve(options.workDir ?? os.tmpdir());
  // Inside the repo, Node would find the repo's node_modules and prove nothing about the package.
  if (isInside(workDir, repoDir)) {
    throw new Error(`the consumer must live outside the repository; ${workDir} is inside it`);
  }
  const root = await mkdtemp(path.join(workDir, "live-callbacks-consumer-"));
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    const build = await ensureBuilt(repoDir);
    const pack = await packLibrary(repoDir, path.join(root, "packs", "main"));
    const dir = path.join(root, "app");
    await mkdir(dir);
    await writeConsumerManifest(dir, "live-callbacks-consumer");
    const pulumiVersion = await pulumiVersionFor(repoDir);
    const sdkVersion = await installedVersion(repoDir, "tencentcloud-sdk-nodejs");
    const install = await installPackages(dir, [
      pack.tarball,
      `@pulumi/pulumi@${pulumiVersion}`,
      `tencentcloud-sdk-nodejs@${sdkVersion}`,
    ]);
    const started = Date.now();
    const providers = await serializeProviders(dir, options.programEnv);
    await reportConsumer({
      node: process.version,
      pulumi: await installedVersion(dir, "@pulumi/pulumi"),
      packageManager: consumerPackageManager(),
      templateBytes: Buffer.byteLength(providers.template),
      bindingBytes: Buffer.byteLength(providers.binding),
      byName: (["template", "binding"] as const).every((k) =>
        providers[k].includes(`require("${LIBRARY_NAME}/provider/${k}")`),
      ),
    });
    const timings = { build, pack: pack.ms, install, serialize: Date.now() - started };
    return { dir, root, tarball: pack.tarball, providers, timings, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
