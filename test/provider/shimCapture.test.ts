// Which copies of the library hand Pulumi the shim module itself (recorded as a require of its
// exports subpath) and which hand it a copy to serialize by value.
import assert from "node:assert/strict";
import * as path from "node:path";
import { capturedByName } from "../../src/resources/shim";

const CWD = path.join(path.sep, "work", "app");
const under = (...parts: string[]) => path.join(CWD, ...parts);

describe("capturedByName (where Pulumi can record the shim as a require by name)", () => {
  it("accepts the package installed directly under node_modules, also above the program", () => {
    const shim = ["pulumi-tencentcloud-live-callbacks", "dist", "resources", "shim"];
    assert.equal(capturedByName(under("node_modules", ...shim), CWD), true);
    assert.equal(capturedByName(path.join(CWD, "..", "node_modules", ...shim), CWD), true);
  });

  it("refuses pnpm's store and copies nested under another package (pulumi/pulumi#10009)", () => {
    const pnpm = under(
      "node_modules",
      ".pnpm",
      "pulumi-tencentcloud-live-callbacks@1.0.0",
      "node_modules",
      "pulumi-tencentcloud-live-callbacks",
      "dist",
    );
    assert.equal(capturedByName(pnpm, CWD), false);
    const nested = under(
      "node_modules",
      "other",
      "node_modules",
      "pulumi-tencentcloud-live-callbacks",
    );
    assert.equal(capturedByName(nested, CWD), false);
  });

  it("refuses a library loaded from outside node_modules (this repository)", () => {
    assert.equal(capturedByName(under("src", "resources", "shim"), CWD), false);
    assert.equal(capturedByName(path.join(path.sep, "elsewhere", "dist"), CWD), false);
  });
});
