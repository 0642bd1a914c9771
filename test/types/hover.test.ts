// Hovering a resource input in an editor must show its rule, from the published declarations:
// asked of TypeScript's language service (what editors use) in a consumer project that installed
// the packed library. The properties come from the zod schemas, so a new input without
// documentation fails here.
import assert from "node:assert/strict";
import * as path from "node:path";
import * as ts from "typescript";
import { domainCallbackBindingSchema } from "../../src/schemas/binding";
import { callbackTemplateSchema, TEMPLATE_URL_INPUTS } from "../../src/schemas/template";
import {
  consumerOptions,
  LIBRARY_NAME,
  removeTypesConsumer,
  typeCheck,
  typesConsumer,
} from "./consumerProject";

after(removeTypesConsumer);

const TEMPLATE_INPUTS = Object.keys(callbackTemplateSchema.shape);
const BINDING_INPUTS = Object.keys(domainCallbackBindingSchema.shape);

/** A program that passes every input of both resources, each on its own line. */
const PROGRAM = [
  `import { CallbackTemplate, DomainCallbackBinding } from "${LIBRARY_NAME}";`,
  `export const template = new CallbackTemplate("hooks", {`,
  ...TEMPLATE_INPUTS.map((k) => `  ${k}: undefined as never,`),
  `});`,
  `export const binding = new DomainCallbackBinding("push", {`,
  ...BINDING_INPUTS.map((k) => `  ${k}: undefined as never,`),
  `});`,
  ``,
].join("\n");

/** What an editor shows when hovering each property of {@link PROGRAM}, by `resource.property`. */
function hovers(file: string): Map<string, { signature: string; documentation: string }> {
  const options = consumerOptions("node16");
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const text = ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => path.dirname(file),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const found = new Map<string, { signature: string; documentation: string }>();
  let resource = "";
  let offset = 0;
  for (const line of PROGRAM.split("\n")) {
    if (line.includes("new CallbackTemplate")) resource = "CallbackTemplate";
    if (line.includes("new DomainCallbackBinding")) resource = "DomainCallbackBinding";
    const property = /^ {2}(\w+):/.exec(line)?.[1];
    if (property) {
      const info = service.getQuickInfoAtPosition(file, offset + 2);
      found.set(`${resource}.${property}`, {
        signature: ts.displayPartsToString(info?.displayParts),
        documentation: ts.displayPartsToString(info?.documentation),
      });
    }
    offset += line.length + 1;
  }
  service.dispose();
  return found;
}

describe("editor hovers on resource inputs", function () {
  this.timeout(240_000);

  it("show every input's rule, from the published types", async () => {
    const consumer = await typesConsumer();
    const [file] = await consumer.writeSources("hover", { "program.ts": PROGRAM });
    assert.deepEqual(typeCheck([file], "node16"), [], "the program uses every input");
    const shown = hovers(file);
    const expected = [
      ...TEMPLATE_INPUTS.map((k) => `CallbackTemplate.${k}`),
      ...BINDING_INPUTS.map((k) => `DomainCallbackBinding.${k}`),
    ];
    assert.deepEqual([...shown.keys()], expected);
    for (const [name, hover] of shown) {
      const property = name.split(".")[1];
      assert.match(hover.signature, new RegExp(`^\\(property\\) ${property}\\??: `), name);
      assert.ok(hover.documentation.length >= 40, `${name} has no documentation on hover`);
    }
    const doc = (name: string) => shown.get(name)!.documentation;
    for (const url of TEMPLATE_URL_INPUTS) {
      assert.match(doc(`CallbackTemplate.${url}`), /`http:\/\/` or\s+`https:\/\/`\s+URL/, url);
    }
    assert.match(doc("CallbackTemplate.templateName"), /Required[\s\S]*characters/);
    assert.match(doc("CallbackTemplate.description"), /at most \d+/);
    assert.match(doc("CallbackTemplate.recordStatusNotifyUrl"), /Write-only/);
    assert.match(doc("CallbackTemplate.callbackKey"), /Letters and digits[\s\S]*Secret/);
    assert.match(doc("CallbackTemplate.recordExceptionLevels"), /"error"/);
    assert.match(doc("DomainCallbackBinding.domainName"), /Required[\s\S]*host name/);
    assert.match(doc("DomainCallbackBinding.appName"), /Default `live`/);
    assert.match(doc("DomainCallbackBinding.templateId"), /positive integer/);
  });
});
