/** Where things are, independent of the directory the benchmark or a test is started from. */
import { resolve } from "node:path";

/** The repository root: children run there so that package and relative requires resolve. */
export const REPO_ROOT = resolve(__dirname, "..", "..");
