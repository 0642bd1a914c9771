#!/usr/bin/env node
/**
 * `tencentcloud-live-callbacks`: the bin. Everything but the process lives in `main.ts`; this
 * file only connects it to the process and exits once the output is flushed.
 */
import { runCli } from "./main";

/** Exits with `code` once everything written to stdout and stderr has been handed over. */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  }).then(exitWhenFlushed, (err: unknown) => {
    process.stderr.write(`tencentcloud-live-callbacks: ${(err as Error)?.message ?? err}\n`);
    exitWhenFlushed(1);
  });
}
