// What `npm pack` puts in the package users install: the build, the docs and nothing of the
// repository's tests, fixtures, scripts or TypeScript sources; every entry point, bin and type
// path the manifest names is in it; source maps carry their sources and name no machine path.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { ensureBuilt, run } from "../harness";

const REPO = path.resolve(__dirname, "../..");

interface PackEntry {
  path: string;
  size: number;
  mode: number;
}

/** Every string leaf of an `exports`-like value (conditions, arrays). */
function targets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

describe("npm pack contents", function () {
  this.timeout(120_000);
  let files: Set<string>;
  let modes: Map<string, number>;
  let manifest: Record<string, unknown>;

  before(async function () {
    this.timeout(120_000);
    await ensureBuilt(REPO);
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO,
    });
    const [packed] = JSON.parse(stdout) as { files: PackEntry[] }[];
    files = new Set(packed.files.map((f) => f.path));
    modes = new Map(packed.files.map((f) => [f.path, f.mode]));
    manifest = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
  });

  it("holds only the build, the ready policy pack, the manifest and the docs", async () => {
    const top = new Set([...files].map((f) => f.split("/")[0]));
    assert.deepEqual(
      [...top].sort(),
      [
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "dist",
        "docs",
        "package.json",
        "plugin",
        "policy-pack",
      ].sort(),
    );
    // The guides the README links to, and nothing generated under docs/ (such as an API site).
    const guides = (await readdir(path.join(REPO, "docs"))).filter((f) => f.endsWith(".md"));
    assert.deepEqual(
      [...files].filter((f) => f.startsWith("docs/")).sort(),
      guides.map((f) => `docs/${f}`).sort(),
    );
    // The pack folder is what `pulumi preview --policy-pack` runs (the folder, or its executable
    // `analyzer` entry): its four files, no more.
    assert.deepEqual([...files].filter((f) => f.startsWith("policy-pack/")).sort(), [
      "policy-pack/PulumiPolicy.yaml",
      "policy-pack/analyzer",
      "policy-pack/index.js",
      "policy-pack/package.json",
    ]);
    for (const f of files) {
      assert.doesNotMatch(f, /(^|\/)(test|tests|fixtures|__tests__)\//, f);
      assert.doesNotMatch(f, /\.test\.|\.spec\./, f);
      assert.ok(!/\.ts$/.test(f) || f.endsWith(".d.ts"), `TypeScript source packed: ${f}`);
      assert.doesNotMatch(f, /(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$/, f);
    }
  });

  it("holds the provider plugin: its schema, an executable launcher and the entry it runs", async () => {
    // `pulumi package add <pkg>/plugin` and a Pulumi.yaml `packages:` entry read this folder.
    assert.deepEqual([...files].filter((f) => f.startsWith("plugin/")).sort(), [
      "plugin/pulumi-resource-tencentcloud-live",
      "plugin/schema.json",
    ]);
    assert.equal(
      (modes.get("plugin/pulumi-resource-tencentcloud-live") ?? 0) & 0o111,
      0o111,
      "the launcher must stay executable in the tarball",
    );
    const launcher = await readFile(
      path.join(REPO, "plugin/pulumi-resource-tencentcloud-live"),
      "utf8",
    );
    const entry = /"\$dir\/\.\.\/(dist\/[^"]+)"/.exec(launcher)?.[1];
    assert.ok(entry && files.has(entry), `the launcher runs ${entry}, which is not packed`);
  });

  it("has every target of exports, main, types, typesVersions and bin", () => {
    const named = [
      ...targets(manifest.exports),
      ...targets(manifest.bin),
      ...targets(manifest.typesVersions),
      manifest.main,
      manifest.types,
    ] as string[];
    assert.ok(named.length > 20, `only ${named.length} targets found`);
    for (const target of named) {
      const file = path.posix.normalize(target);
      assert.ok(files.has(file), `${target} is named in package.json but not packed`);
    }
    // The __provider subpaths recorded in existing states.
    for (const sub of ["./provider", "./provider/template", "./provider/binding"]) {
      assert.ok(sub in (manifest.exports as Record<string, unknown>), `${sub} is not exported`);
    }
  });

  it("ships source maps that carry their sources and point at nothing outside the package", async () => {
    const maps = [...files].filter((f) => f.endsWith(".js.map"));
    assert.ok(maps.length > 10, `${maps.length} maps`);
    for (const map of maps) {
      const json = JSON.parse(await readFile(path.join(REPO, map), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
        sourceRoot?: string;
      };
      assert.ok(!json.sourceRoot, `${map}: sourceRoot ${json.sourceRoot}`);
      json.sources.forEach((source, i) => {
        assert.ok(!path.isAbsolute(source) && !/^[a-z]+:/i.test(source), `${map}: ${source}`);
        // Relative to the map: it must stay within the package's root.
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(map), source));
        assert.ok(!resolved.startsWith("../"), `${map}: ${source} leaves the package`);
        // src/ is not packed, so the map must carry the text itself.
        assert.equal(typeof json.sourcesContent?.[i], "string", `${map}: no content for ${source}`);
      });
    }
  });
});
