/**
 * The matrix's outputs: the table printed after a run, the JSON record of the run
 * (`test/matrix/last-run.json`), and the "Supported versions" table of {@link SUPPORTED_VERSIONS_DOC}
 * made from it.
 */
import { renderTable } from "../lib/table";
import type { CellResult } from "./runCell";

/** The JSON record of one matrix run. */
export interface MatrixRun {
  /** ISO 8601 time the run started. */
  startedAt: string;
  /** Whole run, seconds, including toolchain installs. */
  totalSeconds: number;
  /** The machine: CPU count and the 1-minute load average at start and at end. */
  machine: { cpus: number; loadStart: number; loadEnd: number };
  /** The suite files every cell ran. */
  suites: string[];
  cells: CellResult[];
}

const bytes = (c: CellResult) =>
  c.templateBytes === undefined ? "-" : `${c.templateBytes} / ${c.bindingBytes}`;

/** The per-cell table printed at the end of a run. */
export function resultTable(cells: readonly CellResult[]): string {
  return renderTable(
    [
      { header: "node" },
      { header: "@pulumi/pulumi" },
      { header: "pm" },
      { header: "passed", numeric: true },
      { header: "failed", numeric: true },
      { header: "__provider bytes (template / binding)" },
      { header: "form" },
      { header: "time (s)", numeric: true },
      { header: "result" },
    ],
    cells.map((c) => [
      c.node,
      c.pulumi,
      `${c.packageManager} ${c.packageManagerVersion}`,
      String(c.passed),
      String(c.failed),
      bytes(c),
      c.providerForm ?? "-",
      String(c.seconds),
      c.ok ? "ok" : `FAILED: ${c.reason ?? ""}`,
    ]),
  );
}

/** The guide, relative to the repository, that holds the "Supported versions" table. */
export const SUPPORTED_VERSIONS_DOC = "docs/getting-started.md";

/** Marks around the table the matrix writes; the docs test compares what lies between. */
export const TABLE_START = "<!-- matrix:start (written by npm run test:matrix) -->";
export const TABLE_END = "<!-- matrix:end -->";

/** The "Supported versions" table for `run`. */
export function supportedVersionsTable(run: MatrixRun): string {
  const table = renderTable(
    [
      { header: "Node.js" },
      { header: "@pulumi/pulumi" },
      { header: "Package manager" },
      { header: "Cell" },
      { header: "Proven" },
      { header: "`__provider` (template / binding)" },
    ],
    run.cells.map((c) => [
      c.node,
      c.pulumi === c.pulumiRequested ? c.pulumi : `${c.pulumi} (newest)`,
      `${c.packageManager} ${c.packageManagerVersion}`,
      c.why,
      c.ok
        ? `${suitesLabel(c.suites.map((s) => s.file))}, ${c.passed} tests passed`
        : `FAILED (${c.passed} passed, ${c.failed} failed)`,
      c.templateBytes === undefined ? "-" : `${bytes(c)} bytes, ${c.providerForm}`,
    ]),
  );
  // Markdown's rule row as prettier writes it (`| --- |`), so `prettier --check` accepts the guide.
  const [head, rule, ...body] = table.split("\n");
  const mdRule = rule.replace(/\|-+(?=\|)/g, (m) => `| ${"-".repeat(m.length - 3)} `);
  const day = run.startedAt.slice(0, 10);
  return `${[head, mdRule, ...body].join("\n")}\n\nLast run ${day}, ${run.cells.length} cells in ${Math.round(run.totalSeconds / 60)} min.`;
}

/** "8 host suites", or "8 host suites + 3 real-CLI" when the cell ran suites of `test/pulumi/`. */
export function suitesLabel(files: readonly string[]): string {
  const cli = files.filter((f) => f.startsWith("test/pulumi/")).length;
  return `${files.length - cli} host suites${cli > 0 ? ` + ${cli} real-CLI` : ""}`;
}

/** `doc` with the block between the marks replaced by {@link supportedVersionsTable} of `run`. */
export function withSupportedVersionsTable(doc: string, run: MatrixRun): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`${SUPPORTED_VERSIONS_DOC} has no matrix block to write`);
  }
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${supportedVersionsTable(run)}\n\n${doc.slice(end)}`;
}

/** The text between the marks of `doc`, trimmed (undefined without marks). */
export function supportedVersionsBlock(doc: string): string | undefined {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + TABLE_START.length, end).trim();
}
