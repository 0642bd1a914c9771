/**
 * The real `pulumi` CLI, built here from Pulumi's Go modules (never a release download), pinned
 * by `tools/pulumi-cli/go.mod` and `go.sum`: that module requires `pkg/v3` and `sdk/v3` at one
 * version and lists the CLI as a `tool` dependency. The version is set at link time, as
 * Pulumi's release builds do, so `pulumi version` prints it and the Automation API accepts it.
 *
 * The build lands in a cache folder outside the work tree, keyed by the version and a hash of
 * `go.sum`, next to the plugin script a Node.js project needs (see {@link PLUGIN_SCRIPTS}).
 * A second call finds it and returns at once.
 *
 * Pulumi's Node.js language host (`pulumi-language-nodejs`) is a separate, untagged Go module
 * that the Go module proxy reachable here does not serve (it answers 403 for every version:
 * see the real-CLI section of docs/contributing.md). Programs therefore reach this CLI as the Automation API's
 * inline programs (`--client`), which need no language host.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../test/harness/run";

/** The repository root. */
const REPO = path.resolve(__dirname, "..", "..");
/** The Go module that pins the CLI. */
export const CLI_MODULE_DIR = path.join(REPO, "tools", "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_SYMBOL = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

/**
 * Plugin scripts written beside `pulumi`: `pulumi-resource-pulumi-nodejs`, the dynamic-provider
 * host, as `@pulumi/pulumi` ships it (a release of the CLI has it beside `pulumi`). It resolves
 * `@pulumi/pulumi` from the folder the CLI starts it in, the program's, so one copy serves
 * every project.
 */
export const PLUGIN_SCRIPTS: Readonly<Record<string, string>> = {
  "pulumi-resource-pulumi-nodejs": scriptRunning("@pulumi/pulumi/cmd/dynamic-provider"),
};

function scriptRunning(module: string): string {
  return [
    "#!/bin/sh",
    `# Written by pulumi-tencentcloud-live-callbacks (scripts/pulumi/build.ts): runs ${module}`,
    "# as resolved from the folder the Pulumi CLI starts this plugin in.",
    `script=$(node -e "console.log(require.resolve('${module}'))") || exit 1`,
    'exec node "$script" "$@"',
    "",
  ].join("\n");
}

/** The `pkg/v3` version `tools/pulumi-cli/go.mod` requires (`v3.276.0`). */
export async function pinnedVersion(): Promise<string> {
  const mod = await readFile(path.join(CLI_MODULE_DIR, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)/.exec(mod);
  if (!m) throw new Error(`tools/pulumi-cli/go.mod requires no github.com/pulumi/pulumi/pkg/v3`);
  return m[1];
}

/** Where builds are cached: `LIVE_CALLBACKS_PULUMI_CACHE`, else `~/.cache/…/pulumi`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.LIVE_CALLBACKS_PULUMI_CACHE ??
    path.join(
      env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"),
      "pulumi-tencentcloud-live-callbacks",
      "pulumi",
    )
  );
}

/** The cache folder of the pinned build: the version plus the first 12 hex of `go.sum`'s hash. */
export async function binFolder(): Promise<string> {
  const sum = await readFile(path.join(CLI_MODULE_DIR, "go.sum"));
  const key = createHash("sha256").update(sum).digest("hex").slice(0, 12);
  return path.join(cacheRoot(), `${await pinnedVersion()}-${key}`, "bin");
}

/** The folder of the pinned build when it is already there (nothing is built). */
export async function builtPulumiBin(): Promise<string | undefined> {
  const dir = await binFolder();
  return (await versionOf(dir)) === (await pinnedVersion()) ? dir : undefined;
}

/** A finished build: where it is, and what it cost. */
export interface PulumiBin {
  /** The folder holding `pulumi` and the plugin scripts. */
  dir: string;
  /** The version `pulumi version` printed. */
  version: string;
  /** True when this call built it (false: found in the cache). */
  built: boolean;
  /** Milliseconds this call spent. */
  ms: number;
}

/** The version `<dir>/pulumi version` prints, or undefined when it does not run. */
async function versionOf(dir: string): Promise<string | undefined> {
  const pulumi = path.join(dir, "pulumi");
  if (!existsSync(pulumi)) return undefined;
  try {
    return (await run(pulumi, ["version"], { cwd: dir, timeoutMs: 60_000 })).stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * Returns the cached build, or builds it: `go build` of the CLI in `tools/pulumi-cli` (module
 * downloads through the Go module proxy only, `GOTOOLCHAIN=local`), with release flags
 * (`CGO_ENABLED=0`, `-trimpath`, tags `osusergo,grpcnotrace`) and the version linked in. The
 * build goes to a temporary folder beside the cache and is renamed into place, so two callers
 * at once cannot leave a half-written binary. `log` hears progress (not the result).
 */
export async function ensurePulumiBin(log: (line: string) => void = () => {}): Promise<PulumiBin> {
  const started = Date.now();
  const dir = await binFolder();
  const version = await pinnedVersion();
  if ((await versionOf(dir)) === version) {
    await writePluginScripts(dir);
    const yamlBuilt = await ensureYamlHost(dir, log);
    return { dir, version, built: yamlBuilt, ms: Date.now() - started };
  }
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, "building-"));
  try {
    log(
      `building pulumi ${version} from Go modules (tools/pulumi-cli); the first build takes minutes`,
    );
    await goBuild(
      CLI_MODULE_DIR,
      CLI_PACKAGE,
      `${VERSION_SYMBOL}=${version}`,
      path.join(staging, "pulumi"),
    );
    const printed = await versionOf(staging);
    if (printed !== version) {
      throw new Error(`the built pulumi prints version ${JSON.stringify(printed)}, not ${version}`);
    }
    await writePluginScripts(staging);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    await ensureYamlHost(dir, log);
    return { dir, version, built: true, ms: Date.now() - started };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The Go module that pins the YAML language host (its own `pkg/v3`, older than the CLI's). */
export const YAML_MODULE_DIR = path.join(REPO, "tools", "pulumi-yaml");
const YAML_PACKAGE = "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml";
const YAML_VERSION_SYMBOL = "github.com/pulumi/pulumi-yaml/pkg/version.Version";
/** Records which `tools/pulumi-yaml/go.sum` the host beside `pulumi` was built from. */
const YAML_STAMP = ".pulumi-language-yaml.key";

/**
 * Places `pulumi-language-yaml` (what runs YAML programs) beside `pulumi` in `dir`, built from
 * `tools/pulumi-yaml` with its version linked in, unless the one there was built from the same
 * `go.sum`. Built in its own module so that it keeps the `pkg/v3` it was released with. A cold
 * build took 1 min 29 s on this project's 2-core machine (module cache warm). True when built.
 */
export async function ensureYamlHost(
  dir: string,
  log: (line: string) => void = () => {},
): Promise<boolean> {
  const mod = await readFile(path.join(YAML_MODULE_DIR, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi-yaml (v\d+\.\d+\.\d+)/.exec(mod);
  if (!m) throw new Error("tools/pulumi-yaml/go.mod requires no github.com/pulumi/pulumi-yaml");
  const sum = await readFile(path.join(YAML_MODULE_DIR, "go.sum"));
  const key = `${m[1]} ${createHash("sha256").update(sum).digest("hex").slice(0, 12)}`;
  const target = path.join(dir, "pulumi-language-yaml");
  const stamp = path.join(dir, YAML_STAMP);
  if (existsSync(target) && (await readFile(stamp, "utf8").catch(() => "")) === key) return false;
  log(`building pulumi-language-yaml ${m[1]} from Go modules (tools/pulumi-yaml)`);
  const temp = `${target}.${process.pid}.tmp`;
  await goBuild(YAML_MODULE_DIR, YAML_PACKAGE, `${YAML_VERSION_SYMBOL}=${m[1]}`, temp);
  await rename(temp, target);
  await writeFile(stamp, key);
  return true;
}

/**
 * `go build` of `pkg` in the module at `moduleDir` into `out`, as Pulumi's release builds do
 * (`CGO_ENABLED=0`, `-trimpath`, tags `osusergo,grpcnotrace`), with `version` (`symbol=value`)
 * linked in. Modules come through the Go module proxy only; `GOTOOLCHAIN=local` keeps the go
 * command from fetching another toolchain, and `-mod=readonly` from changing `go.sum`.
 */
async function goBuild(
  moduleDir: string,
  pkg: string,
  version: string,
  out: string,
): Promise<void> {
  await run(
    "go",
    [
      "build",
      "-trimpath",
      "-tags",
      "osusergo,grpcnotrace",
      "-ldflags",
      `-X ${version}`,
      "-o",
      out,
      pkg,
    ],
    {
      cwd: moduleDir,
      env: { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
      timeoutMs: 3_600_000,
    },
  );
}

/** Writes {@link PLUGIN_SCRIPTS} into `dir` when missing or different. */
async function writePluginScripts(dir: string): Promise<void> {
  for (const [name, text] of Object.entries(PLUGIN_SCRIPTS)) {
    const file = path.join(dir, name);
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === text) continue;
    await writeFile(file, text);
    await chmod(file, 0o755);
  }
}
