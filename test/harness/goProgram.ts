/**
 * A Go program using the provider plugin, run through the real CLI as a Go Automation API
 * inline program (there is no Go language host here): `test/pulumi/go` (its own go.mod and
 * go.sum, requiring `github.com/pulumi/pulumi/sdk/v3` from the Go module proxy) is built once
 * into a cache folder keyed by a hash of its sources, and serves the language protocol
 * in-process, passing `--client` to the `pulumi` on PATH (the CLI's folder comes first there).
 * The programs use the SDK Pulumi's Go generator writes from the plugin's schema into `sdk/go`
 * (the module's `replace` line points there); {@link buildGoProgram} generates it first.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import * as path from "node:path";
import { generateSdks } from "../../scripts/plugin/sdkGen";
import type { ProgramCommand, ProgramResult } from "./automation";
import { runCommand, type PulumiCli } from "./pulumiCli";

/** The Go quickstart's module. */
export const GO_PROGRAM_DIR = path.resolve(__dirname, "..", "pulumi", "go");
const CACHE = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"),
  "pulumi-tencentcloud-live-callbacks",
  "go-quickstart",
);
const RESULT_MARKER = "@@live-callbacks-result ";

/** Which `go` to use: PATH, or the usual install folder; undefined when there is none. */
export function goCommand(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/local/go/bin")) {
    if (dir && existsSync(path.join(dir, "go"))) return path.join(dir, "go");
  }
  return undefined;
}

/** Every file under `dir`, as paths relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * The built program: the Go SDK generated again (`sdk/go`), then the cached binary of these
 * sources and that SDK, or a fresh `go build` (cold: module downloads and the Pulumi SDK's
 * compile, about 2.5 minutes measured on 2 busy cores).
 */
export async function buildGoProgram(go: string): Promise<string> {
  const [sdk] = await generateSdks({ languages: ["go"] });
  const hash = createHash("sha256");
  for (const name of (await readdir(GO_PROGRAM_DIR)).sort()) {
    if (name === "go.mod" || name === "go.sum" || name.endsWith(".go")) {
      hash.update(name).update(await readFile(path.join(GO_PROGRAM_DIR, name)));
    }
  }
  for (const name of await filesUnder(sdk.dir)) {
    hash.update(`sdk/${name}`).update(await readFile(path.join(sdk.dir, name)));
  }
  const binary = path.join(CACHE, `quickstart-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(binary)) return binary;
  const out = await runCommand(go, ["build", "-trimpath", "-o", binary, "."], {
    cwd: GO_PROGRAM_DIR,
    env: { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
    timeoutMs: 1_500_000,
  });
  if (out.code !== 0) throw new Error(`go build of ${GO_PROGRAM_DIR} failed:\n${out.stderr}`);
  return binary;
}

/** What `main.go` of `tencentcloud-live-callbacks import --language go` hands `pulumi.Run`. */
const IMPORTED_MAIN = "func main() {\n\tpulumi.Run(program)\n}\n";

/**
 * Builds the program `tencentcloud-live-callbacks import --language go` wrote into
 * `projectDir` (its `go.mod`, and `mainGo`, its `main.go` or an edit of it) so that the
 * Automation API runs it inline as program `imported` of {@link runGoProgram}: in a build
 * folder, the written `go.mod` with its `replace` line pointed at this repository's generated
 * SDK (the one thing a user's machine has elsewhere), the written program without its `main`,
 * `test/pulumi/go/main.go` as the driver, and a file that registers `program` with it; then
 * `go mod tidy`, as the import's next steps say, and `go build`. Cached by a hash of the inputs.
 */
export async function buildImportedGoProgram(
  go: string,
  projectDir: string,
  mainGo: string,
): Promise<string> {
  const [sdk] = await generateSdks({ languages: ["go"] });
  const goMod = await readFile(path.join(projectDir, "go.mod"), "utf8");
  const replaced = goMod.replace(/^(replace \S+ => ).*$/m, `$1${path.resolve(sdk.dir)}`);
  assert.notEqual(replaced, goMod, "the written go.mod has no replace line");
  assert.ok(mainGo.includes(IMPORTED_MAIN), "the written main.go has no main handing over program");
  const files: Record<string, string> = {
    "go.mod": replaced,
    "imported.go": mainGo.replace(IMPORTED_MAIN, ""),
    "driver.go": await readFile(path.join(GO_PROGRAM_DIR, "main.go"), "utf8"),
    "register.go": 'package main\n\nfunc init() { programs["imported"] = program }\n',
  };
  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(files)) hash.update(name).update(text);
  for (const name of await filesUnder(sdk.dir)) {
    hash.update(`sdk/${name}`).update(await readFile(path.join(sdk.dir, name)));
  }
  const key = hash.digest("hex").slice(0, 16);
  const binary = path.join(CACHE, `imported-${key}`);
  if (existsSync(binary)) return binary;
  const dir = path.join(CACHE, `imported-${key}.src`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  // The quickstart module's go.sum holds the same modules' sums: tidy need not fetch them.
  await copyFile(path.join(GO_PROGRAM_DIR, "go.sum"), path.join(dir, "go.sum"));
  const env = { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod" };
  for (const args of [
    ["mod", "tidy"],
    ["build", "-trimpath", "-o", binary, "."],
  ]) {
    const out = await runCommand(go, args, { cwd: dir, env, timeoutMs: 1_500_000 });
    if (out.code !== 0) throw new Error(`go ${args.join(" ")} in ${dir} failed:\n${out.stderr}`);
  }
  await rm(dir, { recursive: true, force: true });
  return binary;
}

/** Runs one engine command on a Go program in project folder `dir`. */
export async function runGoProgram(run: {
  cli: PulumiCli;
  binary: string;
  dir: string;
  project: string;
  stack: string;
  command: ProgramCommand;
  options?: { expectNoChanges?: boolean; diff?: boolean };
  /**
   * `quickstart` (default), `explicitProvider`, or `imported` (a binary of
   * {@link buildImportedGoProgram}): which program runs.
   */
  program?: string;
}): Promise<ProgramResult> {
  const request = {
    command: run.command,
    program: run.program ?? "quickstart",
    stack: run.stack,
    project: run.project,
    dir: run.dir,
    options: run.options ?? {},
  };
  const done = await runCommand(run.binary, [JSON.stringify(request)], {
    cwd: run.dir,
    env: run.cli.env(),
  });
  const line = done.stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  const parsed = line
    ? (JSON.parse(line.slice(RESULT_MARKER.length)) as { changes?: Record<string, number> })
    : {};
  return { ...done, result: line ? "succeeded" : undefined, changes: parsed.changes };
}
