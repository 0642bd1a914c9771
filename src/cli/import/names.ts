/**
 * Names in a generated program: TypeScript variables for templates, Pulumi resource names for
 * templates and bindings, and config keys for callback keys. Template names may be Chinese, so a
 * name is built from the ASCII words of the template's name; where those alone would not say
 * which template it is (a name with Chinese characters), the template id goes in front. No
 * transliteration: the id is stable and the comment above each declaration shows the real name.
 */

/** The characters a template name of only ASCII may use (the API's set minus Chinese). */
const ASCII_NAME = /^[A-Za-z0-9_-]+$/;

/** Characters a binding's app part may keep in a resource name. */
const ASCII_APP = /^[A-Za-z0-9_.-]+$/;

/**
 * Words a variable must not be named: the language's reserved and strict-mode words, TypeScript
 * keywords that read badly as names, CommonJS and Node globals, and the names the generated
 * program itself declares.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // ECMAScript reserved words, strict mode and module code included.
  ...[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
  ],
  // Not reserved, but shadowing them or using them as names misleads.
  ...["arguments", "eval", "undefined", "NaN", "Infinity", "globalThis", "global"],
  // TypeScript keywords and type names.
  ...[
    "abstract",
    "any",
    "as",
    "asserts",
    "async",
    "bigint",
    "boolean",
    "declare",
    "from",
    "get",
    "infer",
    "is",
    "keyof",
    "module",
    "namespace",
    "never",
    "number",
    "object",
    "of",
    "readonly",
    "set",
    "string",
    "symbol",
    "type",
    "unique",
    "unknown",
  ],
  // CommonJS wrapper and Node globals.
  ...["require", "exports", "__dirname", "__filename", "console", "process", "Buffer"],
  // What the generated program declares itself.
  ...["pulumi", "config", "CallbackTemplate", "DomainCallbackBinding"],
]);

/** The runs of ASCII letters and digits in `text`, in order; everything else separates them. */
export function asciiWords(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

/** `["Prod", "HLS", "hooks"]` → `ProdHLSHooks`. */
export function pascalCase(words: readonly string[]): string {
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** `["Prod", "hooks"]` → `prodHooks`; an all-capitals first word is lowered whole (`HLS` → `hls`). */
export function camelCase(words: readonly string[]): string {
  if (words.length === 0) return "";
  const [first, ...rest] = words;
  const head =
    first === first.toUpperCase()
      ? first.toLowerCase()
      : first.charAt(0).toLowerCase() + first.slice(1);
  return head + pascalCase(rest);
}

/**
 * The preferred variable of a template: its name in camelCase when the name is plain ASCII
 * (`prod_hooks` → `prodHooks`), else `template<id>` and the name's ASCII words
 * (`直播_prod` → `template1001Prod`, `生产回调` → `template1001`). Never a reserved word, never
 * starting with a digit.
 */
export function templateVariableBase(templateName: string, templateId: number): string {
  const words = asciiWords(templateName);
  let base =
    ASCII_NAME.test(templateName) && words.length > 0
      ? camelCase(words)
      : `template${templateId}${pascalCase(words)}`;
  if (/^[0-9]/.test(base)) base = `template${pascalCase(words)}`;
  return RESERVED_NAMES.has(base) ? `${base}Template` : base;
}

/**
 * The preferred resource name of a template: the template's name itself when it is plain ASCII,
 * so that `pulumi preview` shows the name the console shows; else `template-<id>` and the name's
 * ASCII words in lower case (`直播_prod` → `template-1001-prod`).
 */
export function templateResourceBase(templateName: string, templateId: number): string {
  if (ASCII_NAME.test(templateName)) return templateName;
  return [
    "template",
    String(templateId),
    ...asciiWords(templateName).map((w) => w.toLowerCase()),
  ].join("-");
}

/**
 * The preferred resource name of a binding: `<domain>-<app>` with the domain in lower case
 * (`push.example.com-live`). An app name outside ASCII letters, digits, `_`, `.` and `-` keeps
 * its ASCII words only.
 */
export function bindingResourceBase(domainName: string, appName: string): string {
  const app = ASCII_APP.test(appName) ? appName : asciiWords(appName).join("_") || "app";
  return `${domainName.toLowerCase()}-${app}`;
}

/** The config key that holds the callback key of the template declared as `variable`. */
export function callbackKeyConfigName(variable: string): string {
  return `callbackKey_${variable}`;
}

/**
 * Takes the first of `candidates` that is not in `used` (then the last one with `_2`, `_3`, …),
 * adds it to `used` and returns it. Callers pass candidates that stay stable when other names
 * change, such as the name with the object's id appended.
 */
export function claimUnique(used: Set<string>, candidates: readonly string[]): string {
  for (const candidate of candidates) {
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
  const last = candidates[candidates.length - 1];
  for (let n = 2; ; n++) {
    const candidate = `${last}_${n}`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}
