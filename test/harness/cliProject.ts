/**
 * A Pulumi TypeScript project as a user has it, for the real CLI: the packed library installed
 * from its tarball (see `consumer.ts`), `typescript` and `ts-node` as devDependencies (what
 * Pulumi compiles a TypeScript program with), the `tsconfig.json` of `pulumi new typescript`, a
 * `Pulumi.yaml`, and the program files the suites run. Stacks live in a {@link PulumiCli}'s
 * backend and talk to a local emulator through their stack config.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { renderTsconfig } from "../../src/cli/import/render/project";
import { installDriver } from "./automation";
import { installedVersion, installPackages, prepareConsumer, type Consumer } from "./consumer";
import type { LocalLive } from "./emulator";
import { pulumiOk, type PulumiCli } from "./pulumiCli";

/** The Pulumi project name of CLI consumer projects. */
export const CLI_PROJECT = "live-callbacks-cli";

/**
 * The `tsconfig.json` of `pulumi new typescript`, as the import command writes it, with the
 * suites' programs included.
 */
const TSCONFIG = {
  ...(JSON.parse(renderTsconfig()) as Record<string, unknown>),
  files: undefined,
  include: ["*.ts", "programs/*.ts"],
};

const PULUMI_YAML = [
  `name: ${CLI_PROJECT}`,
  "description: A consumer of pulumi-tencentcloud-live-callbacks, run by the real Pulumi CLI",
  "runtime:",
  "  name: nodejs",
  "  options:",
  "    typescript: true",
  "",
].join("\n");

/** A consumer project ready for the real CLI. */
export interface CliProject extends Consumer {
  /** Copies `file` (absolute) into the project as `programs/<name>` and returns that path. */
  addProgram(name: string, file: string): Promise<string>;
  /** Writes `text` as `programs/<name>` and returns its path relative to the project. */
  writeProgram(name: string, text: string): Promise<string>;
}

/**
 * Prepares a consumer project (npm unless `LIVE_TEST_PACKAGE_MANAGER` says otherwise) and adds
 * what a TypeScript Pulumi project has: the compiler, ts-node and Node's types at the
 * repository's versions, `tsconfig.json`, `Pulumi.yaml` and the automation driver.
 */
export async function prepareCliProject(repoDir: string): Promise<CliProject> {
  const consumer = await prepareConsumer({ repoDir });
  try {
    const typescript = await installedVersion(repoDir, "typescript");
    const typesNode = await installedVersion(repoDir, "@types/node");
    await installPackages(consumer.dir, [
      `typescript@${typescript}`,
      "ts-node@10.9.2",
      `@types/node@${typesNode}`,
    ]);
    await writeFile(path.join(consumer.dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    await writeFile(path.join(consumer.dir, "Pulumi.yaml"), PULUMI_YAML);
    await mkdir(path.join(consumer.dir, "programs"), { recursive: true });
    await installDriver(consumer.dir);
  } catch (e) {
    await consumer.cleanup();
    throw e;
  }
  return {
    ...consumer,
    async addProgram(name, file) {
      const rel = path.join("programs", name);
      await copyFile(file, path.join(consumer.dir, rel));
      return rel;
    },
    async writeProgram(name, text) {
      const rel = path.join("programs", name);
      await writeFile(path.join(consumer.dir, rel), text);
      return rel;
    },
  };
}

/** An emulator a stack can be pointed at: its URL and credentials. */
export interface EmulatorTarget {
  url: string;
  credentials: { secretId: string; secretKey: string };
}

/**
 * `pulumi stack init <stack>` in the project, then the emulator's credentials and endpoint as
 * stack config, the secret key with `--secret`, as a user sets theirs.
 */
export async function initStack(
  cli: PulumiCli,
  dir: string,
  stack: string,
  target: LocalLive | EmulatorTarget,
): Promise<void> {
  const emulator = "emulator" in target ? target.emulator : target;
  await pulumiOk(cli, ["stack", "init", stack, "--non-interactive"], dir);
  const { secretId, secretKey } = emulator.credentials;
  await pulumiOk(
    cli,
    ["config", "set", "--secret", "tencentcloud:secretId", secretId, "-s", stack],
    dir,
  );
  await pulumiOk(cli, ["config", "set", "--secret", "tencentcloud:secretKey", "-s", stack], dir, {
    input: secretKey,
  });
  await pulumiOk(
    cli,
    ["config", "set", "tencentcloud-live:endpoint", emulator.url, "-s", stack],
    dir,
  );
}
