// The README and the guides are part of the product: the configuration table must say what the
// code does, the commands they name must exist, and they must lead to the guides.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { CREDENTIAL_KEYS } from "../../src/api/credentials";
import { SETTING_KEYS } from "../../src/api/settings";

const REPO = path.join(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(REPO, file), "utf8");
const README = read("README.md");
/** The guides (docs/*.md; generated folders such as docs/api are not guides). */
const GUIDES = readdirSync(path.join(REPO, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);
/** README and every guide, by path from the repository root. */
const PAGES = new Map([
  ["README.md", README],
  ...GUIDES.map((g): [string, string] => [g, read(g)]),
]);
const SCRIPTS = (
  JSON.parse(read("package.json")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Rows of the configuration table (docs/configuration.md): config key, env variable, default. */
function configRows(): Map<string, { env: string; default: string }> {
  const rows = new Map<string, { env: string; default: string }>();
  for (const line of read("docs/configuration.md").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const key = /^`(tencentcloud(?:-live)?:[\w.]+)`/.exec(cells[1] ?? "");
    if (!key) continue;
    rows.set(key[1], { env: cells[2].replace(/`/g, ""), default: cells[3].replace(/`/g, "") });
  }
  return rows;
}

/** Relative link targets of a page, without their #fragment. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/.test(target));
}

describe("README and guides", () => {
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
    const firstBlock = /```(?:sh|bash)\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    assert.match(firstBlock, /^npm install && npm run demo/m);
    assert.match(firstBlock, /^npm test/m);
  });

  it("names only npm scripts that exist, and runs the emulator from the sources", () => {
    for (const [page, text] of PAGES) {
      for (const m of text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
        assert.ok(m[1] in SCRIPTS, `${page} names npm run ${m[1]}`);
      }
    }
    const all = [...PAGES.values()].join("\n");
    for (const script of ["demo", "emulator", "receiver"]) {
      assert.ok(all.includes(`npm run ${script}`), `no page names npm run ${script}`);
    }
    // A fresh clone has no dist/ until it is built: the documented command must not need it.
    assert.doesNotMatch(SCRIPTS.emulator, /dist\//);
    assert.doesNotMatch(SCRIPTS.receiver, /dist\//);
  });

  // Every link resolving (files and anchors, outside code spans) is links.test.ts's job.
  it("links the guides and the GitOps example", () => {
    assert.ok(relativeLinks(README).includes("docs/getting-started.md"), "README links the guides");
    assert.ok(
      relativeLinks(read("docs/drift-and-gitops.md")).includes("../examples/gitops/README.md"),
      "the GitOps example is linked",
    );
  });

  it("lists every guide in the index, each opening with what the reader will have done", () => {
    const index = relativeLinks(read("docs/README.md"));
    for (const guide of GUIDES.filter((g) => g !== "docs/README.md")) {
      assert.ok(index.includes(path.basename(guide)), `docs/README.md does not list ${guide}`);
      if (guide === "docs/resources.md") continue; // a reference page, not a task
      const opening = read(guide).split("\n\n")[1] ?? "";
      assert.match(
        opening,
        /^At the end of /,
        `${guide} opens with what the reader will have done`,
      );
    }
  });
});
