// Names in a generated program: readable, valid TypeScript, never reserved, unique.
import assert from "node:assert/strict";
import ts from "typescript";
import {
  asciiWords,
  bindingResourceBase,
  callbackKeyConfigName,
  camelCase,
  claimUnique,
  RESERVED_NAMES,
  templateResourceBase,
  templateVariableBase,
} from "../../src/cli/import/names";

/**
 * True when `name` can be declared with `const` in a TypeScript module: the file is parsed and
 * checked in memory (strict mode, as a module), and must hold no error.
 */
function declarable(name: string): boolean {
  const code = `export const ${name} = 1;\n`;
  const file = ts.createSourceFile("x.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const options: ts.CompilerOptions = {
    noLib: true,
    types: [],
    strict: true,
    module: ts.ModuleKind.CommonJS,
  };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (fileName) => (fileName === "x.ts" ? file : undefined);
  const program = ts.createProgram(["x.ts"], options, host);
  const errors = [
    ...program.getSyntacticDiagnostics(file),
    ...program.getSemanticDiagnostics(file),
  ];
  const statement = file.statements[0];
  return (
    errors.length === 0 &&
    file.statements.length === 1 &&
    ts.isVariableStatement(statement) &&
    statement.declarationList.declarations[0].name.getText(file) === name
  );
}

describe("cli: names in the generated program", () => {
  it("splits names into their ASCII words", () => {
    assert.deepEqual(asciiWords("prod_hooks-2"), ["prod", "hooks", "2"]);
    assert.deepEqual(asciiWords("直播_prod回调HLS"), ["prod", "HLS"]);
    assert.deepEqual(asciiWords("生产回调"), []);
  });

  it("camel-cases words, lowering an all-capitals first word whole", () => {
    assert.equal(camelCase(["prod", "hooks"]), "prodHooks");
    assert.equal(camelCase(["Prod", "HLS", "hooks"]), "prodHLSHooks");
    assert.equal(camelCase(["HLS", "push"]), "hlsPush");
    assert.equal(camelCase([]), "");
  });

  it("names a template's variable after its ASCII name, or its id and ASCII words", () => {
    const cases: [string, number, string][] = [
      ["prod_hooks", 1001, "prodHooks"],
      ["prod-hooks", 1001, "prodHooks"],
      ["ProdHooks", 1001, "prodHooks"],
      ["生产回调", 1001, "template1001"],
      ["直播_prod", 1002, "template1002Prod"],
      ["录制status回调", 1003, "template1003Status"],
      ["2024_hooks", 1004, "template2024Hooks"],
      ["_", 1005, "template1005"],
      ["default", 1006, "defaultTemplate"],
      ["config", 1007, "configTemplate"],
      ["pulumi", 1008, "pulumiTemplate"],
      ["Await", 1009, "awaitTemplate"],
    ];
    for (const [name, id, expected] of cases) {
      assert.equal(templateVariableBase(name, id), expected, name);
      assert.ok(declarable(expected), expected);
    }
  });

  it("never gives a reserved or undeclarable variable, whatever the name", () => {
    const names = [
      ...RESERVED_NAMES,
      ...[...RESERVED_NAMES].map((n) => n.toUpperCase()),
      "new_",
      "-class-",
      "直播",
      "9",
      "a".repeat(255),
      "Infinity",
      "__proto__",
    ];
    for (const name of names) {
      const variable = templateVariableBase(name, 42);
      assert.ok(!RESERVED_NAMES.has(variable), `${name} → ${variable}`);
      assert.ok(declarable(variable), `${name} → ${variable}`);
      assert.ok(declarable(callbackKeyConfigName(variable)), callbackKeyConfigName(variable));
    }
  });

  it("checks its own validity test (it can fail)", () => {
    for (const bad of ["class", "1abc", "a-b", "let", "a b"]) {
      assert.equal(declarable(bad), false, bad);
    }
  });

  it("keeps an ASCII template name as the resource name, and names others by id", () => {
    assert.equal(templateResourceBase("prod_hooks", 1001), "prod_hooks");
    assert.equal(templateResourceBase("生产回调", 1001), "template-1001");
    assert.equal(templateResourceBase("直播_Prod_HLS", 1002), "template-1002-prod-hls");
  });

  it("names a binding after its domain in lower case and its app", () => {
    assert.equal(bindingResourceBase("Push.Example.com", "live"), "push.example.com-live");
    assert.equal(
      bindingResourceBase("push.example.com", "v1.game_x-y"),
      "push.example.com-v1.game_x-y",
    );
    assert.equal(bindingResourceBase("push.example.com", "直播hd"), "push.example.com-hd");
    assert.equal(bindingResourceBase("push.example.com", "直播"), "push.example.com-app");
  });

  it("makes names unique with stable fallbacks, then counters", () => {
    const used = new Set<string>();
    assert.equal(claimUnique(used, ["prodHooks", "prodHooks1002"]), "prodHooks");
    assert.equal(claimUnique(used, ["prodHooks", "prodHooks1002"]), "prodHooks1002");
    assert.equal(claimUnique(used, ["prodHooks", "prodHooks1002"]), "prodHooks1002_2");
    assert.equal(claimUnique(used, ["prodHooks", "prodHooks1002"]), "prodHooks1002_3");
    assert.deepEqual([...used].length, 4);
  });
});
