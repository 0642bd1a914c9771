// The README is part of the product: its configuration table must say what the code does.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { CREDENTIAL_KEYS } from "../../src/api/credentials";
import { SETTING_KEYS } from "../../src/api/settings";

const REPO = path.join(__dirname, "../..");
const README = readFileSync(path.join(REPO, "README.md"), "utf8");
const SCRIPTS = (
  JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Rows of the configuration table: config key, env variable, default. */
function configRows(): Map<string, { env: string; default: string }> {
  const rows = new Map<string, { env: string; default: string }>();
  for (const line of README.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const key = /^`(tencentcloud(?:-live)?:[\w.]+)`/.exec(cells[1] ?? "");
    if (!key) continue;
    rows.set(key[1], { env: cells[2].replace(/`/g, ""), default: cells[3].replace(/`/g, "") });
  }
  return rows;
}

describe("README", () => {
  it("lists every setting with its environment variable and default, and nothing else", () => {
    const rows = configRows();
    assert.deepEqual(
      [...rows.keys()].sort(),
      [...Object.values(SETTING_KEYS), ...Object.values(CREDENTIAL_KEYS)]
        .map((k) => k.config)
        .sort(),
    );
    for (const key of Object.values(CREDENTIAL_KEYS)) {
      assert.equal(rows.get(key.config)!.env, "env" in key ? key.env : "—", key.config);
    }
    for (const setting of Object.values(SETTING_KEYS)) {
      const row = rows.get(setting.config)!;
      assert.equal(row.env, setting.env, setting.config);
      if ("default" in setting) assert.equal(row.default, String(setting.default), setting.config);
    }
  });

  it("shows the two set-up commands first", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    assert.match(firstBlock, /^npm install && npm run demo/m);
    assert.match(firstBlock, /^npm test/m);
  });

  it("names only npm scripts that exist, and runs the emulator from the sources", () => {
    const named = new Set(
      [...README.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]),
    );
    assert.ok(named.has("emulator") && named.has("receiver") && named.has("demo"));
    for (const script of named) assert.ok(script in SCRIPTS, `README names npm run ${script}`);
    // A fresh clone has no dist/ until it is built: the documented command must not need it.
    assert.doesNotMatch(SCRIPTS.emulator, /dist\//);
    assert.doesNotMatch(SCRIPTS.receiver, /dist\//);
  });

  it("links only to files that exist", () => {
    const links = [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    assert.ok(links.includes("examples/gitops/README.md"), "the GitOps example is linked");
    for (const target of links) {
      assert.ok(existsSync(path.join(REPO, target)), `README links to missing ${target}`);
    }
  });
});
