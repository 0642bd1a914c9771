// The question put to Pulumi's own serializer before a resource picks its provider object:
// is a module recorded as a require by name, or copied by value?
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { underNodeModules } from "../../src/resources/shim";
import { byNameRequire, probeSerializer, type ProbeResult } from "../../src/resources/shim/probe";
import { cachedProbe, probeCacheFile, probeKey } from "../../src/resources/shim/probeCache";

const REPO = path.resolve(__dirname, "../..");
const PULUMI = require.resolve("@pulumi/pulumi");

describe("probeSerializer (asks the program's serializer how it records a module)", function () {
  // Each probe starts a Node that loads @pulumi/pulumi: about a second on a loaded machine.
  this.timeout(60_000);

  it("answers by name for a package's exported module under node_modules", () => {
    const zod = require.resolve("zod/v4");
    assert.deepEqual(probeSerializer(PULUMI, zod, byNameRequire("zod", "v4"), REPO), {
      byName: true,
    });
  });

  it("answers not by name, saying what came out, for a module the serializer copies", () => {
    // Pulumi marks its own modules deployment-only: they are serialized by value.
    const dynamic = require.resolve("@pulumi/pulumi/dynamic");
    const expected = byNameRequire("@pulumi/pulumi", "dynamic");
    const answer = probeSerializer(PULUMI, dynamic, expected, REPO);
    assert.equal(answer.byName, false);
    assert.match(answer.reason ?? "", /did not emit require\("@pulumi\/pulumi\/dynamic"\)/);
  });

  it("answers not by name, with the probe's error, when the serializer cannot be loaded", () => {
    const missing = path.join(REPO, "no-such-dir", "pulumi.js");
    const answer = probeSerializer(missing, require.resolve("zod/v4"), "require", REPO);
    assert.equal(answer.byName, false);
    assert.match(answer.reason ?? "", /^the probe failed: .*Cannot find module/);
  });

  it("never asks for a library loaded from outside node_modules", () => {
    assert.equal(underNodeModules(path.join(REPO, "src", "resources", "shim")), false);
    assert.equal(underNodeModules(path.join(REPO, "node_modules", ".pnpm", "x", "dist")), true);
  });
});

describe("the probe's answer is remembered per project, serializer version and layout", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "shim-probe-cache-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A probe that counts its calls and answers `answer`. */
  const counting = (answer: ProbeResult) => {
    const probe = () => {
      probe.calls += 1;
      return answer;
    };
    probe.calls = 0;
    return probe;
  };

  /** A fake `@pulumi/pulumi` of `version` under `dir`; its main file. */
  const fakePulumi = (version: string) => {
    const root = path.join(dir, `pulumi-${version}`);
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ version }));
    writeFileSync(path.join(root, "index.js"), "");
    return path.join(root, "index.js");
  };

  it("keeps the file in the project's node_modules/.cache, and none without node_modules", () => {
    assert.equal(probeCacheFile(dir, "pkg"), undefined);
    mkdirSync(path.join(dir, "node_modules"));
    assert.equal(
      probeCacheFile(dir, "pkg"),
      path.join(dir, "node_modules", ".cache", "pkg", "shim-probe.json"),
    );
  });

  it("asks once: a second program of the project reads the answer", () => {
    const file = path.join(dir, "cache", "shim-probe.json");
    const probe = counting({ byName: true });
    const key = probeKey(fakePulumi("3.276.0"), __filename, dir);
    assert.deepEqual(cachedProbe(file, key, probe), { byName: true });
    assert.deepEqual(cachedProbe(file, key, probe), { byName: true });
    assert.equal(probe.calls, 1);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { entries: object };
    assert.deepEqual(Object.values(stored.entries), [{ byName: true }]);
  });

  it("asks again for another Pulumi version, another shim file or another directory", () => {
    const file = path.join(dir, "cache", "shim-probe.json");
    const probe = counting({ byName: false, reason: "the serializer did not emit x" });
    const older = fakePulumi("3.248.0");
    const newer = fakePulumi("3.276.0");
    assert.notEqual(probeKey(older, __filename, dir), probeKey(newer, __filename, dir));
    cachedProbe(file, probeKey(older, __filename, dir), probe);
    cachedProbe(file, probeKey(newer, __filename, dir), probe);
    cachedProbe(file, probeKey(newer, path.join(__dirname, "check.test.ts"), dir), probe);
    cachedProbe(file, probeKey(newer, __filename, os.tmpdir()), probe);
    assert.equal(probe.calls, 4);
    cachedProbe(file, probeKey(older, __filename, dir), probe);
    assert.equal(probe.calls, 4, "the first answer was kept beside the others");
  });

  it("does not keep a probe that broke (it may only have been slow), nor fail without a cache", () => {
    const file = path.join(dir, "cache", "shim-probe.json");
    const broken = counting({ byName: false, reason: "the probe failed: ETIMEDOUT" });
    const key = probeKey(fakePulumi("3.276.0"), __filename, dir);
    cachedProbe(file, key, broken);
    cachedProbe(file, key, broken);
    assert.equal(broken.calls, 2);
    // A file where the cache folder should be: nothing can be written, the answer still comes.
    writeFileSync(path.join(dir, "blocked"), "");
    const blocked = path.join(dir, "blocked", "shim-probe.json");
    const probe = counting({ byName: true });
    assert.deepEqual(cachedProbe(blocked, key, probe), { byName: true });
    assert.deepEqual(cachedProbe(blocked, key, probe), { byName: true });
    assert.equal(probe.calls, 2);
    // A damaged file is read as empty and written anew.
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "{not json");
    assert.deepEqual(cachedProbe(file, key, probe), { byName: true });
    assert.equal(probe.calls, 3);
    assert.deepEqual(cachedProbe(file, key, probe), { byName: true });
    assert.equal(probe.calls, 3);
  });
});
