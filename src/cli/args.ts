/**
 * The command line of `tencentcloud-live-callbacks`: its usage texts and the parsing of
 * `import`'s flags. A bad command line is a {@link UsageError}, which the bin reports with the
 * usage and exit status 2.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { domainName } from "../schemas/rules";

/** The bin's name. */
export const BIN = "tencentcloud-live-callbacks";

/** Usage of the bin itself. */
export const USAGE = `Usage: ${BIN} <command> [options]

Commands:
  import    write a Pulumi program that takes over the account's callback templates and rules

Run "${BIN} import --help" for its options.
`;

/** Usage of `import`. */
export const IMPORT_USAGE = `Usage: ${BIN} import (--out <dir> | --stdout) [options]

Reads every callback template and rule of the Tencent Cloud Live account and writes a Pulumi
project that declares them, so that its first "pulumi up" takes them over and writes nothing.
It never writes to the account.

Options:
  --out <dir>          write the project into this folder, which must be new or empty
  --stdout             print only the program and write no file
  --project <name>     Pulumi project name, with --out (default: the folder's name)
  --domain <domain>    only this push domain's rules and the templates they use; repeatable
  --target <target>    dynamic (default): this package's dynamic resources, each with
                       adopt: true; plugin: the tencentcloud-live provider plugin's resources,
                       each with the import option naming the object's id (also to move a
                       stack from the dynamic resources to the plugin's)
  --language <lang>    typescript (default), or with --target plugin: python, go or yaml
  --force              with --out: write into a folder that is not empty (files of the
                       project's names are replaced, other files are kept)
  --help               show this help

The credentials and settings come from the environment, as the provider reads them:
TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (required), TENCENTCLOUD_SECURITY_TOKEN,
TENCENTCLOUD_LIVE_ENDPOINT and the other TENCENTCLOUD_LIVE_* settings.

--out writes the program (index.ts, __main__.py, main.go; a YAML program is in Pulumi.yaml),
Pulumi.yaml, package.json (the package, which holds the plugin), the language's own files
(tsconfig.json; requirements.txt; go.mod) and, when a template has a callback key,
set-secrets.sh: readable by you only, one "pulumi config set --secret callbackKey_<template
variable> <key>" line per key. No key is printed or written elsewhere.

Exit status: 0 done, 1 failed (credentials, API, files), 2 bad command line.
`;

/** A bad command line: its message, and the usage to print with it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The options of `import`, as given. */
export interface ImportOptions {
  /** The project folder, as given (relative to the working directory). */
  out?: string;
  /** Print the program instead of writing a project. */
  stdout: boolean;
  project?: string;
  /** Push domains to limit the import to, as given; empty for all. */
  domains: string[];
  force: boolean;
  /** Which resources the program declares. */
  target: ImportTarget;
  /** The language of the program. */
  language: ImportLanguage;
}

/**
 * The resources the program may declare: `dynamic`, this package's dynamic resources; `plugin`,
 * the provider plugin's, from its Node.js SDK.
 */
export const importTarget = z.enum(["dynamic", "plugin"]);

/** `--target`'s values. */
export type ImportTarget = z.infer<typeof importTarget>;

/** The languages the program can be written in (all but TypeScript with `plugin` only). */
export const importLanguage = z.enum(["typescript", "python", "go", "yaml"]);

/** `--language`'s values. */
export type ImportLanguage = z.infer<typeof importLanguage>;

/** What the command line asks for. */
export type Command = { kind: "help"; text: string } | { kind: "import"; options: ImportOptions };

/**
 * A Pulumi project name: letters, digits, `_`, `.` and `-`, at most 100 characters (the rule
 * `pulumi new` applies).
 */
export const projectName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'may contain only letters, digits, "_", "." and "-"' })
  .max(100, { message: "must be at most 100 characters" });

/** Parses `argv` (without `node` and the script). Throws a {@link UsageError}. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("a command is required.", USAGE);
  if (command === "--help" || command === "-h" || command === "help") {
    return { kind: "help", text: USAGE };
  }
  if (command !== "import") {
    throw new UsageError(`unknown command ${JSON.stringify(command)}.`, USAGE);
  }
  return parseImport(rest);
}

function parseImport(argv: readonly string[]): Command {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string" },
        stdout: { type: "boolean" },
        project: { type: "string" },
        domain: { type: "string", multiple: true },
        force: { type: "boolean" },
        target: { type: "string" },
        language: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    const message = (err as Error).message;
    throw new UsageError(/[.!?]$/.test(message) ? message : `${message}.`, IMPORT_USAGE);
  }
  if (values.help) return { kind: "help", text: IMPORT_USAGE };
  const fail = (message: string) => new UsageError(message, IMPORT_USAGE);
  if ((values.out === undefined) === (values.stdout !== true)) {
    throw fail("give either --out <dir> or --stdout.");
  }
  if (values.out === "") throw fail("--out needs a folder.");
  if (values.stdout && values.force) throw fail("--force applies to --out only.");
  if (values.stdout && values.project !== undefined) throw fail("--project applies to --out only.");
  if (values.project !== undefined) {
    const checked = projectName.safeParse(values.project);
    if (!checked.success) {
      throw fail(
        `--project ${checked.error.issues[0].message}; got ${JSON.stringify(values.project)}.`,
      );
    }
  }
  const target = importTarget.safeParse(values.target ?? "dynamic");
  if (!target.success) {
    throw fail(`--target must be dynamic or plugin; got ${JSON.stringify(values.target)}.`);
  }
  const language = importLanguage.safeParse(values.language ?? "typescript");
  if (!language.success) {
    throw fail(
      `--language must be typescript, python, go or yaml; got ${JSON.stringify(values.language)}.`,
    );
  }
  // The dynamic resources exist only in the npm package, for Node.js programs.
  if (target.data === "dynamic" && language.data !== "typescript") {
    throw fail(
      `--language must be typescript with --target dynamic (python, go and yaml need --target ` +
        `plugin: the dynamic resources are for Node.js programs only); got ` +
        `${JSON.stringify(language.data)}.`,
    );
  }
  const domains = values.domain ?? [];
  for (const d of domains) {
    const checked = domainName.safeParse(d);
    if (!checked.success) {
      throw fail(`--domain ${checked.error.issues[0].message}; got ${JSON.stringify(d)}.`);
    }
  }
  return {
    kind: "import",
    options: {
      ...(values.out !== undefined ? { out: values.out } : {}),
      stdout: values.stdout === true,
      ...(values.project !== undefined ? { project: values.project } : {}),
      domains,
      force: values.force === true,
      target: target.data,
      language: language.data,
    },
  };
}
