// The host tests pack `dist/`: they must never pack a build older than the sources, also when one
// level is run with mocha directly right after an edit (nothing else rebuilds then).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { ensureBuilt } from "../harness";

const REPO = path.resolve(__dirname, "../..");

describe("the harness builds the library whenever dist/ is older than its sources", function () {
  this.timeout(60_000);
  let dir = "";

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-fresh-build-"));
    await mkdir(path.join(dir, "src"));
    await writeFile(path.join(dir, "package.json"), '{ "name": "fresh-build-probe" }\n');
    await writeFile(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "commonjs", target: "ES2022", strict: true, types: [] },
      }),
    );
    await writeFile(
      path.join(dir, "tsconfig.build.json"),
      JSON.stringify({
        extends: "./tsconfig.json",
        compilerOptions: { outDir: "dist", rootDir: "src" },
        include: ["src"],
      }),
    );
    await writeFile(path.join(dir, "src", "index.ts"), 'export const version = "a";\n');
    await writeFile(path.join(dir, "src", "moved.ts"), "export const moved = 1;\n");
    await symlink(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  });

  after(() => rm(dir, { recursive: true, force: true }));

  const built = () => readFile(path.join(dir, "dist", "index.js"), "utf8");
  /** Dates the build a minute back: file systems keep mtimes at various resolutions. */
  const ageBuild = async () => {
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, "dist", "index.js"), past, past);
  };

  it("builds when there is no dist/, then not again while it is fresh", async () => {
    assert.ok((await ensureBuilt(dir)) > 0);
    assert.match(await built(), /version = "a"/);
    assert.equal(await ensureBuilt(dir), 0);
  });

  it("rebuilds from scratch after a source changes: new code, no leftovers of deleted files", async () => {
    await writeFile(path.join(dir, "src", "index.ts"), 'export const version = "b";\n');
    await unlink(path.join(dir, "src", "moved.ts"));
    await ageBuild();
    assert.ok((await ensureBuilt(dir)) > 0);
    assert.match(await built(), /version = "b"/);
    assert.equal(existsSync(path.join(dir, "dist", "moved.js")), false);
  });

  it("rebuilds after a build setting changes", async () => {
    await ageBuild();
    const now = new Date();
    await utimes(path.join(dir, "tsconfig.build.json"), now, now);
    assert.ok((await ensureBuilt(dir)) > 0);
    assert.equal(await ensureBuilt(dir), 0);
  });
});
