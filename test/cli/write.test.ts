// Writing the project: a new, empty or (with --force) existing folder gets exactly the project's
// files, the secrets file is owner-only, and a failure at any point leaves the disk as it was.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import {
  inspectTarget,
  TargetError,
  writeProject,
  type ProjectFile,
} from "../../src/cli/import/write";

const FILES: ProjectFile[] = [
  { name: "index.ts", text: "export {};\n" },
  { name: "Pulumi.yaml", text: "name: x\n" },
  { name: "set-secrets.sh", text: "#!/bin/sh\n", mode: 0o600 },
];

/** Every file under `dir` with its text, as `name → text`, folders as `name/`. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out[`${entry.name}/`] = "";
      for (const [k, v] of Object.entries(await tree(at))) out[`${entry.name}/${k}`] = v;
    } else {
      out[entry.name] = await readFile(at, "utf8");
    }
  }
  return out;
}

/** A rename that fails on its calls `first` to `last` (1-based) and works otherwise. */
function failingRename(first: number, last = first): (from: string, to: string) => Promise<void> {
  let calls = 0;
  return async (from, to) => {
    calls += 1;
    if (calls >= first && calls <= last) {
      throw Object.assign(new Error("injected rename failure"), { code: "EIO" });
    }
    await rename(from, to);
  };
}

describe("cli: writing the project", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "live-import-write-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("creates a new folder (and its parents) holding exactly the files, the secrets owner-only", async () => {
    const target = path.join(root, "a", "b", "project");
    await writeProject(target, FILES);
    assert.deepEqual(await tree(path.join(root, "a", "b")), {
      "project/": "",
      "project/index.ts": "export {};\n",
      "project/Pulumi.yaml": "name: x\n",
      "project/set-secrets.sh": "#!/bin/sh\n",
    });
    assert.equal((await stat(path.join(target, "set-secrets.sh"))).mode & 0o777, 0o600);
    assert.equal((await stat(path.join(target, "index.ts"))).mode & 0o077 & 0o022, 0);
  });

  it("fills an empty folder", async () => {
    const target = path.join(root, "empty");
    await mkdir(target);
    assert.equal(await inspectTarget(target, false), "empty");
    await writeProject(target, FILES);
    assert.deepEqual(Object.keys(await tree(target)).sort(), [
      "Pulumi.yaml",
      "index.ts",
      "set-secrets.sh",
    ]);
    assert.deepEqual(await readdir(root), ["empty"], "no staging folder is left");
  });

  it("refuses a folder that is not empty, or a file, without --force, and changes nothing", async () => {
    const target = path.join(root, "full");
    await mkdir(target);
    await writeFile(path.join(target, "index.ts"), "mine\n");
    await assert.rejects(writeProject(target, FILES), (e: unknown) => {
      assert.ok(e instanceof TargetError);
      assert.match(e.message, /is a folder that is not empty.*--force/);
      return true;
    });
    assert.deepEqual(await tree(root), { "full/": "", "full/index.ts": "mine\n" });
    await writeFile(path.join(root, "file"), "x");
    await assert.rejects(
      inspectTarget(path.join(root, "file"), true),
      /exists and is not a folder/,
    );
  });

  it("with --force, replaces files of the project's names and keeps the others", async () => {
    const target = path.join(root, "full");
    await mkdir(path.join(target, "node_modules"), { recursive: true });
    await writeFile(path.join(target, "index.ts"), "old\n");
    await writeFile(path.join(target, "Pulumi.dev.yaml"), "config: {}\n");
    await writeProject(target, FILES, { force: true });
    assert.deepEqual(await tree(target), {
      "node_modules/": "",
      "index.ts": "export {};\n",
      "Pulumi.yaml": "name: x\n",
      "Pulumi.dev.yaml": "config: {}\n",
      "set-secrets.sh": "#!/bin/sh\n",
    });
    assert.equal((await stat(path.join(target, "set-secrets.sh"))).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(root), ["full"]);
  });

  it("leaves nothing behind when a file cannot be written", async () => {
    const target = path.join(root, "new", "project");
    const bad = [...FILES, { name: "bad\0name", text: "x" }];
    await assert.rejects(writeProject(target, bad));
    assert.deepEqual(await readdir(root), [], "neither the folder, its parent, nor staging");
  });

  it("leaves nothing behind when the folder cannot be moved into place", async () => {
    const target = path.join(root, "project");
    await assert.rejects(writeProject(target, FILES, { rename: failingRename(1) }), /injected/);
    assert.deepEqual(await readdir(root), []);
    // An empty folder given as the target is still there, still empty, when neither the rename
    // over it nor the one after removing it works.
    await mkdir(target);
    await assert.rejects(writeProject(target, FILES, { rename: failingRename(1, 2) }), /injected/);
    assert.deepEqual(await tree(root), { "project/": "" });
  });

  for (const n of [1, 2, 3, 4, 5, 6]) {
    it(`with --force, puts every replaced file back when move ${n} of 6 fails`, async () => {
      const target = path.join(root, "full");
      await mkdir(target);
      await writeFile(path.join(target, "index.ts"), "old index\n");
      await writeFile(path.join(target, "set-secrets.sh"), "old secrets\n");
      await writeFile(path.join(target, "keep.txt"), "keep\n");
      const before = await tree(root);
      await assert.rejects(
        writeProject(target, FILES, { force: true, rename: failingRename(n) }),
        /injected/,
      );
      assert.deepEqual(await tree(root), before);
    });
  }

  it("refuses a file name with a folder in it before writing anything", async () => {
    await assert.rejects(
      writeProject(path.join(root, "p"), [{ name: "../escape", text: "x" }]),
      /not a plain file name/,
    );
    assert.deepEqual(await readdir(root), []);
  });
});
