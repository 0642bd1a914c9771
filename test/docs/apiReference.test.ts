// The API reference (`npm run docs`) is generated from the TSDoc of every public entry point; a
// public symbol without documentation, a broken {@link} or a public type that refers to an
// unexported one is a TypeDoc warning, and typedoc.json turns warnings into a failed run.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify, stripVTControlCharacters as strip } from "node:util";

const REPO = path.join(__dirname, "../..");
const TYPEDOC = path.join(REPO, "node_modules/typedoc/bin/typedoc");

interface TypedocConfig {
  entryPoints: string[];
  treatWarningsAsErrors?: boolean;
  validation?: Record<string, boolean>;
}
const CONFIG = JSON.parse(readFileSync(path.join(REPO, "typedoc.json"), "utf8")) as TypedocConfig;
const MANIFEST = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string }>;
  scripts: Record<string, string>;
};

/** A TypeDoc run: its exit code and its output, without colours. */
async function typedoc(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  const run = promisify(execFile)(process.execPath, [TYPEDOC, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    maxBuffer: 16 * 1024 * 1024,
  });
  try {
    const { stdout, stderr } = await run;
    return { code: 0, output: strip(stdout + stderr) };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, output: strip(`${err.stdout ?? ""}${err.stderr ?? ""}`) };
  }
}

/** The lines of a TypeDoc run that are warnings or errors. */
const problems = (output: string) =>
  output.split("\n").filter((l) => /\[(warning|error)\]/.test(l));

describe("API reference (TypeDoc)", function () {
  this.timeout(180_000);

  it("covers every public entry point of package.json exports, and is what npm run docs runs", () => {
    const documented = new Set(CONFIG.entryPoints.map((p) => path.normalize(p)));
    for (const [subpath, target] of Object.entries(MANIFEST.exports)) {
      if (typeof target === "string") continue; // ./package.json
      const source = path.normalize(
        target.types.replace(/^\.\/dist\//, "src/").replace(/\.d\.ts$/, ".ts"),
      );
      assert.ok(existsSync(path.join(REPO, source)), `${subpath}: ${source} does not exist`);
      assert.ok(
        documented.has(source),
        `typedoc.json entryPoints lacks ${source} (export ${subpath})`,
      );
    }
    assert.equal(CONFIG.treatWarningsAsErrors, true);
    assert.deepEqual(CONFIG.validation, {
      notExported: true,
      invalidLink: true,
      notDocumented: true,
    });
    assert.match(MANIFEST.scripts.docs, /^typedoc\b/);
  });

  it("generates HTML from the sources with no warning", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-typedoc-"));
    try {
      const { code, output } = await typedoc(REPO, ["--out", out]);
      assert.deepEqual(problems(output), []);
      assert.equal(code, 0, output);
      assert.ok(existsSync(path.join(out, "index.html")), output);
      const modules = readFileSync(path.join(out, "modules.html"), "utf8");
      for (const name of ["callbacks", "emulator", "policy"])
        assert.match(modules, new RegExp(name));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("fails on an undocumented public symbol and a broken link (the check can fail)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-typedoc-fixture-"));
    try {
      await writeFile(
        path.join(dir, "index.ts"),
        [
          "/** A documented function; see {@link NoSuchThing}. */",
          "export function documented(): number {",
          "  return 1;",
          "}",
          "export const undocumented = 2;",
          "",
        ].join("\n"),
      );
      await writeFile(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { strict: true, target: "ES2022" },
          include: ["index.ts"],
        }),
      );
      // The repository's options (validation, warnings as errors), on the fixture's entry point.
      await writeFile(
        path.join(dir, "typedoc.json"),
        JSON.stringify({
          extends: [path.join(REPO, "typedoc.json")],
          name: "fixture",
          entryPoints: ["index.ts"],
          tsconfig: "tsconfig.json",
          readme: "none",
          intentionallyNotExported: [],
          out: "out",
        }),
      );
      const { code, output } = await typedoc(dir, []);
      assert.notEqual(code, 0, output);
      const found = problems(output).join("\n");
      assert.match(found, /undocumented.*does not have any documentation/, output);
      assert.match(found, /NoSuchThing/, output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
