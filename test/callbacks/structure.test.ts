// The receiver helpers' module graph: no import cycle (type-only imports included), and the event
// families layered so that a family's folder depends only on itself and on shared/, which is
// what lets a new family arrive as one folder plus a line in the registry.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { findCycles, importGraph, showCycle, sourceFiles } from "../support/importGraph";

const CALLBACKS = resolve(__dirname, "../../src/callbacks");
const EVENTS = join(CALLBACKS, "events");
const FAMILIES = join(EVENTS, "families");
const SHARED = join(EVENTS, "shared");

describe("callbacks: module structure", () => {
  const files = sourceFiles(CALLBACKS);
  const graph = importGraph(files, CALLBACKS);
  const importsOf = (file: string): string[] => graph.get(file) ?? [];
  const families = readdirSync(FAMILIES).sort();
  const inside = (dir: string) => (file: string) => file.startsWith(dir + sep);

  it("finds the callbacks files, the families and their imports", () => {
    // Guards the walker itself: a parser that saw no imports would find no cycle either.
    assert.ok(importsOf(join(CALLBACKS, "index.ts")).includes(join(EVENTS, "index.ts")));
    assert.deepEqual(families, ["audit", "pushException", "record", "snapshot", "stream"]);
  });

  it("has no import cycle", () => {
    const cycles = findCycles(graph);
    assert.deepEqual(
      cycles.map((cycle) => showCycle(CALLBACKS, cycle)),
      [],
      "import cycles in src/callbacks",
    );
  });

  it("joins the families in the registry only, and derives the rest from it", () => {
    const registryImports = importsOf(join(EVENTS, "registry.ts")).filter(inside(FAMILIES));
    assert.deepEqual(
      registryImports.sort(),
      families.map((family) => join(FAMILIES, family, "index.ts")),
    );
    for (const derived of ["types.ts", "union.ts", "parse.ts", "key.ts"]) {
      const imports = importsOf(join(EVENTS, derived));
      assert.ok(imports.includes(join(EVENTS, "registry.ts")), `${derived} reads the registry`);
      assert.deepEqual(imports.filter(inside(FAMILIES)), [], `${derived} imports a family`);
    }
  });

  it("builds each family on its own folder and shared/ only", () => {
    for (const family of families) {
      const folder = join(FAMILIES, family);
      for (const file of files.filter(inside(folder))) {
        const outside = importsOf(file).filter((t) => !inside(folder)(t) && !inside(SHARED)(t));
        assert.deepEqual(outside, [], `${relative(EVENTS, file)} imports outside its family`);
      }
    }
    for (const file of files.filter(inside(SHARED))) {
      assert.deepEqual(
        importsOf(file).filter((t) => !inside(SHARED)(t)),
        [],
        relative(EVENTS, file),
      );
    }
  });
});
