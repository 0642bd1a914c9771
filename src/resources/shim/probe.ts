/**
 * Asks the program's own `@pulumi/pulumi` closure serializer whether it records a shim module
 * by name, instead of predicting its behaviour from the module's path or Pulumi's version.
 *
 * Pulumi serializes `() => provider` asynchronously, but a resource constructor must hand
 * `dynamic.Resource` its provider object synchronously, so the question runs in a short child
 * process (the same Node, the same working directory, the same module files) that serializes a
 * tiny function capturing the shim module and prints what came out.
 */
import { execFileSync } from "node:child_process";

/** What a shim module's `require` must look like in the serialized text to count as by name. */
export function byNameRequire(packageName: string, subpath: string): string {
  return `require(${JSON.stringify(`${packageName}/${subpath}`)})`;
}

/** Source of the child: serialize `() => shim` with Pulumi's public `serializeFunction`. */
const PROBE_SOURCE = `
const [pulumiMain, shimFile] = process.argv.slice(1);
const shim = require(shimFile);
require(pulumiMain).runtime.serializeFunction(() => shim).then(
  (sf) => process.stdout.write(JSON.stringify({ text: sf.text })),
  (e) => process.stdout.write(JSON.stringify({ error: String((e && e.message) || e) })),
);`;

/** The answer of {@link probeSerializer}. */
export interface ProbeResult {
  /** True when the serialized text requires the shim by `<package>/<subpath>`. */
  byName: boolean;
  /** Why not, when `byName` is false: the serializer's error or what it emitted instead. */
  reason?: string;
}

/**
 * Serializes a function capturing the module `shimFile` with the `@pulumi/pulumi` found at
 * `pulumiMain`, in `cwd` (where the program runs: Pulumi names modules relative to it), and
 * reports whether the text contains `expected` (see {@link byNameRequire}). Any failure of the
 * probe itself counts as "not by name": the by-value fallback works everywhere.
 */
export function probeSerializer(
  pulumiMain: string,
  shimFile: string,
  expected: string,
  cwd: string = process.cwd(),
): ProbeResult {
  let out: string;
  try {
    out = execFileSync(process.execPath, ["-e", PROBE_SOURCE, pulumiMain, shimFile], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim();
    const why = stderr.split("\n").find((l) => /Error/.test(l)) ?? (e as Error).message;
    return { byName: false, reason: `the probe failed: ${why.split("\n")[0]}` };
  }
  let answer: { text?: string; error?: string };
  try {
    answer = JSON.parse(out) as { text?: string; error?: string };
  } catch {
    return { byName: false, reason: `the probe printed ${JSON.stringify(out.slice(0, 200))}` };
  }
  if (answer.error !== undefined) return { byName: false, reason: answer.error };
  if (answer.text?.includes(expected)) return { byName: true };
  return { byName: false, reason: `the serializer did not emit ${expected}` };
}
