// The emulator's module graph: no file may import itself back through others, type-only imports
// included, so that each folder (protocol, account, admin, events) can be read and changed on its
// own and the order modules load in never matters.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../..");
const EMULATOR = join(ROOT, "src/emulator");

/** Every `.ts` file under `dir`, as absolute paths. */
function sourceFiles(dir: string): string[] {
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

/** The emulator files `file` imports or re-exports, type-only imports included. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map((ref) => resolveSpecifier(file, ref.fileName))
    .filter((target): target is string => target !== undefined && target.startsWith(EMULATOR));
}

/** The import graph of `files`: file → the emulator files it imports. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file)]));
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
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

const show = (files: string[]): string => files.map((f) => relative(EMULATOR, f)).join(" → ");

describe("emulator: module structure", () => {
  const files = sourceFiles(EMULATOR);

  it("finds the emulator's files and their imports", () => {
    // Guards the walker itself: a parser that saw no imports would find no cycle either.
    const graph = importGraph(files);
    assert.ok(files.length > 10, `only ${files.length} files found`);
    const server = join(EMULATOR, "server.ts");
    assert.ok((graph.get(server) ?? []).length >= 3, "server.ts imports the emulator's parts");
  });

  it("detects a cycle when there is one", () => {
    const a = join(EMULATOR, "a.ts");
    const b = join(EMULATOR, "b.ts");
    const c = join(EMULATOR, "c.ts");
    const cyclic = new Map([
      [a, [b]],
      [b, [c]],
      [c, [a]],
    ]);
    assert.deepEqual(findCycles(cyclic).map(show), ["a.ts → b.ts → c.ts → a.ts"]);
    assert.deepEqual(
      findCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
      [],
    );
  });

  it("has no import cycle", () => {
    const cycles = findCycles(importGraph(files));
    assert.deepEqual(cycles.map(show), [], "import cycles in src/emulator");
  });
});
