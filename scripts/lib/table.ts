/** Plain-text tables for script output. */

/** A column: its header and whether its cells are right-aligned (numbers). */
export interface Column {
  header: string;
  numeric?: boolean;
}

/**
 * Renders `rows` under `columns` with one space of padding and `|` separators, numbers
 * right-aligned, so the table reads the same in a terminal and pasted into Markdown.
 */
export function renderTable(columns: readonly Column[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) =>
    Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((cell, i) => (columns[i].numeric ? padStart(cell, widths[i]) : padEnd(cell, widths[i])))
      .join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (columns[i].numeric ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join("\n");
}

// Code points, so that "≠" or "×" count as one column.
function width(text: string): number {
  return [...text].length;
}

function padEnd(text: string, w: number): string {
  return text + " ".repeat(Math.max(0, w - width(text)));
}

function padStart(text: string, w: number): string {
  return " ".repeat(Math.max(0, w - width(text))) + text;
}
