/**
 * The relative-import graph of a source folder and the cycles in it, read with TypeScript's own
 * pre-processor (type-only imports and re-exports included), for the module-structure suites.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** Every `.ts` file under `dir`, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`), if it exists. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this candidate.
    }
  }
  return undefined;
}

/** The files under `root` that `file` imports or re-exports, type-only imports included. */
function importsOf(file: string, root: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map((ref) => resolveSpecifier(file, ref.fileName))
    .filter((target): target is string => target !== undefined && target.startsWith(root + sep));
}

/** The import graph of `files`: file → the files under `root` it imports. */
export function importGraph(files: readonly string[], root: string): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file, root)]));
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (file: string): void => {
    if (onStack.has(file)) {
      cycles.push([...stack.slice(stack.indexOf(file)), file]);
      return;
    }
    if (done.has(file)) return;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
}

/** A cycle as `a.ts → b.ts → a.ts`, with paths relative to `root`. */
export function showCycle(root: string, files: readonly string[]): string {
  return files.map((file) => relative(root, file)).join(" → ");
}
