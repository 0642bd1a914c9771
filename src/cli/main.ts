/**
 * The bin's logic, apart from the process: parse the command line, run the command, and turn
 * the outcome into output and an exit status (0 done, 1 failed, 2 bad command line).
 */
import { explain } from "../provider/errors";
import { BIN, parseCommandLine, UsageError, type Command } from "./args";
import { runImport } from "./import/command";
import { TargetError } from "./import/write";
import type { CliIo } from "./io";

/** Exit status of a run that did what was asked. */
export const EXIT_OK = 0;
/** Exit status of a failure: credentials, the API, files. */
export const EXIT_FAILED = 1;
/** Exit status of a command line that cannot be run as given. */
export const EXIT_USAGE = 2;

/** Runs the bin with `argv` (without `node` and the script) and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${BIN}: ${e.message}\n\n${e.usage}`);
    return EXIT_USAGE;
  }
  if (command.kind === "help") {
    io.stdout(command.text);
    return EXIT_OK;
  }
  try {
    await runImport(command.options, io);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof TargetError) {
      io.stderr(`${BIN}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // Prefixed as the provider prefixes its failures; API errors keep code and RequestId.
    io.stderr(`${explain("Importing the account", e).message}\n`);
    return EXIT_FAILED;
  }
}
