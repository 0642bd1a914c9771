/** Small text helpers shared by the renderers: comments that stay comments, and line wrapping. */

/** Width the generated files wrap comments at (the repository's own print width). */
export const LINE_WIDTH = 100;

/**
 * `text` on one line: every line terminator JavaScript or YAML 1.1 knows (U+2028, U+2029 and
 * U+0085 included) turned into a space, so that a value quoted in a `//` or `#` comment cannot
 * end the comment; other controls and U+FEFF, which YAML refuses in a comment and Go anywhere
 * but at the start of a file, written as `\uXXXX`.
 */
export function oneLine(text: string): string {
  return [...text.replace(/[\r\n\u0085\u2028\u2029]+/g, " ")]
    .map((ch) => (unprintable(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch))
    .join("");
}

/** A control character other than the tab (C0, DEL, C1), or U+FEFF. */
function unprintable(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code < 0x20 && ch !== "\t") || (code >= 0x7f && code <= 0x9f) || code === 0xfeff;
}

/**
 * `text` as comment lines starting with `prefix` (such as `// ` or `# `), wrapped at spaces to
 * {@link LINE_WIDTH} columns (see {@link displayWidth}); a word longer than a line stays whole.
 */
export function commentLines(text: string, prefix: string, indent = ""): string[] {
  const width = Math.max(20, LINE_WIDTH - indent.length - prefix.length);
  const lines: string[] = [];
  let line = "";
  for (const word of oneLine(text).split(/ +/).filter(Boolean)) {
    if (line && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${prefix}${l}`);
}

/**
 * How many columns `text` takes in a terminal: East Asian wide characters (Chinese among them)
 * take two, so that columns of Chinese template names line up.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** `text` padded with spaces to `width` columns (see {@link displayWidth}). */
export function padColumns(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u;
