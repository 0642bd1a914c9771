/**
 * A second build of the library from an edited copy of its sources, to show what a new library
 * version changes (and does not change) in the serialized provider.
 */
import { copyFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "./run";

/** A built copy of the library. */
export interface LibraryCopy {
  /** The copy's root: `package.json`, `src/`, `dist/`, and `node_modules` linked to the repo's. */
  dir: string;
  /** Milliseconds the compilation took. */
  buildMs: number;
  /** Removes the copy. Safe to call more than once. */
  cleanup(): Promise<void>;
}

/** One text replacement in one source file of the copy. */
export interface SourceEdit {
  /** Path relative to the repository root, e.g. `src/provider/template.ts`. */
  file: string;
  from: string;
  to: string;
}

/**
 * Copies the repository's `src/`, `package.json` and `tsconfig*.json` to a temporary
 * directory, applies `edits` (each must match, or this throws, so a stale edit cannot make a
 * test vacuous), and compiles it with the repository's `tsc -p tsconfig.build.json`.
 */
export async function buildLibraryCopy(
  repoDir: string,
  edits: readonly SourceEdit[],
): Promise<LibraryCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-build-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await cp(path.join(repoDir, "src"), path.join(dir, "src"), { recursive: true });
    for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json"]) {
      await copyFile(path.join(repoDir, f), path.join(dir, f));
    }
    // Type packages and tsc resolve from here; a link avoids copying hundreds of megabytes.
    await symlink(path.join(repoDir, "node_modules"), path.join(dir, "node_modules"), "dir");
    for (const edit of edits) {
      const file = path.join(dir, edit.file);
      const text = await readFile(file, "utf8");
      if (!text.includes(edit.from)) {
        throw new Error(`${edit.file} no longer contains ${JSON.stringify(edit.from)}`);
      }
      await writeFile(file, text.split(edit.from).join(edit.to));
    }
    const tsc = path.join(repoDir, "node_modules", ".bin", "tsc");
    const { ms } = await run(tsc, ["-p", "tsconfig.build.json"], { cwd: dir, timeoutMs: 600_000 });
    return { dir, buildMs: ms, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
