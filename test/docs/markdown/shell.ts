/**
 * What a documented shell block asks of this package: each `npm run <script>` must exist, and
 * each command line given to the package's two CLIs (`tencentcloud-live-callbacks`,
 * `tencentcloud-live-emulator`, directly, through `npx`, or as `npm run cli|emulator -- …`) must
 * be accepted by that CLI's own parser.
 */
import { parseCommandLine as parseCliCommandLine } from "../../../src/cli/args";
import { parseCommandLine as parseEmulatorCommandLine } from "../../../src/emulator/cli";

/** A problem of one command, with the command's line within the block (1-based). */
export interface ShellProblem {
  line: number;
  message: string;
}

/** Splits a shell script into simple commands (words, comments and quotes handled; no expansion). */
export function simpleCommands(script: string): { line: number; words: string[] }[] {
  const commands: { line: number; words: string[] }[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let line = 1;
  let start = 1;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ line: start, words });
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (words.length === 0 && word === undefined) start = line;
    if (c === "\\" && script[i + 1] === "\n") {
      i++;
      line++;
    } else if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const end = close < 0 ? script.length : close;
      const quoted = script.slice(i + 1, end);
      line += quoted.split("\n").length - 1;
      word = (word ?? "") + quoted;
      i = end;
    } else if (c === "#" && word === undefined) {
      while (i + 1 < script.length && script[i + 1] !== "\n") i++;
    } else if (c === "\n" || c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      endCommand();
      if (c === "\n") line++;
    } else if (c === " " || c === "\t") {
      endWord();
    } else {
      word = (word ?? "") + c;
    }
  }
  endCommand();
  return commands;
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const CLI = "tencentcloud-live-callbacks";
const EMULATOR = "tencentcloud-live-emulator";

/** Runs one of the package's CLI parsers on `args`; returns its complaint, if any. */
function parserComplaint(bin: string, args: string[]): string | undefined {
  try {
    if (bin === CLI) parseCliCommandLine(args);
    else parseEmulatorCommandLine(args);
    return undefined;
  } catch (err) {
    return `${bin} ${args.join(" ")}: ${(err as Error).message}`;
  }
}

/** The arguments after `--` of `npm run <script> -- …`. */
function afterDoubleDash(words: string[]): string[] {
  const i = words.indexOf("--");
  return i < 0 ? [] : words.slice(i + 1);
}

/** Checks every command of a shell block against `scripts` (package.json) and the CLI parsers. */
export function checkShellCommands(
  script: string,
  scripts: Readonly<Record<string, string>>,
): ShellProblem[] {
  const problems: ShellProblem[] = [];
  for (const { line, words: all } of simpleCommands(script)) {
    let words = all;
    while (words.length > 0 && ENV_ASSIGNMENT.test(words[0])) words = words.slice(1);
    if (["export", "sudo", "exec", "time"].includes(words[0])) words = words.slice(1);
    const [command, ...rest] = words;
    if (command === "npm" && (rest[0] === "run" || rest[0] === "run-script")) {
      const name = rest.slice(1).find((w) => !w.startsWith("-"));
      if (name === undefined) {
        problems.push({ line, message: "npm run without a script name" });
      } else if (!(name in scripts)) {
        problems.push({ line, message: `npm run ${name}: package.json has no script "${name}"` });
      } else if (name === "cli" || name === "emulator") {
        const complaint = parserComplaint(name === "cli" ? CLI : EMULATOR, afterDoubleDash(rest));
        if (complaint) problems.push({ line, message: complaint });
      }
    } else if (command === "npm" && rest[0] === "test" && !("test" in scripts)) {
      problems.push({ line, message: 'npm test: package.json has no script "test"' });
    } else {
      let args = command === "npx" ? rest : words;
      if (command === "npx") {
        // npx [-y] [-p <package>]… <bin> <args>
        while (args.length > 0 && args[0].startsWith("-")) {
          args = args.slice(args[0] === "-p" || args[0] === "--package" ? 2 : 1);
        }
      }
      if (args[0] === CLI || args[0] === EMULATOR) {
        const complaint = parserComplaint(args[0], args.slice(1));
        if (complaint) problems.push({ line, message: complaint });
      }
    }
  }
  return problems;
}
