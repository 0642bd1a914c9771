/**
 * The matrix: which Node, which `@pulumi/pulumi` and which package manager each cell proves.
 * "latest" is resolved from the registry when the run starts and recorded as a version.
 */
import type { PackageManager } from "../../test/harness/packageManager";

/** One cell as declared. */
export interface CellSpec {
  /** Node major version. */
  node: 20 | 22 | 24;
  /** An exact `@pulumi/pulumi` version, or "latest" (the registry's newest). */
  pulumi: string;
  packageManager: PackageManager;
  /** Why this cell exists, for the "Supported versions" table. */
  why: string;
  /** Runs the real-CLI suites too (`MATRIX_CLI_SUITES`). */
  cli?: boolean;
}

/** `@pulumi/pulumi`'s declared floor: the peer range starts here. */
export const PULUMI_FLOOR = "3.216.0";

/** The newest `@pulumi/pulumi` that still runs on Node 20 (3.249 requires Node 22). */
export const PULUMI_LAST_FOR_NODE_20 = "3.248.0";

/**
 * Every cell, in the order they run. Node 20 with 3.248 and npm is not one: it is the
 * repository's own setting, which `npm test` and `npm run test:cli` prove on every run.
 */
export const CELLS: readonly CellSpec[] = [
  { node: 20, pulumi: PULUMI_FLOOR, packageManager: "npm", why: "peer floor" },
  {
    node: 20,
    pulumi: PULUMI_LAST_FOR_NODE_20,
    packageManager: "pnpm",
    why: "pnpm before the store mapping of 3.251",
  },
  { node: 22, pulumi: "latest", packageManager: "npm", why: "newest on Node 22", cli: true },
  { node: 24, pulumi: "latest", packageManager: "npm", why: "newest on Node 24", cli: true },
  {
    node: 24,
    pulumi: "latest",
    packageManager: "pnpm",
    why: "pnpm, isolated node_modules",
    cli: true,
  },
  { node: 24, pulumi: "latest", packageManager: "yarn", why: "yarn classic, node_modules" },
];

/** A short name of a cell, e.g. `node24-pulumi3.276.0-pnpm`. */
export function cellName(cell: { node: number; pulumi: string; packageManager: string }): string {
  return `node${cell.node}-pulumi${cell.pulumi}-${cell.packageManager}`;
}
