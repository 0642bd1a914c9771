// `npm run check:peers`: the report's logic, with the registry's answers injected (no network).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { formatRows, peerRows, type PeerManifest } from "../../scripts/peers/report";

const MANIFEST: PeerManifest = {
  peerDependencies: { "@pulumi/pulumi": "^3.216.0", redis: "^5.0.0", ioredis: "^5.0.0 || ^6.0.0" },
  peerDependenciesMeta: { redis: { optional: true }, ioredis: { optional: true } },
};

const registry =
  (answers: Record<string, string | Error>) =>
  async (name: string): Promise<string> => {
    const a = answers[name];
    if (a instanceof Error) throw a;
    if (a === undefined) throw new Error(`unexpected look-up of ${name}`);
    return `${a}\n`;
  };

describe("check:peers", () => {
  it("says which peer's newest major the declared range leaves out", async () => {
    const rows = await peerRows(
      MANIFEST,
      registry({ "@pulumi/pulumi": "3.230.1", redis: "6.4.0", ioredis: "6.1.0" }),
    );
    assert.deepEqual(
      rows.map((r) => [r.name, r.newestMajor, r.accepted, r.optional]),
      [
        ["@pulumi/pulumi", 3, true, false],
        ["redis", 6, false, true],
        ["ioredis", 6, true, true],
      ],
    );
    const lines = formatRows(rows);
    assert.match(
      lines[1],
      /^OUTSIDE redis \(optional peer\) "\^5\.0\.0": newest 6\.4\.0 \(major 6\) is not accepted$/,
    );
    assert.match(lines[2], /^ok ioredis/);
    assert.match(lines[3], /^redis: a consumer installing the newest gets npm ERESOLVE/);
  });

  it("keeps a registry failure in its row and reports the others", async () => {
    const rows = await peerRows(
      MANIFEST,
      registry({
        "@pulumi/pulumi": new Error("ENOTFOUND"),
        redis: "5.9.0",
        ioredis: "not a version",
      }),
    );
    assert.equal(rows[0].accepted, undefined);
    assert.match(
      formatRows(rows)[0],
      /^\? @pulumi\/pulumi \(peer\) .*newest unknown \(ENOTFOUND\)/,
    );
    assert.equal(rows[1].accepted, true);
    assert.match(rows[2].error ?? "", /no version/);
    // Nothing outside: no advice line.
    assert.equal(formatRows(rows).length, 3);
  });

  it("reads the repository's own ranges: the newest majors of today are accepted", async () => {
    const manifest = JSON.parse(
      await readFile(path.join(__dirname, "../../package.json"), "utf8"),
    ) as PeerManifest;
    const rows = await peerRows(
      manifest,
      registry({
        "@pulumi/pulumi": "3.230.0",
        "@pulumi/policy": "1.21.0",
        redis: "6.4.0",
        ioredis: "6.1.0",
      }),
    );
    assert.deepEqual(
      rows.filter((r) => !r.accepted).map((r) => r.name),
      [],
    );
    // The previous majors stay accepted: the Redis tests prove both through npm aliases.
    assert.equal(
      (
        await peerRows(
          manifest,
          registry({
            ...Object.fromEntries(rows.map((r) => [r.name, "5.0.0"])),
            "@pulumi/pulumi": "3.230.0",
            "@pulumi/policy": "1.21.0",
          }),
        )
      ).every((r) => r.accepted),
      true,
    );
  });
});
