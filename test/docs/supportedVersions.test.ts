// The docs' promises about versions come from the last matrix run: the "Supported versions"
// table of the getting-started guide is exactly what that run wrote, every cell in it passed, and
// `engines`, the peer range and the install lines (README and guide) name the floors the matrix
// proved.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { CELLS, PULUMI_FLOOR } from "../../scripts/matrix/cells";
import {
  SUPPORTED_VERSIONS_DOC,
  supportedVersionsBlock,
  supportedVersionsTable,
  type MatrixRun,
} from "../../scripts/matrix/report";
import { MATRIX_SUITES } from "../../scripts/matrix/suites";

const REPO = path.resolve(__dirname, "../..");

describe("Supported versions (docs) against the last matrix run", () => {
  let run: MatrixRun;
  let readme: string;
  let guide: string;
  let manifest: {
    engines: { node: string };
    peerDependencies: Record<string, string>;
  };
  before(async () => {
    const read = (f: string) => readFile(path.join(REPO, f), "utf8");
    run = JSON.parse(await read("test/matrix/last-run.json")) as MatrixRun;
    readme = await read("README.md");
    guide = await read(SUPPORTED_VERSIONS_DOC);
    manifest = JSON.parse(await read("package.json")) as typeof manifest;
  });

  it("the guide's table is the one the last run wrote", () => {
    assert.equal(supportedVersionsBlock(guide), supportedVersionsTable(run));
  });

  it("the last run was the whole matrix, with today's suites, and every cell passed", () => {
    assert.deepEqual(run.suites, MATRIX_SUITES);
    assert.equal(run.cells.length, CELLS.length);
    CELLS.forEach((spec, i) => {
      const cell = run.cells[i];
      assert.equal(cell.node.split(".")[0], `v${spec.node}`, cell.name);
      assert.equal(cell.packageManager, spec.packageManager, cell.name);
      if (spec.pulumi !== "latest") assert.equal(cell.pulumi, spec.pulumi, cell.name);
      assert.ok(cell.ok, `${cell.name}: ${cell.reason}`);
      assert.ok(cell.passed > 0 && cell.failed === 0, cell.name);
    });
  });

  it("engines, the peer range and the install lines name the floors the matrix proved", () => {
    const lowestNode = Math.min(...run.cells.map((c) => Number(c.node.slice(1).split(".")[0])));
    assert.equal(manifest.engines.node, `>=${lowestNode}`);
    assert.equal(manifest.peerDependencies["@pulumi/pulumi"], `^${PULUMI_FLOOR}`);
    assert.ok(run.cells.some((c) => c.pulumi === PULUMI_FLOOR && c.ok));
    const [major, minor] = PULUMI_FLOOR.split(".");
    const installLine = new RegExp(
      `any ${major}\\.x from ${major}\\.${minor} on\\. Node\\.js ${lowestNode} or later`,
    );
    assert.match(readme, installLine);
    assert.match(guide, installLine);
  });
});
