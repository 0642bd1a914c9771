/**
 * The fleet program (test/pulumi/programs/fleet.ts) in a CLI project: a spec written to a file,
 * and the engine commands run on it through the real CLI.
 */
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import {
  CLI_PROJECT,
  runProgram,
  runProgramOk,
  type ProgramCommand,
  type ProgramResult,
  type ProgramRun,
} from "../harness";
import type { CliSuite } from "./cliSuite";

/** The program file, as the suites copy it into the project. */
export const FLEET_PROGRAM = path.join(__dirname, "..", "pulumi", "programs", "fleet.ts");

/** One template of a fleet (see the program for the fields). */
export interface FleetTemplate {
  name: string;
  templateName: string;
  streamBeginNotifyUrl?: string;
  streamEndNotifyUrl?: string;
  keyConfig?: string;
  aliases?: string[];
}

/** One binding of a fleet. */
export interface FleetBinding {
  name: string;
  domainName: string;
  appName?: string;
  template: string;
  aliases?: string[];
}

/** What the program declares. */
export interface FleetSpec {
  templates: FleetTemplate[];
  bindings: FleetBinding[];
}

/** `count` templates `t0…` and `perTemplate` bindings on each, on domains `d<i>-<j>.example.com`. */
export function bigFleet(count: number, perTemplate: number, keyConfig?: string): FleetSpec {
  const templates: FleetTemplate[] = [];
  const bindings: FleetBinding[] = [];
  for (let i = 0; i < count; i += 1) {
    templates.push({
      name: `t${i}`,
      templateName: `fleet_${i}`,
      streamBeginNotifyUrl: `https://hooks.example.com/t${i}/begin`,
      keyConfig,
    });
    for (let j = 0; j < perTemplate; j += 1) {
      bindings.push({
        name: `b${i}-${j}`,
        domainName: `d${i}-${j}.example.com`,
        template: `t${i}`,
      });
    }
  }
  return { templates, bindings };
}

/** A fleet stack of a CLI suite: write its spec, run commands on it. */
export interface FleetStack {
  readonly stack: string;
  /** Writes the spec the next command's program reads. */
  declare(spec: FleetSpec): Promise<void>;
  /** Runs `command`; resolves whatever the exit status. */
  run(command: ProgramCommand, options?: Partial<ProgramRun>): Promise<ProgramResult>;
  /** Runs `command`; throws unless it succeeded. */
  ok(command: ProgramCommand, options?: Partial<ProgramRun>): Promise<ProgramResult>;
}

/** Copies the fleet program into the suite's project (once) and returns a stack's handle. */
export async function fleetStack(suite: CliSuite, stack: string): Promise<FleetStack> {
  const project = suite.project();
  const program = await project.addProgram("fleet.ts", FLEET_PROGRAM);
  const specFile = path.join(project.root, `fleet-${stack}.json`);
  const base = (command: ProgramCommand, options: Partial<ProgramRun> = {}): ProgramRun => ({
    cli: suite.cli(),
    dir: project.dir,
    project: CLI_PROJECT,
    stack,
    program,
    command,
    ...options,
    env: { LIVE_FLEET_SPEC: specFile, ...options.env },
  });
  return {
    stack,
    declare: (spec) => writeFile(specFile, JSON.stringify(spec, null, 2)),
    run: (command, options) => runProgram(base(command, options)),
    ok: (command, options) => runProgramOk(base(command, options)),
  };
}
