/** How validation problems read in this library's results: one `path: problem` line each. */
import type { CallbackSchemaIssue } from "./schema";

/** Renders a path as `a.b.0.c`; the root is named so the line still says where. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(body)" : path.map((key) => String(key)).join(".");
}

/** One `<path>: <what is wrong>` line per issue, e.g. `file_size: Invalid input: …`. */
export function formatIssues(issues: readonly CallbackSchemaIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}
