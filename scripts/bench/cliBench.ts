/**
 * Section 6 of the benchmark: `pulumi up` and `pulumi preview` of 50 templates and 1000
 * bindings through the real CLI (`npm run pulumi:bin`), against the emulator process with its
 * latency: API calls per kind and wall time, next to sections 1 and 2 (the harness, same run).
 */
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import {
  CLI_PROJECT,
  initStack,
  prepareCliProject,
  preparePulumiCli,
  runProgramOk,
  type ProgramCommand,
} from "../../test/harness";
import { bigFleet, FLEET_PROGRAM } from "../../test/support/fleet";
import { measure, type CallDelta } from "./calls";
import type { EmulatorProcess } from "./emulatorProcess";
import { REPO_ROOT } from "./paths";
import { ms } from "./stats";

/** One CLI command, measured. */
export interface CliStep {
  command: string;
  ms: number;
  calls: CallDelta;
}

/** Everything section 6 measured. */
export interface CliResults {
  pulumi: string;
  templates: number;
  bindings: number;
  steps: CliStep[];
}

/** Runs up (creating everything), preview (no change) and destroy of the fleet; measures the first two. */
export async function benchCli(
  emulator: EmulatorProcess,
  latencyMs: number,
  templates = 50,
  perTemplate = 20,
): Promise<CliResults> {
  const cli = await preparePulumiCli();
  const project = await prepareCliProject(REPO_ROOT).catch(async (e: unknown) => {
    await cli.cleanup();
    throw e;
  });
  try {
    await emulator.reset();
    await emulator.configure({ latencyMs, rateLimitPerSecond: 0 });
    const program = await project.addProgram("fleet.ts", FLEET_PROGRAM);
    const specFile = path.join(project.root, "fleet-bench.json");
    await writeFile(specFile, JSON.stringify(bigFleet(templates, perTemplate)));
    await initStack(cli, project.dir, "bench", emulator);
    const command = (name: ProgramCommand, options: Record<string, unknown> = {}) =>
      runProgramOk({
        cli,
        dir: project.dir,
        project: CLI_PROJECT,
        stack: "bench",
        program,
        command: name,
        options,
        env: { LIVE_FLEET_SPEC: specFile },
        timeoutMs: 1_800_000,
      });
    const steps: CliStep[] = [];
    for (const [label, name, options] of [
      ["up (creates all)", "up", {}],
      ["preview (no change)", "preview", { expectNoChanges: true }],
    ] as const) {
      const measured = await measure(emulator.calls, () => command(name, options));
      steps.push({ command: label, ms: ms(measured.ms), calls: measured.calls });
    }
    await command("destroy", { yes: true });
    return { pulumi: cli.version, templates, bindings: templates * perTemplate, steps };
  } finally {
    await cli.cleanup();
    await project.cleanup();
  }
}
