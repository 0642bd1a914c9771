// Every relative link of the documentation (README.md and docs/**/*.md) names a file that
// exists, and every anchor a heading of the Markdown file it points into (GitHub's slugs).
// External links are listed, not fetched: the tests run without a network.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkLinks } from "./markdown/checkLinks";
import { anchors, documentationFiles, githubSlug } from "./markdown/parse";

const REPO = path.join(__dirname, "../..");

describe("Documentation links (README.md, docs/**/*.md)", () => {
  it("resolve: each relative link to a file, each anchor to a heading", () => {
    const result = checkLinks(documentationFiles(REPO), REPO);
    const external = new Set(result.external);
    console.log(
      `      ${result.checked} relative links checked; ${external.size} external ones not fetched:\n` +
        [...external].map((l) => `        ${l}`).join("\n"),
    );
    assert.ok(result.checked > 0, "no relative link found: the extraction is broken");
    assert.deepEqual(result.problems, []);
  });
});

describe("Documentation link checks (the checks can fail)", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "live-callbacks-docs-links-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("slug headings as GitHub does: lower case, punctuation dropped, duplicates numbered", () => {
    assert.equal(
      githubSlug("Fetch API (Hono, Next.js, Bun, Deno, Workers)"),
      "fetch-api-hono-nextjs-bun-deno-workers",
    );
    assert.equal(
      githubSlug("Rotation outputs: `previousCallbackKey` and `callbackKeyChangedAt`"),
      "rotation-outputs-previouscallbackkey-and-callbackkeychangedat",
    );
    assert.equal(githubSlug("Tencent Cloud SCF (云函数)"), "tencent-cloud-scf-云函数");
    assert.equal(githubSlug("Upgrading from 0.1.0"), "upgrading-from-010");
    assert.equal(githubSlug("See [the guide](x.md) now"), "see-the-guide-now");
    assert.deepEqual(
      [
        ...anchors(
          '# Config\n## Config\n```sh\n# Config\n```\n### Config ###\n<a id="custom"></a>\n',
        ),
      ],
      ["config", "config-1", "config-2", "custom"],
    );
  });

  it("fail a missing file, an unknown anchor, and an anchor on a file that is not Markdown", () => {
    writeFileSync(
      path.join(root, "README.md"),
      "# Home\n\n## Set up\n\nSee [the guide](docs/guide.md#install).\n",
    );
    mkdirSync(path.join(root, "docs/deep"), { recursive: true });
    writeFileSync(path.join(root, "docs/code.ts"), "export {};\n");
    writeFileSync(
      path.join(root, "docs/guide.md"),
      [
        "# Guide",
        "## Install",
        "## Install",
        "[home](../README.md#set-up), [again](#install-1), [folder](deep/), [code](code.ts#L1)",
        "[mail](mailto:a@example.com) and [site](https://example.com/x) and `[not](a-link.md)`",
        "[gone](missing.md) and [anchor](../README.md#no-such-heading)",
        "[code anchor](code.ts#top) and [ref]",
        "",
        "[ref]: deep/missing.md",
        "```md",
        "[in a block](also-missing.md)",
        "```",
      ].join("\n"),
    );
    const result = checkLinks(documentationFiles(root), root);
    assert.deepEqual(result.external, ["mailto:a@example.com", "https://example.com/x"]);
    assert.deepEqual(result.problems, [
      "docs/guide.md:6: missing.md: no such file docs/missing.md",
      "docs/guide.md:6: ../README.md#no-such-heading: README.md has no heading with anchor #no-such-heading",
      "docs/guide.md:7: code.ts#top: anchor #top on a file that is not Markdown",
      "docs/guide.md:9: deep/missing.md: no such file docs/deep/missing.md",
    ]);
    assert.equal(result.checked, 9);
  });
});
