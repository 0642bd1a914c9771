// The question put to Pulumi's own serializer before a resource picks its provider object:
// is a module recorded as a require by name, or copied by value?
import assert from "node:assert/strict";
import * as path from "node:path";
import { underNodeModules } from "../../src/resources/shim";
import { byNameRequire, probeSerializer } from "../../src/resources/shim/probe";

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
