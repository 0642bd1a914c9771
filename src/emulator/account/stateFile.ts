/**
 * The state file of the emulated account (templates, rules, the template id counter). It is
 * written atomically (temporary file + rename) so a crash or a kill mid-write never leaves a
 * truncated file that the next start would refuse to load.
 */
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { RECORD_EXCEPTION_LEVELS } from "../../api/fields";
import type { EmulatorData } from "./data";
import { TEXT_FIELD_NAMES, type StoredTemplate } from "./templates/fields";

/** Version written into the state file so a future format change can be detected. */
const STATE_FILE_VERSION = 1;

// Missing string fields default to "" so that a file written before a field existed still loads.
const templateSchema = z.object({
  TemplateId: z.number().int().positive(),
  RecordExceptionLevels: z.array(z.enum(RECORD_EXCEPTION_LEVELS)).default([]),
  ...Object.fromEntries(TEXT_FIELD_NAMES.map((name) => [name, z.string().default("")])),
});

const ruleSchema = z.object({
  DomainName: z.string().min(1),
  AppName: z.string().min(1),
  TemplateId: z.number().int().positive(),
  CreateTime: z.string(),
  UpdateTime: z.string(),
});

const stateFileSchema = z.object({
  version: z.literal(STATE_FILE_VERSION),
  nextTemplateId: z.number().int().positive(),
  templates: z.array(templateSchema),
  rules: z.array(ruleSchema),
});

/**
 * Reads a state file. Returns `undefined` when the file does not exist; throws with the path in
 * the message when it exists but cannot be used, rather than silently starting empty and then
 * overwriting the user's file on the first change.
 */
export async function loadStateFile(path: string): Promise<EmulatorData | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`state file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `state file ${path} is not an emulator state file:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const templates = parsed.data.templates as StoredTemplate[];
  const highestId = Math.max(0, ...templates.map((t) => t.TemplateId));
  return {
    // A hand-edited counter must still never hand out an id that is already taken.
    nextTemplateId: Math.max(parsed.data.nextTemplateId, highestId + 1),
    templates,
    rules: parsed.data.rules,
  };
}

/** The state file's text: the data behind a format version. */
function serialize(data: EmulatorData): string {
  return JSON.stringify({ version: STATE_FILE_VERSION, ...data }, null, 2) + "\n";
}

/** Makes temporary names unique when several emulators in one process share a directory. */
let tmpCounter = 0;

/** Writes `text` to `path` atomically: a sibling temporary file, then a rename over the target. */
async function writeTextAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  tmpCounter += 1;
  // Same directory as the target: rename is only atomic within one file system.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${tmpCounter}.tmp`);
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Serialises state-file writes; see {@link createStateSaver}. */
export interface StateSaver {
  /**
   * Queues a write of `data` as it is now (it is serialised immediately) and resolves once that
   * write is on disk. Rejects when that write fails. Does nothing without a state file.
   */
  save(data: EmulatorData): Promise<void>;
  /** Resolves when every queued write has finished, successfully or not. */
  idle(): Promise<void>;
}

/**
 * Makes a saver for `path` (or a no-op saver without one). Writes run one after another in the
 * order they were queued, so two quick changes can never land on disk in the wrong order.
 */
export function createStateSaver(path: string | undefined): StateSaver {
  let queue: Promise<void> = Promise.resolve();
  return {
    save(data) {
      if (!path) return Promise.resolve();
      const text = serialize(data);
      const write = queue.then(() => writeTextAtomically(path, text));
      // The queue itself must survive a failed write; the caller still sees the failure.
      queue = write.catch(() => undefined);
      return write;
    },
    idle() {
      return queue;
    },
  };
}
