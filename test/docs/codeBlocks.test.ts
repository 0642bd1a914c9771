// Every code block of the documentation (README.md and docs/**/*.md) is checked by its language:
// TypeScript is type-checked as a module of a consumer project that installed the packed
// library, under each module resolution a user may have (a CommonJS program, for one, has no
// top-level await); the other languages as checkBlocks says. A block may opt out with
// `<!-- docs-test: skip (reason) -->` on the line before it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  RESOLUTION_MODES,
  removeTypesConsumer,
  typeCheck,
  typesConsumer,
  type ResolutionMode,
} from "../types/consumerProject";
import { checkBlocks, type BlockCheckContext, type BlockCheckResult } from "./markdown/checkBlocks";
import { codeBlocks, documentationFiles, type CodeBlock } from "./markdown/parse";
import type { PluginSchema } from "./markdown/pulumiYaml";

after(removeTypesConsumer);

const REPO = path.join(__dirname, "../..");
const CONTEXT: BlockCheckContext = {
  scripts: (
    JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts,
  schema: JSON.parse(readFileSync(path.join(REPO, "plugin/schema.json"), "utf8")) as PluginSchema,
};

/** The consumer-project file name of a TypeScript block, after where the block is. */
const sourceName = (b: CodeBlock) => `${b.file.replace(/[/.]/g, "_")}-line-${b.line}.ts`;

/** The consumer-project files of TypeScript blocks. */
function typescriptSources(blocks: readonly CodeBlock[]): Record<string, string> {
  return Object.fromEntries(
    blocks.map((b) => [
      sourceName(b),
      // A snippet without imports would be a script sharing one global scope with the others.
      /^(import|export) /m.test(b.code) ? b.code : `${b.code}\nexport {};\n`,
    ]),
  );
}

/** A summary line: how many blocks of each kind, and why each skipped one is. */
function summary(result: BlockCheckResult): string {
  const checked = Object.entries(result.checked).map(([lang, n]) => `${n} ${lang}`);
  const skipped = result.skipped.map((b) => `${b.file}:${b.line} (${b.skip})`);
  return (
    `${result.typescript.length} typescript, ${checked.join(", ")}; ${result.output.length} output ` +
    `blocks not checked; ${result.skipped.length} skipped${skipped.length ? `: ${skipped.join("; ")}` : ""}`
  );
}

describe("Documentation code blocks (README.md, docs/**/*.md)", function () {
  this.timeout(240_000);
  const files = documentationFiles(REPO);
  const blocks = files.flatMap((f) => codeBlocks(f.path, f.text));
  let result: BlockCheckResult;
  before(() => {
    result = checkBlocks(blocks, CONTEXT);
    console.log(`      ${files.length} file(s), ${blocks.length} blocks: ${summary(result)}`);
  });

  it("are found (the extraction works)", () => {
    assert.ok(result.typescript.length >= 4, `only ${result.typescript.length} TypeScript blocks`);
    assert.ok(result.typescript.some((b) => b.code.includes("new CallbackTemplate(")));
  });

  it("each have a language tag and pass that language's check", function () {
    assert.deepEqual(result.problems, []);
    if (result.missingTools.length > 0) {
      // Like the client suites: a contributor without Go or Python skips, CI must check all.
      if (process.env.CI) assert.deepEqual(result.missingTools, [], "CI must check every block");
      console.log(`      not checked on this machine: ${result.missingTools.join("; ")}`);
      this.skip();
    }
  });

  for (const mode of Object.keys(RESOLUTION_MODES) as ResolutionMode[]) {
    it(`in TypeScript type-check against the packed library with moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const written = await consumer.writeSources(
        `docs-${mode}`,
        typescriptSources(result.typescript),
      );
      // Diagnostics name the Markdown file and the block's line: `README.md:148 block(3,7): …`.
      const folder = path.dirname(written[0]);
      const errors = typeCheck(written, mode).map((e) =>
        result.typescript.reduce(
          (text, b) =>
            text.split(path.join(folder, sourceName(b))).join(`${b.file}:${b.line} block`),
          e,
        ),
      );
      assert.deepEqual(errors, []);
    });
  }
});

describe("Documentation code block checks (the checks can fail)", function () {
  this.timeout(240_000);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "live-callbacks-docs-fixture-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Skips the test without `tool` on PATH (CI must have it: it fails there instead). */
  function requireTool(ctx: Mocha.Context, tool: string): void {
    if (spawnSync(tool, ["--help"]).error === undefined) return;
    if (process.env.CI)
      throw new Error(`CI must check every block language: ${tool} is not installed`);
    ctx.skip();
  }

  /** Checks one fixture file at docs/guide/fixture.md; returns its problems. */
  function problemsOf(markdown: string): BlockCheckResult {
    mkdirSync(path.join(root, "docs/guide"), { recursive: true });
    writeFileSync(path.join(root, "docs/guide/fixture.md"), markdown);
    const found = documentationFiles(root).flatMap((f) => codeBlocks(f.path, f.text));
    return checkBlocks(found, CONTEXT);
  }

  const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\`\n`;

  it("finds README.md without docs/, and docs/ recursively without the generated docs/api/", () => {
    writeFileSync(path.join(root, "README.md"), "# Fixture\n");
    assert.deepEqual(
      documentationFiles(root).map((f) => f.path),
      ["README.md"],
    );
    mkdirSync(path.join(root, "docs/api"), { recursive: true });
    mkdirSync(path.join(root, "docs/guide/deep"), { recursive: true });
    writeFileSync(path.join(root, "docs/api/generated.md"), fence("", "x"));
    writeFileSync(path.join(root, "docs/guide/deep/nested.md"), "# Nested\n");
    assert.deepEqual(
      documentationFiles(root).map((f) => f.path),
      ["README.md", "docs/guide/deep/nested.md"],
    );
    rmSync(path.join(root, "docs"), { recursive: true });
  });

  it("fails an untagged block, naming the file and line", () => {
    const result = problemsOf(`# Guide\n\ntext\n\n${fence("", "npm test")}`);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /^docs\/guide\/fixture\.md:5 \(no language\): .*language tag/);
  });

  it("fails a block in a language it has no check for, and a skip without a reason", () => {
    const result = problemsOf(
      `${fence("rust", "fn main() {}")}\n<!-- docs-test: skip -->\n${fence("sh", "x")}`,
    );
    assert.equal(result.problems.length, 2, result.problems.join("\n"));
    assert.match(result.problems[0], /:1 \(rust\): no check for language "rust"/);
    assert.match(result.problems[1], /:6 \(sh\): docs-test skip needs a reason/);
  });

  it("skips an opted-out block and counts it; does not check output blocks", () => {
    const result = problemsOf(
      `<!-- docs-test: skip (pseudo-code) -->\n${fence("python", "def (:")}\n${fence("text", "def (:")}`,
    );
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.skipped.map((b) => [b.line, b.skip]),
      [[2, "pseudo-code"]],
    );
    assert.equal(result.output.length, 1);
  });

  it("fails a Python syntax error (py_compile)", function () {
    requireTool(this, "python3");
    const good = problemsOf(fence("python", 'import pulumi\nprint("ok")'));
    assert.deepEqual(good.problems, []);
    const result = problemsOf(`# Python\n\n${fence("python", "def f(:\n    pass")}`);
    assert.equal(result.problems.length, 1, result.problems.join("\n"));
    assert.match(result.problems[0], /^docs\/guide\/fixture\.md:3 \(python\): .*syntax/i);
  });

  it("fails a Go syntax error (gofmt -e), a JavaScript one (node --check) and a shell one (bash -n)", function () {
    requireTool(this, "gofmt");
    const good = problemsOf(
      fence("go", 'package main\n\nfunc main() {\n\tprintln("ok")\n}') +
        fence("js", 'export default { fetch: () => new Response("ok") };') +
        fence("bash", 'for f in a b; do echo "$f"; done'),
    );
    assert.deepEqual(good.problems, []);
    const result = problemsOf(
      fence("go", "package main\n\nfunc main() {") +
        fence("js", "const = 1;") +
        fence("bash", "if true; then"),
    );
    assert.equal(result.problems.length, 3, result.problems.join("\n"));
    assert.match(result.problems[0], /:1 \(go\): /);
    assert.match(result.problems[1], /:6 \(js\): [\s\S]*SyntaxError/);
    assert.match(result.problems[2], /:9 \(bash\): .*syntax error/);
  });

  it("reports the blocks of a language whose tool is not installed as unchecked, not as passing", () => {
    const saved = process.env.PATH;
    process.env.PATH = root; // no python3 there
    let result: BlockCheckResult;
    try {
      result = problemsOf(fence("python", "x = 1") + fence("json", "[]"));
    } finally {
      process.env.PATH = saved;
    }
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.checked, { json: 1 });
    assert.equal(result.missingTools.length, 1);
    assert.match(result.missingTools[0], /^1 python block\(s\) unchecked: python3: /);
  });

  it("fails an unknown npm script and a command line the package's CLIs refuse", () => {
    const good = problemsOf(
      fence(
        "sh",
        [
          "npm install && npm run --silent build",
          "CALLBACK_KEY=k npm run receiver # a comment naming npm run nothing",
          "npx tencentcloud-live-callbacks import --out live-callbacks --domain push.example.com",
          "npx -p pulumi-tencentcloud-live-callbacks tencentcloud-live-callbacks import --stdout",
          "npm run emulator -- --port 9000 \\\n  --state-file ./state.json",
        ].join("\n"),
      ),
    );
    assert.deepEqual(good.problems, []);
    const result = problemsOf(
      fence(
        "sh",
        [
          "npm install",
          "npm run no-such-script",
          "npx tencentcloud-live-callbacks import --outdir x",
          "npx tencentcloud-live-emulator --port nine",
          "npm run cli -- export --out x",
        ].join("\n"),
      ),
    );
    assert.equal(result.problems.length, 4, result.problems.join("\n"));
    assert.match(
      result.problems[0],
      /:3 \(sh\): npm run no-such-script: package\.json has no script/,
    );
    assert.match(
      result.problems[1],
      /:4 \(sh\): tencentcloud-live-callbacks import --outdir x: .*outdir/,
    );
    assert.match(
      result.problems[2],
      /:5 \(sh\): tencentcloud-live-emulator --port nine: --port must be/,
    );
    assert.match(
      result.problems[3],
      /:6 \(sh\): tencentcloud-live-callbacks export --out x: unknown command/,
    );
  });

  it("fails bad YAML, bad JSON, and a Pulumi YAML program with a type or property the plugin lacks", () => {
    const program = (type: string, properties: string) =>
      `name: p\nruntime: yaml\nresources:\n  hooks:\n    type: ${type}\n    properties: ${properties}`;
    const good = problemsOf(
      fence("yaml", program("tencentcloud-live:index:CallbackTemplate", "{ templateName: t }")) +
        fence("json", '{ "a": [1] }'),
    );
    assert.deepEqual(good.problems, []);
    const result = problemsOf(
      fence("yaml", "a: [1, 2") +
        fence("json", "{ a: 1 }") +
        fence("yaml", program("tencentcloud-live:index:CallbackTemplates", "{ templateName: t }")) +
        fence(
          "yaml",
          program(
            "tencentcloud-live:index:CallbackTemplate",
            "{ templateName: t, callbackUrl: u }",
          ),
        ),
    );
    assert.equal(result.problems.length, 4, result.problems.join("\n"));
    assert.match(result.problems[0], /:1 \(yaml\): /);
    assert.match(result.problems[1], /:4 \(json\): /);
    assert.match(
      result.problems[2],
      /:7 \(yaml\): resource hooks: type tencentcloud-live:index:CallbackTemplates is not/,
    );
    assert.match(
      result.problems[3],
      /:15 \(yaml\): resource hooks: .* has no input property callbackUrl/,
    );
  });

  it("fails a TypeScript block that does not compile in a CommonJS program", async () => {
    const result = problemsOf(
      fence(
        "ts",
        'import { getCallbackTemplates } from "pulumi-tencentcloud-live-callbacks";\n' +
          "const all = await getCallbackTemplates();\nexport const n: string = all.length;",
      ),
    );
    assert.deepEqual(result.problems, []);
    const consumer = await typesConsumer();
    const written = await consumer.writeSources(
      "docs-broken",
      typescriptSources(result.typescript),
    );
    assert.match(written[0], /docs_guide_fixture_md-line-1\.ts$/);
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
