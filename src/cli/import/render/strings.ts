/**
 * String literals that every generated language reads back as the same value. TypeScript,
 * Python, Go and YAML's double-quoted scalars all accept JSON's escapes (`\"`, `\\`, `\n`,
 * `\uXXXX`, …), so a value is written as a JSON string, with the characters some of them would
 * misread also escaped.
 */

/**
 * Characters JSON leaves as they are that a generated file must not hold raw: DEL and the C1
 * controls (not printable in YAML; U+0085 ends a line in YAML 1.1), the two Unicode line
 * separators (line ends for JavaScript and YAML 1.1), and U+FEFF (Go refuses a byte order mark
 * inside a file).
 */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** `value` as a double-quoted literal with JSON's escapes (see the module comment). */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(
    RAW_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A string, or a list of strings in square brackets: the literal TypeScript and Python share
 * (YAML's flow sequence too).
 */
export function quotedValue(value: string | readonly string[]): string {
  return typeof value === "string" ? quoted(value) : `[${value.map(quoted).join(", ")}]`;
}
