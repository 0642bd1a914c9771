/**
 * Generating the `tencentcloud-live` SDKs from `plugin/schema.json` with Pulumi's own code
 * generators, into `sdk/<language>/` (gitignored: `npm run plugin:sdks` regenerates them).
 *
 * Two paths, tried in this order for each language:
 * 1. `pulumi package gen-sdk` of the real CLI (`npm run pulumi:bin`): it asks the language host
 *    of the target language (`pulumi-language-<lang>`) to run its generator. Only the YAML host
 *    can be built here (the Go module proxy refuses the others' modules), so today this path
 *    answers "no language plugin 'pulumi-language-<lang>' found" for every SDK language; with
 *    a full Pulumi install it is the one taken.
 * 2. `tools/pulumi-codegen`: the same generators called as Go library packages (`pkg/v3`
 *    v3.276.0 for Python, Go and Node.js, the CLI's own version; `pulumi-language-dotnet`
 *    v3.110.0 for .NET, whose generator left `pkg/v3`), and `tools/pulumi-codegen-java` for
 *    Java (`pulumi-java/pkg` v1.22.0, which needs `pkg/v3` v3.228.0, hence its own module).
 *    Taken only when path 1 says the host is missing; any other gen-sdk failure (a schema it
 *    refuses) is an error.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { cacheRoot, ensurePulumiBin, pinnedVersion } from "../pulumi/build";
import { run } from "../../test/harness/run";
import { runCommand } from "../../test/harness/pulumiCli";
import { GO_IMPORT_BASE } from "./buildSchema";

const REPO = path.resolve(__dirname, "..", "..");
/** The Go module of the codegen tool (Python, Go, Node.js, .NET). */
export const CODEGEN_MODULE_DIR = path.join(REPO, "tools", "pulumi-codegen");
/** The Go module of the Java codegen tool (the same glue, an older `pkg/v3`). */
export const CODEGEN_JAVA_MODULE_DIR = path.join(REPO, "tools", "pulumi-codegen-java");
/** The schema the SDKs come from. */
export const SCHEMA_FILE = path.join(REPO, "plugin", "schema.json");
/** Where `npm run plugin:sdks` writes: `sdk/<language>/`. */
export const SDK_ROOT = path.join(REPO, "sdk");

/** The languages generated, as `gen-sdk --language` names them. */
export const SDK_LANGUAGES = ["python", "go", "nodejs", "dotnet", "java"] as const;
/** One of {@link SDK_LANGUAGES}. */
export type SdkLanguage = (typeof SDK_LANGUAGES)[number];

/** The Go SDK's module path: the schema's `importBasePath` without its package folder. */
export const GO_SDK_MODULE = path.posix.dirname(GO_IMPORT_BASE);

/** How one SDK was produced. */
export interface GeneratedSdk {
  language: SdkLanguage;
  /** The folder written. */
  dir: string;
  /** `gen-sdk`: the real CLI did it; `pulumi-codegen`: the fallback tool did. */
  via: "gen-sdk" | "pulumi-codegen";
  /** Why gen-sdk was not used (its own message), when it was not. */
  fallbackReason?: string;
  /** The tool module that generated it instead (`tools/pulumi-codegen…`), when gen-sdk did not. */
  tool?: string;
  /** Milliseconds this language took. */
  ms: number;
}

/** Which tool module generates each language. */
const TOOL_MODULE: Readonly<Record<SdkLanguage, string>> = {
  python: CODEGEN_MODULE_DIR,
  go: CODEGEN_MODULE_DIR,
  nodejs: CODEGEN_MODULE_DIR,
  dotnet: CODEGEN_MODULE_DIR,
  java: CODEGEN_JAVA_MODULE_DIR,
};

/**
 * A codegen tool's binary (the module at `moduleDir`), built when missing: cached outside the
 * work tree, keyed by a hash of the module's `go.mod`, `go.sum` and Go files, built with `GOTOOLCHAIN=local` and
 * `-mod=readonly` (modules from the Go module proxy only, `go.sum` unchanged). Renamed into
 * place, so two callers at once cannot see half a binary.
 */
