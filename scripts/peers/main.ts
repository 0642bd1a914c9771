/**
 * `npm run check:peers`: for each peer in package.json, the registry's newest version and
 * whether the declared range accepts it. Always exits 0: a report, not a gate (the registry
 * moves whatever this repository does).
 */
import { readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../test/harness/run";
import { REPO_ROOT } from "../bench/paths";
import { formatRows, peerRows, type PeerManifest } from "./report";

async function main(): Promise<void> {
  const manifest = JSON.parse(
    await readFile(path.join(REPO_ROOT, "package.json"), "utf8"),
  ) as PeerManifest;
  const newest = async (name: string) =>
    (await run("npm", ["view", name, "version"], { cwd: os.tmpdir() })).stdout;
  for (const line of formatRows(await peerRows(manifest, newest))) console.log(line);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
});
