/**
 * What Pulumi's plugin processes have in common, as the engine sees them: the dynamic-provider
 * host and a policy pack's analyzer each print their gRPC port as the first stdout line, then
 * whatever the code inside them logs; the engine stops them with SIGTERM.
 */
import type { ChildProcessByStdio } from "node:child_process";
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";

/** Resource properties as plain JSON-like values. */
export type Props = Record<string, unknown>;

/** One line a plugin printed after its port (its code's `console.log`s and errors). */
export interface HostLine {
  stream: "stdout" | "stderr";
  text: string;
}

/** A plugin process started with piped stdout and stderr. */
export type PluginProcess = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Resolves with the first stdout line (the port) and collects every later line into `lines`;
 * rejects, naming `what` and quoting the output, if the process dies or stays silent first.
 */
export function readPort(
  child: PluginProcess,
  lines: HostLine[],
  timeoutMs: number,
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let port: number | undefined;
    const timer = setTimeout(() => fail("no port line"), timeoutMs);
    function fail(why: string): void {
      clearTimeout(timer);
      const output = lines.map((l) => l.text).join("\n");
      reject(new Error(`${what} did not start (${why}):\n${output}`));
    }
    readline.createInterface({ input: child.stdout }).on("line", (text) => {
      if (port !== undefined) return void lines.push({ stream: "stdout", text });
      port = Number(text.trim());
      clearTimeout(timer);
      if (Number.isInteger(port) && port > 0) resolve(port);
      else fail(`first line was ${JSON.stringify(text)}`);
    });
    readline.createInterface({ input: child.stderr }).on("line", (text) => {
      lines.push({ stream: "stderr", text });
    });
    child.once("exit", (code, signal) => {
      if (port === undefined) fail(`exited with ${signal ?? code}`);
    });
  });
}

/** Waits for `child` to exit, killing it harder if it ignores SIGTERM. */
export function terminate(child: PluginProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Converts properties to a protobuf Struct; `undefined` members are dropped, as in state. */
export function toStruct(props: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(
    JSON.parse(JSON.stringify(props)) as Record<string, structproto.JavaScriptValue>,
  );
}
