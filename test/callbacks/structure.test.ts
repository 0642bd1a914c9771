// The receiver helpers' module graph: no import cycle (type-only imports included), and the event
// schemas layered so that one event family's file depends only on the shared codes and fields,
// which is what lets a new event type arrive as one new file plus a line in the union.
import assert from "node:assert/strict";
import { basename, join, resolve } from "node:path";
import { findCycles, importGraph, showCycle, sourceFiles } from "../support/importGraph";

const CALLBACKS = resolve(__dirname, "../../src/callbacks");
const EVENTS = join(CALLBACKS, "events");

/** Files of `events/` that are not an event family's schemas. */
const EVENTS_PLUMBING = new Set([
  "index.ts",
  "types.ts",
  "common.ts",
  "union.ts",
  "parse.ts",
  "key.ts",
]);

describe("callbacks: module structure", () => {
  const files = sourceFiles(CALLBACKS);
  const graph = importGraph(files, CALLBACKS);
  const importsOf = (file: string): string[] => graph.get(file) ?? [];
  const families = files.filter(
    (file) => file.startsWith(EVENTS) && !EVENTS_PLUMBING.has(basename(file)),
  );

  it("finds the callbacks files and their imports", () => {
    // Guards the walker itself: a parser that saw no imports would find no cycle either.
    assert.ok(importsOf(join(CALLBACKS, "index.ts")).includes(join(EVENTS, "index.ts")));
    assert.deepEqual(families.map((file) => basename(file)).sort(), [
      "audit.ts",
      "pushException.ts",
      "record.ts",
      "snapshot.ts",
      "stream.ts",
    ]);
    assert.deepEqual(importsOf(join(EVENTS, "union.ts")).sort(), [...families].sort());
  });

  it("has no import cycle", () => {
    const cycles = findCycles(graph);
    assert.deepEqual(
      cycles.map((cycle) => showCycle(CALLBACKS, cycle)),
      [],
      "import cycles in src/callbacks",
    );
  });

  it("builds each event family on the shared codes and fields only", () => {
    const shared = [join(EVENTS, "common.ts"), join(EVENTS, "types.ts")];
    for (const file of families) {
      const outside = importsOf(file).filter((target) => !shared.includes(target));
      assert.deepEqual(outside, [], `${basename(file)} imports more than common.ts and types.ts`);
    }
    assert.deepEqual(importsOf(join(EVENTS, "types.ts")), []);
    assert.deepEqual(importsOf(join(EVENTS, "common.ts")), []);
  });
});
