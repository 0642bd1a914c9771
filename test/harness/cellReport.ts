/**
 * What a consumer project really got, appended to the file `LIVE_TEST_CELL_REPORT` names (one
 * JSON line per prepared consumer) so that the version matrix reports the `@pulumi/pulumi` the
 * package manager resolved and the `__provider` sizes the suites ran with. Nothing is written
 * when the variable is unset (a plain `npm test`).
 */
import { appendFile } from "node:fs/promises";

/** One line of the report. */
export interface CellReportLine {
  node: string;
  pulumi: string;
  packageManager: string;
  /** Bytes of each resource type's `__provider` text. */
  templateBytes: number;
  bindingBytes: number;
  /** Whether both texts require the shim by its exports subpath (else: serialized by value). */
  byName: boolean;
}

/** Appends `line` to `LIVE_TEST_CELL_REPORT`, if set. */
export async function reportConsumer(line: CellReportLine): Promise<void> {
  const file = process.env.LIVE_TEST_CELL_REPORT;
  if (file) await appendFile(file, JSON.stringify(line) + "\n");
}
