// The event families' compile-time checks: each documented interface equals its schema, and the
// registry (from which the codes and the union derive) and the emulator's body builders cover
// the same families and event types. Each case compiles deliberately broken copies of the files
// and expects tsc to refuse them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { formatDiagnostic, REPO_DIR } from "./consumerProject";

const at = (file: string): string => path.join(REPO_DIR, file);
const BUILDERS = at("src/emulator/events/bodies/index.ts");
const REGISTRY = at("src/callbacks/events/registry.ts");
const STREAM_EVENT = at("src/callbacks/events/families/stream/event.ts");
const RECORD_EVENT = at("src/callbacks/events/families/record/event.ts");
const CHECKED = [BUILDERS, at("src/callbacks/events/index.ts")];

function repoOptions(): ts.CompilerOptions {
  const configFile = at("tsconfig.json");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, REPO_DIR, undefined, configFile).options;
}

let previous: ts.Program | undefined;

/** Diagnostics of the whole event graph with `replacements` (file → text) in place of the disk. */
function check(replacements: Record<string, string>): string[] {
  const options = repoOptions();
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => replacements[path.resolve(f)] ?? read(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, language, onError, createNew) => {
    const replaced = replacements[path.resolve(f)];
    return replaced === undefined
      ? getSourceFile(f, language, onError, createNew)
      : ts.createSourceFile(f, replaced, language);
  };
  const program = ts.createProgram({ rootNames: CHECKED, options, host, oldProgram: previous });
  previous = program;
  return program
    .getSourceFiles()
    .filter((f) => f.fileName.startsWith(at("src")))
    .flatMap((f) => program.getSemanticDiagnostics(f))
    .map(formatDiagnostic);
}

/** `file`'s text with `from` replaced by `to`; throws when `from` is gone, so no case is vacuous. */
function edit(file: string, from: string, to: string): Record<string, string> {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `"${from}" is not in ${file} any more: update this test`);
  return { [file]: text.replace(from, to) };
}

describe("event families: compile-time coverage", function () {
  this.timeout(120_000);

  it("compile as they are", () => {
    assert.deepEqual(check({}), []);
  });

  it("refuse body builders missing a family", () => {
    const errors = check(edit(BUILDERS, "  snapshot: { snapshot },\n", ""));
    assert.ok(
      errors.some((e) => e.includes("bodies/index.ts") && /Property 'snapshot' is missing/.test(e)),
      errors.join("\n"),
    );
  });

  it("refuse a family missing one event type's builder", () => {
    const errors = check(
      edit(
        BUILDERS,
        "record: { recordFile, recordStatus, recordException }",
        "record: { recordFile, recordException }",
      ),
    );
    assert.ok(
      errors.some((e) => /Property 'recordStatus' is missing/.test(e)),
      errors.join("\n"),
    );
  });

  it("refuse builders for a family the registry does not have", () => {
    const errors = check(edit(REGISTRY, "  audit: AUDIT_FAMILY,\n", ""));
    assert.ok(
      errors.some((e) => e.includes("bodies/index.ts") && /'audit' does not exist/.test(e)),
      errors.join("\n"),
    );
  });

  it("refuse a builder producing another event type's body", () => {
    const errors = check(
      edit(BUILDERS, "snapshot: { snapshot }", "snapshot: { snapshot: streamBegin }"),
    );
    assert.ok(
      errors.some((e) => e.includes("bodies/index.ts")),
      errors.join("\n"),
    );
  });

  it("refuse an interface that differs from its schema", () => {
    const typeChanged = check(edit(STREAM_EVENT, "  sequence?: string;", "  sequence?: number;"));
    assert.ok(
      typeChanged.some((e) => e.includes("stream/schema.ts") && /differs from/.test(e)),
      typeChanged.join("\n"),
    );
    const extra = check(
      edit(RECORD_EVENT, "  resolution?: string;", "  resolution?: string;\n  fps?: number;"),
    );
    assert.ok(
      extra.some((e) => e.includes("record/schema.ts") && /differs from/.test(e)),
      extra.join("\n"),
    );
  });

  it("refuse two families declaring one event type name", () => {
    const errors = check(
      edit(
        REGISTRY,
        "  snapshot: SNAPSHOT_FAMILY,\n",
        "  snapshot: SNAPSHOT_FAMILY,\n  again: { streamEnd: AUDIT_FAMILY.audioAudit },\n",
      ),
    );
    assert.ok(
      errors.some((e) => e.includes("registry.ts")),
      errors.join("\n"),
    );
  });
});
