// The emulator's module graph: no file may import itself back through others, type-only imports
// included, so that each folder (protocol, account, admin, events) can be read and changed on its
// own and the order modules load in never matters.
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { findCycles, importGraph, showCycle, sourceFiles } from "../support/importGraph";

const EMULATOR = resolve(__dirname, "../../src/emulator");

const show = (files: string[]): string => showCycle(EMULATOR, files);

describe("emulator: module structure", () => {
  const files = sourceFiles(EMULATOR);

  it("finds the emulator's files and their imports", () => {
    // Guards the walker itself: a parser that saw no imports would find no cycle either.
    const graph = importGraph(files, EMULATOR);
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
    const cycles = findCycles(importGraph(files, EMULATOR));
    assert.deepEqual(cycles.map(show), [], "import cycles in src/emulator");
  });
});
