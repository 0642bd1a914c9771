// The documented input types (what editors show) and the zod schemas (what is enforced) are
// kept equal by compile-time checks in src/schemas. These tests compile the schemas against
// deliberately altered copies of the documented types and expect tsc to refuse each one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { formatDiagnostic, REPO_DIR } from "./consumerProject";

const TEMPLATE_TYPES = path.join(REPO_DIR, "src/schemas/templateInputs.ts");
const BINDING_TYPES = path.join(REPO_DIR, "src/schemas/bindingInputs.ts");
const CHECKED = ["src/schemas/template.ts", "src/schemas/binding.ts"].map((f) =>
  path.join(REPO_DIR, f),
);

/** The repository's compiler options (tsconfig.json). */
function repoOptions(): ts.CompilerOptions {
  const configFile = path.join(REPO_DIR, "tsconfig.json");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, REPO_DIR, undefined, configFile).options;
}

let previous: ts.Program | undefined;

/**
 * Type-checks the schema files with `replacements` (file → text) in place of the files on disk;
 * returns the diagnostics of the schema files.
 */
function checkSchemas(replacements: Record<string, string>): string[] {
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
  return CHECKED.flatMap((f) => program.getSemanticDiagnostics(program.getSourceFile(f)!)).map(
    formatDiagnostic,
  );
}

/** `text` with `from` replaced by `to`; throws when `from` is not in it, so no case is vacuous. */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `"${from}" is not in the file any more: update this test`);
  return text.replace(from, to);
}

describe("documented input types against the zod schemas", function () {
  this.timeout(60_000);
  const template = readFileSync(TEMPLATE_TYPES, "utf8");
  const binding = readFileSync(BINDING_TYPES, "utf8");

  it("agree as they are", () => {
    assert.deepEqual(checkSchemas({}), []);
  });

  const cases: [string, string, string, string][] = [
    ["a template property missing", TEMPLATE_TYPES, "  adopt?: boolean;\n", ""],
    [
      "an extra template property",
      TEMPLATE_TYPES,
      "  adopt?: boolean;\n",
      "  adopt?: boolean;\n  extra?: string;\n",
    ],
    [
      "a required template property made optional",
      TEMPLATE_TYPES,
      "  templateName: string;",
      "  templateName?: string;",
    ],
    [
      "an optional template property made required",
      TEMPLATE_TYPES,
      "  callbackKey?: string;",
      "  callbackKey: string;",
    ],
    [
      "a template property of another type",
      TEMPLATE_TYPES,
      "  recordExceptionLevels?: RecordExceptionLevel[];",
      "  recordExceptionLevels?: string[];",
    ],
    [
      "a defaulted binding input made required",
      BINDING_TYPES,
      "  appName?: string;",
      "  appName: string;",
    ],
    [
      "a defaulted binding output made optional",
      BINDING_TYPES,
      "  appName: string;\n  /** Id",
      "  appName?: string;\n  /** Id",
    ],
    [
      "a binding property of another type",
      BINDING_TYPES,
      "  templateId: number;\n  /**\n   * Take over",
      "  templateId: string;\n  /**\n   * Take over",
    ],
  ];
  for (const [what, file, from, to] of cases) {
    it(`refuse ${what}`, () => {
      const original = file === TEMPLATE_TYPES ? template : binding;
      const errors = checkSchemas({ [file]: edit(original, from, to) });
      assert.ok(
        errors.some((e) => /TS2344 Type 'false' does not satisfy the constraint 'true'/.test(e)),
        `tsc accepted ${what}:\n${errors.join("\n")}`,
      );
    });
  }
});