export async function ensureCodegenTool(
  moduleDir: string = CODEGEN_MODULE_DIR,
  log: (line: string) => void = () => {},
): Promise<{ binary: string; built: boolean; ms: number }> {
  const started = Date.now();
  const hash = createHash("sha256");
  const names = (await readdir(moduleDir)).filter((n) => /^go\.(mod|sum)$|\.go$/.test(n)).sort();
  for (const name of names) {
    hash.update(name).update(await readFile(path.join(moduleDir, name)));
  }
  const tool = path.basename(moduleDir);
  const dir = path.join(path.dirname(cacheRoot()), "pulumi-codegen");
  const binary = path.join(dir, `${tool}-${hash.digest("hex").slice(0, 12)}`);
  if (existsSync(binary)) return { binary, built: false, ms: Date.now() - started };
  await mkdir(dir, { recursive: true });
  log(`building tools/${tool} (Pulumi's code generators as Go packages)`);
  const temp = `${binary}.${process.pid}.tmp`;
  await run("go", ["build", "-trimpath", "-o", temp, "."], {
    cwd: moduleDir,
    env: { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
    timeoutMs: 3_600_000,
  });
  await rename(temp, binary);
  return { binary, built: true, ms: Date.now() - started };
}

/** The message gen-sdk prints when the target language's host is not installed. */
const NO_HOST = /no language plugin 'pulumi-language-[a-z]+' found/;

/**
 * `pulumi package gen-sdk` for one language into `out` (replaced), offline: a private
 * `PULUMI_HOME`, no update check, no plugin download. Resolves with undefined when it wrote
 * the SDK, or gen-sdk's message when the language host is missing; rejects on anything else.
 */
async function genSdkWithCli(
  pulumiDir: string,
  language: SdkLanguage,
  out: string,
): Promise<string | undefined> {
  const home = await mkdtemp(path.join(os.tmpdir(), "plugin-sdks-"));
  try {
    const done = await runCommand(
      path.join(pulumiDir, "pulumi"),
      ["package", "gen-sdk", SCHEMA_FILE, "--language", language, "--out", home],
      {
        cwd: home,
        env: {
          ...process.env,
          PATH: `${pulumiDir}${path.delimiter}${process.env.PATH ?? ""}`,
          PULUMI_HOME: path.join(home, ".pulumi"),
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
        timeoutMs: 300_000,
      },
    );
    const message = `${done.stdout}\n${done.stderr}`;
    if (done.code !== 0) {
      const missing = NO_HOST.exec(message);
      if (missing) return missing[0];
      throw new Error(`pulumi package gen-sdk --language ${language} failed:\n${message}`);
    }
    await rm(out, { recursive: true, force: true });
    await rename(path.join(home, language), out);
    return undefined;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * What each SDK needs beside the generator's files to be used from a checkout:
 * - Go: the generator writes packages but no `go.mod` (the Go language host adds one for a
 *   local SDK); this one names {@link GO_SDK_MODULE} and requires the `sdk/v3` the CLI was
 *   built from, so a program can `replace` the module path with `sdk/go`.
 * - Python: `pyproject.toml` names `README.md` at the SDK's root, but the generator writes it
 *   inside the package folder (a provider's build copies it up); without it setuptools warns
 *   and the package has no long description.
 */
async function completeSdk(language: SdkLanguage, dir: string): Promise<void> {
  if (language === "go" && !existsSync(path.join(dir, "go.mod"))) {
    const version = await pinnedVersion();
    await writeFile(
      path.join(dir, "go.mod"),
      `module ${GO_SDK_MODULE}\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${version}\n`,
    );
  }
  const readme = path.join(dir, "pulumi_tencentcloud_live", "README.md");
  if (language === "python" && !existsSync(path.join(dir, "README.md")) && existsSync(readme)) {
    await copyFile(readme, path.join(dir, "README.md"));
  }
}

/**
 * Generates the SDK of each of `languages` into `root/<language>`, each through gen-sdk when
 * its language host is there, else through the codegen tool. `log` hears progress.
 */
export async function generateSdks(
  options: {
    languages?: readonly SdkLanguage[];
    root?: string;
    log?: (line: string) => void;
  } = {},
): Promise<GeneratedSdk[]> {
  const log = options.log ?? (() => {});
  const root = options.root ?? SDK_ROOT;
  const pulumi = await ensurePulumiBin(log);
  const tools = new Map<string, string>();
  const done: GeneratedSdk[] = [];
  for (const language of options.languages ?? SDK_LANGUAGES) {
    const started = Date.now();
    const dir = path.join(root, language);
    await mkdir(root, { recursive: true });
    const fallbackReason = await genSdkWithCli(pulumi.dir, language, dir);
    if (fallbackReason !== undefined) {
      const moduleDir = TOOL_MODULE[language];
      if (!tools.has(moduleDir))
        tools.set(moduleDir, (await ensureCodegenTool(moduleDir, log)).binary);
      await run(
        tools.get(moduleDir)!,
        ["-schema", SCHEMA_FILE, "-language", language, "-out", dir],
        {
          cwd: REPO,
          timeoutMs: 300_000,
        },
      );
    }
    await completeSdk(language, dir);
    done.push({
      language,
      dir,
      via: fallbackReason === undefined ? "gen-sdk" : "pulumi-codegen",
      ...(fallbackReason === undefined
        ? {}
        : { fallbackReason, tool: path.relative(REPO, TOOL_MODULE[language]) }),
      ms: Date.now() - started,
    });
  }
  return done;
}
