/**
 * The shim probe's answer, remembered between programs of one project, so that only the first
 * `pulumi` command after an install pays for the child process (about 0.6 s, `npm run bench`).
 * The answer depends only on which `@pulumi/pulumi` serializes which installed file, from which
 * directory: that is the key, with real paths (pnpm's links resolved) and Pulumi's version, so
 * an upgrade or a reinstall asks again. Only definite answers are kept: a probe that crashed or
 * timed out on a loaded machine is asked again next time. Reading or writing the cache never
 * fails a program; without it, the probe simply runs.
 */
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { ProbeResult } from "./probe";

/** Most answers kept: one per Pulumi version and layout a project went through recently. */
const MAX_ENTRIES = 20;

interface CacheFile {
  version: 1;
  entries: Record<string, ProbeResult>;
}

/** Where a program started in `cwd` keeps the answers, or undefined without `node_modules`. */
export function probeCacheFile(cwd: string, packageName: string): string | undefined {
  const modules = path.join(cwd, "node_modules");
  try {
    realpathSync(modules);
  } catch {
    return undefined;
  }
  return path.join(modules, ".cache", packageName, "shim-probe.json");
}

/** The `version` of the package whose main file is `mainFile` (its nearest package.json). */
function packageVersion(mainFile: string): string {
  for (let dir = path.dirname(mainFile); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        version?: unknown;
      };
      if (typeof manifest.version === "string") return manifest.version;
    } catch {
      // No manifest here: look further up.
    }
  }
  return "unknown";
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The key of an answer: which serializer (file and version), which shim file, from where. */
export function probeKey(pulumiMain: string, shimFile: string, cwd: string): string {
  return JSON.stringify([real(pulumiMain), packageVersion(pulumiMain), real(shimFile), real(cwd)]);
}

/** True for an answer that says how the serializer behaves, not that the probe broke. */
function definite(answer: ProbeResult): boolean {
  return answer.byName || !/^the probe (failed|printed)/.test(answer.reason ?? "");
}

function read(file: string): CacheFile {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheFile>;
    if (parsed.version === 1 && typeof parsed.entries === "object" && parsed.entries !== null) {
      return { version: 1, entries: parsed.entries };
    }
  } catch {
    // Missing or unreadable: start afresh.
  }
  return { version: 1, entries: {} };
}

/**
 * The answer stored for `key` in `file`, or `probe()`'s, stored when it is definite. With no
 * `file`, just `probe()`. A half-written file cannot be read by another program: the new
 * content is written beside it and renamed over it.
 */
export function cachedProbe(
  file: string | undefined,
  key: string,
  probe: () => ProbeResult,
): ProbeResult {
  if (!file) return probe();
  const cache = read(file);
  const hit = cache.entries[key];
  if (hit && typeof hit.byName === "boolean") return hit;
  const answer = probe();
  if (!definite(answer)) return answer;
  const keys = Object.keys(cache.entries).filter((k) => k !== key);
  const kept = keys.slice(Math.max(0, keys.length - (MAX_ENTRIES - 1)));
  const entries = Object.fromEntries(kept.map((k) => [k, cache.entries[k]]));
  entries[key] = answer;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
    renameSync(temp, file);
  } catch {
    // A read-only node_modules: the next program asks again.
  }
  return answer;
}
