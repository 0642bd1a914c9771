/**
 * Writing the generated project so that a failure leaves nothing behind: every file is written
 * into a fresh folder next to the target, which is then renamed into place (a rename within one
 * folder is atomic). Into an existing folder (`--force`), each file is moved in with the file it
 * replaces kept aside until all are in, and put back if any move fails. The secrets file is
 * created with its final mode, never widened and narrowed afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";

/** One file of the project. */
export interface ProjectFile {
  /** A plain file name: no folder part. */
  name: string;
  text: string;
  /** Mode it is created with (before the umask); default `0o644`. */
  mode?: number;
}

type Rename = (from: string, to: string) => Promise<void>;

/** What the target folder holds before the import. */
export type TargetState = "absent" | "empty" | "not-empty";

/** A target that cannot be written without the user changing the command line. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetError";
  }
}

/**
 * What `dir` holds now. Throws a {@link TargetError} when it is a file, or a folder that is not
 * empty and `force` was not given.
 */
export async function inspectTarget(dir: string, force: boolean): Promise<TargetState> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (!info) return "absent";
  if (!info.isDirectory()) throw new TargetError(`--out ${dir} exists and is not a folder.`);
  if ((await readdir(dir)).length === 0) return "empty";
  if (!force) {
    throw new TargetError(
      `--out ${dir} is a folder that is not empty. Choose a new or empty folder, or pass --force to ` +
        `write the project's files into it (files of the same names are replaced, others are kept).`,
    );
  }
  return "not-empty";
}

/** Options of {@link writeProject}. */
export interface WriteOptions {
  /** Write into a folder that is not empty, replacing files of the same names. */
  force?: boolean;
  /** The rename to use; tests pass one that fails, to see that a failure leaves nothing behind. */
  rename?: Rename;
}

/**
 * Writes `files` into `dir` (see the module comment). Creates missing parent folders, and removes
 * them again on failure.
 */
export async function writeProject(
  dir: string,
  files: readonly ProjectFile[],
  options: WriteOptions = {},
): Promise<void> {
  const force = options.force === true;
  const move = options.rename ?? rename;
  for (const f of files) {
    if (f.name !== path.basename(f.name) || f.name === "." || f.name === "..") {
      throw new Error(`not a plain file name: ${JSON.stringify(f.name)}`);
    }
  }
  const target = path.resolve(dir);
  const state = await inspectTarget(target, force);
  const parent = path.dirname(target);
  const madeParent = await mkdir(parent, { recursive: true });
  const staging = path.join(
    parent,
    `.${path.basename(target)}.import-${randomBytes(6).toString("hex")}`,
  );
  try {
    await mkdir(staging);
    for (const f of files) {
      // "wx": a fresh file, created with its mode; a name given twice fails instead of merging.
      await writeFile(path.join(staging, f.name), f.text, { mode: f.mode ?? 0o644, flag: "wx" });
    }
    if (state === "not-empty") await moveFilesInto(staging, target, files, move);
    else await moveFolder(staging, target, state, move);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (madeParent) await rm(madeParent, { recursive: true, force: true });
    throw e;
  }
  await rm(staging, { recursive: true, force: true });
}

/** Renames the staged folder to `target`, replacing an empty folder there. */
async function moveFolder(
  staging: string,
  target: string,
  state: TargetState,
  move: Rename,
): Promise<void> {
  try {
    // POSIX rename replaces an empty folder in one step.
    await move(staging, target);
  } catch (e) {
    if (state !== "empty") throw e;
    // Where rename does not replace folders: remove the empty one (rmdir fails if it filled up),
    // and make it again if the project still cannot take its place.
    await rmdir(target);
    try {
      await move(staging, target);
    } catch (again) {
      await mkdir(target).catch(() => undefined);
      throw again;
    }
  }
}

/**
 * Moves each staged file into `target`, keeping the files it replaces in the staging folder until
 * every move succeeded; on a failure, the moved files are taken out and the kept ones put back.
 */
async function moveFilesInto(
  staging: string,
  target: string,
  files: readonly ProjectFile[],
  move: Rename,
): Promise<void> {
  const kept = path.join(staging, ".replaced");
  await mkdir(kept);
  const done: { name: string; replaced: boolean }[] = [];
  try {
    for (const f of files) {
      const at = path.join(target, f.name);
      const replaced = await move(at, path.join(kept, f.name)).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === "ENOENT") return false;
          throw e;
        },
      );
      done.push({ name: f.name, replaced });
      await move(path.join(staging, f.name), at);
    }
  } catch (e) {
    for (const { name, replaced } of done.reverse()) {
      const at = path.join(target, name);
      await rm(at, { force: true });
      if (replaced) await rename(path.join(kept, name), at);
    }
    throw e;
  }
}
