// The policies' module graph: no import cycle, one file per policy, and nothing loaded from the
// rest of the library but the field table, the host helpers and the type tokens, so that the
// /policy entry point stays free of the SDK, the provider and Pulumi itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { findCycles, importGraph, showCycle, sourceFiles } from "../support/importGraph";

const SRC = resolve(__dirname, "../../src");
const POLICY = join(SRC, "policy");

describe("policy: module structure", () => {
  const files = sourceFiles(POLICY);
  const graph = importGraph(files, SRC);

  it("has one module per policy, each imported by policies.ts", () => {
    const perPolicy = graph
      .get(join(POLICY, "policies.ts"))!
      .filter((f) => !["names.ts"].includes(basename(f)) && !f.endsWith("fields.ts"));
    assert.deepEqual(perPolicy.map((f) => basename(f)).sort(), [
      "bindingTemplateReference.ts",
      "bindingUnique.ts",
      "keyRequired.ts",
      "recordExceptionLevels.ts",
      "templateLimit.ts",
      "templateUsed.ts",
      "urlsHttps.ts",
      "urlsPublic.ts",
    ]);
  });

  it("has no import cycle", () => {
    assert.deepEqual(
      findCycles(graph).map((cycle) => showCycle(SRC, cycle)),
      [],
    );
  });

  it("reads only the field table, the host helpers and the type tokens from the library", () => {
    const outside = new Set([...graph.values()].flat().filter((f) => !f.startsWith(POLICY)));
    assert.deepEqual([...outside].map((f) => relative(SRC, f)).sort(), [
      "api/fields.ts",
      "api/loopback.ts",
      "resources/typeTokens.ts",
    ]);
    for (const f of outside) assert.deepEqual(graph.get(f) ?? importGraph([f], SRC).get(f), []);
  });

  it("imports @pulumi packages for their types only", () => {
    for (const file of files) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (/from "@pulumi\//.test(line) || /require\("@pulumi\//.test(line)) {
          assert.match(line, /^import type /, `${basename(file)}: ${line}`);
        }
      }
    }
  });
});
