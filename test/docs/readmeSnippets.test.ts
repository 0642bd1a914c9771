// Every TypeScript snippet of the README must compile for a user: each is type-checked as a
// module of a consumer project that installed the packed library, under each module resolution
// a user may have (a CommonJS program, for one, has no top-level await).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  RESOLUTION_MODES,
  removeTypesConsumer,
  typeCheck,
  typesConsumer,
  type ResolutionMode,
} from "../types/consumerProject";

after(removeTypesConsumer);

const README = readFileSync(path.join(__dirname, "../../README.md"), "utf8");

/** The README's ```ts blocks, each with the line it starts on. */
function typescriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const fence = /^```(ts|typescript)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    blocks.push({ line, code: match[2] });
  }
  return blocks;
}

describe("README TypeScript snippets", function () {
  this.timeout(240_000);
  const blocks = typescriptBlocks(README);

  it("are found (the extraction works)", () => {
    // Quickstart, lookups, receiver, Tencent SDK against the emulator at least.
    assert.ok(blocks.length >= 4, `only ${blocks.length} TypeScript blocks found`);
    assert.ok(blocks.some((b) => b.code.includes("new CallbackTemplate(")));
  });

  for (const mode of Object.keys(RESOLUTION_MODES) as ResolutionMode[]) {
    it(`type-check against the packed library with moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const files = Object.fromEntries(
        blocks.map((b) => [
          `readme-line-${b.line}.ts`,
          // A snippet without imports would be a script sharing one global scope with the others.
          /^(import|export) /m.test(b.code) ? b.code : `${b.code}\nexport {};\n`,
        ]),
      );
      const written = await consumer.writeSources(`readme-${mode}`, files);
      assert.deepEqual(typeCheck(written, mode), []);
    });
  }

  it("catch a snippet that does not compile in a CommonJS program (the check can fail)", async () => {
    const consumer = await typesConsumer();
    const broken = typescriptBlocks(
      '```ts\nimport { getCallbackTemplates } from "pulumi-tencentcloud-live-callbacks";\n' +
        "const all = await getCallbackTemplates();\nexport const n: string = all.length;\n```\n",
    );
    const written = await consumer.writeSources("readme-broken", {
      "broken.ts": broken[0].code,
    });
    const errors = typeCheck(written, "node");
    assert.ok(
      errors.some((e) => / TS1378 /.test(e) || / TS1375 /.test(e)),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => / TS2322 /.test(e)),
      errors.join("\n"),
    );
  });
});
