/**
 * A TypeScript consumer project for type-level tests: the packed library installed from its
 * tarball (with `@pulumi/pulumi`, the Tencent SDK and `@types/node` at the repository's
 * versions) in a temporary folder outside the repository, as a user's project sees it.
 * Prepared once per mocha process and shared by the suites that type-check against it; every
 * suite that uses it registers {@link removeTypesConsumer} as a root `after` hook.
 *
 * Type-checking uses the repository's `typescript` through the compiler API, once per module
 * resolution mode a user may have configured.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import {
  ensureBuilt,
  installedVersion,
  installPackages,
  LIBRARY_NAME,
  packLibrary,
  pulumiVersionFor,
  writeConsumerManifest,
} from "../harness/consumer";

export { LIBRARY_NAME };

/** The repository root. */
export const REPO_DIR = path.resolve(__dirname, "../..");

/** The module settings a consumer may use; each must find every documented entry point. */
export const RESOLUTION_MODES = {
  /** Classic resolution, still common in Pulumi projects: no `exports` support at all. */
  node: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
  node16: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
} as const satisfies Record<string, ts.CompilerOptions>;

/** A resolution mode's name. */
export type ResolutionMode = keyof typeof RESOLUTION_MODES;

/** The compiler options of a consumer project using `mode`. */
export function consumerOptions(
  mode: ResolutionMode,
  overrides: ts.CompilerOptions = {},
): ts.CompilerOptions {
  return {
    ...RESOLUTION_MODES[mode],
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    strict: true,
    esModuleInterop: true,
    // The library's own declarations are checked too (see typeCheck).
    skipLibCheck: false,
    noEmit: true,
    ...overrides,
  };
}

/** A prepared consumer project. */
export interface TypesConsumer {
  /** The project directory, with `package.json` and `node_modules`. */
  dir: string;
  /** Writes `files` (name → text) into a fresh subfolder of the project; returns their paths. */
  writeSources(folder: string, files: Record<string, string>): Promise<string[]>;
}

let prepared: Promise<{ consumer: TypesConsumer; root: string }> | undefined;

async function prepare(): Promise<{ consumer: TypesConsumer; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-types-"));
  try {
    await ensureBuilt(REPO_DIR);
    const pack = await packLibrary(REPO_DIR, path.join(root, "packs"));
    const dir = path.join(root, "app");
    await mkdir(dir);
    await writeConsumerManifest(dir, "live-callbacks-types-consumer");
    const versions = await Promise.all(
      ["tencentcloud-sdk-nodejs", "@types/node"].map(
        async (pkg) => `${pkg}@${await installedVersion(REPO_DIR, pkg)}`,
      ),
    );
    versions.push(`@pulumi/pulumi@${await pulumiVersionFor(REPO_DIR)}`);
    await installPackages(dir, [pack.tarball, ...versions]);
    const writeSources = async (folder: string, files: Record<string, string>) => {
      const target = path.join(dir, folder);
      await rm(target, { recursive: true, force: true });
      await mkdir(target, { recursive: true });
      const written: string[] = [];
      for (const [name, text] of Object.entries(files)) {
        written.push(path.join(target, name));
        await writeFile(written[written.length - 1], text);
      }
      return written;
    };
    return { consumer: { dir, writeSources }, root };
  } catch (e) {
    await rm(root, { recursive: true, force: true });
    throw e;
  }
}

/** The shared consumer project, prepared on first use (pack + install: some seconds). */
export async function typesConsumer(): Promise<TypesConsumer> {
  prepared ??= prepare();
  return (await prepared).consumer;
}

/** Removes the shared consumer project, if one was prepared. Safe to call more than once. */
export async function removeTypesConsumer(): Promise<void> {
  const current = prepared;
  prepared = undefined;
  if (!current) return;
  const { root } = await current.catch(() => ({ root: undefined }));
  if (root) await rm(root, { recursive: true, force: true });
}

/** True for the consumer's own files and this library's declarations; false for other packages. */
function isOurs(fileName: string): boolean {
  const parts = fileName.split(/[\\/]node_modules[\\/]/);
  return parts.length === 1 || parts[parts.length - 1].startsWith(`${LIBRARY_NAME}/`);
}

/**
 * Type-checks `files` with the compiler options of `mode` and returns every diagnostic as
 * `file(line,col): TSxxxx message`: of the files themselves and of this library's declarations
 * (checking other packages' declarations would only cost time). `overrides` change the
 * consumer's compiler options (e.g. `esModuleInterop: false`).
 */
export function typeCheck(
  files: readonly string[],
  mode: ResolutionMode,
  overrides: ts.CompilerOptions = {},
): string[] {
  const program = ts.createProgram({ rootNames: files, options: consumerOptions(mode, overrides) });
  const diagnostics: ts.Diagnostic[] = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  for (const sourceFile of program.getSourceFiles()) {
    if (!isOurs(sourceFile.fileName) || program.isSourceFileDefaultLibrary(sourceFile)) continue;
    diagnostics.push(
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    );
  }
  return diagnostics.map(formatDiagnostic);
}

/** One diagnostic on one line. */
export function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName}(${line + 1},${character + 1}): TS${d.code} ${message}`;
}
