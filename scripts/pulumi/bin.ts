/**
 * `npm run --silent pulumi:bin`: builds the pinned Pulumi CLI when it is not cached yet (see
 * `build.ts`) and prints, on its last line, the absolute path of the folder holding `pulumi`
 * and its plugin scripts. Progress goes to stderr, so `$(npm run --silent pulumi:bin)` is the
 * folder alone.
 */
import { ensurePulumiBin } from "./build";

async function main(): Promise<void> {
  const bin = await ensurePulumiBin((line) => process.stderr.write(`${line}\n`));
  const how = bin.built ? `built in ${(bin.ms / 1000).toFixed(1)} s` : `cached (${bin.ms} ms)`;
  process.stderr.write(`pulumi ${bin.version}: ${how}\n`);
  process.stdout.write(`${bin.dir}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`pulumi:bin failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
