/**
 * A TypeScript Pulumi project that uses both the library's dynamic resources and the provider
 * plugin's resources through the generated Node.js SDK, for the real CLI: what a user migrating a
 * stack from one to the other has. The generated SDK needs a newer `@pulumi/pulumi` than the
 * shared CLI project installs, so this project is its own consumer (still within the library's
 * peer range). The SDK (`npm run plugin:sdks`'s Node.js output) is compiled with the project's
 * own compiler against the project's `@pulumi/pulumi`, then installed from that folder, so the
 * program, the SDK and the automation driver share one `@pulumi/pulumi`. `Pulumi.yaml` points at
 * the installed package's `plugin/` folder, as the YAML, Python and Go projects do.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { generateSdks } from "../../scripts/plugin/sdkGen";
import { renderTsconfig } from "../../src/cli/import/render/project";
import { installDriver } from "./automation";
import { installedVersion, installPackages, prepareConsumer, type Consumer } from "./consumer";
import { run } from "./run";

/** The Pulumi project name of the migration project. */
export const SDK_PROJECT = "live-callbacks-sdk";

/** The `@pulumi/pulumi` the project installs: the CLI's version, above the SDK's floor (3.269). */
export const SDK_PROJECT_PULUMI = "3.276.0";

/** A project ready for the real CLI, with the generated Node.js SDK installed. */
export interface SdkProject extends Consumer {
  /** The SDK's package name, as programs import it. */
  sdkPackage: string;
  /** Writes `text` as `programs/<name>` and returns its path relative to the project. */
  writeProgram(name: string, text: string): Promise<string>;
}

/** Generates the Node.js SDK into `dir/sdks/nodejs`, compiles it there and installs it. */
async function installNodeSdk(dir: string): Promise<string> {
  const generated = path.join(dir, "sdks-generated");
  const [sdk] = await generateSdks({ languages: ["nodejs"], root: generated });
  // Inside the project, so the SDK's `@pulumi/pulumi` resolves to the project's own copy.
  const source = path.join(dir, "sdks", "nodejs");
  await mkdir(path.dirname(source), { recursive: true });
  await cp(sdk.dir, source, { recursive: true });
  await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], {
    cwd: source,
    timeoutMs: 600_000,
  });
  // Pulumi publishes a Node.js SDK from its compiled folder with the manifest copied in.
  const manifest = JSON.parse(await readFile(path.join(source, "package.json"), "utf8")) as {
    name: string;
    devDependencies?: unknown;
  };
  delete manifest.devDependencies;
  const bin = path.join(source, "bin");
  await writeFile(
    path.join(bin, "package.json"),
    JSON.stringify({ ...manifest, main: "index.js", types: "index.d.ts" }, null, 2),
  );
  await installPackages(dir, [bin]);
  return manifest.name;
}

/**
 * Prepares the project: the packed library, `@pulumi/pulumi` {@link SDK_PROJECT_PULUMI}, the
 * compiler, ts-node and Node's types at the repository's versions, the compiled SDK,
 * `tsconfig.json`, `Pulumi.yaml` and the automation driver. Cleans up after itself on failure.
 */
export async function prepareSdkProject(repoDir: string): Promise<SdkProject> {
  const consumer = await prepareConsumer({ repoDir });
  try {
    const dir = consumer.dir;
    await installPackages(dir, [
      `@pulumi/pulumi@${SDK_PROJECT_PULUMI}`,
      `typescript@${await installedVersion(repoDir, "typescript")}`,
      "ts-node@10.9.2",
      `@types/node@${await installedVersion(repoDir, "@types/node")}`,
    ]);
    const sdkPackage = await installNodeSdk(dir);
    const tsconfig = {
      ...(JSON.parse(renderTsconfig()) as Record<string, unknown>),
      files: undefined,
      include: ["programs/*.ts"],
    };
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    await writeFile(
      path.join(dir, "Pulumi.yaml"),
      [
        `name: ${SDK_PROJECT}`,
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        "packages:",
        "  tencentcloud-live: ./node_modules/pulumi-tencentcloud-live-callbacks/plugin",
        "",
      ].join("\n"),
    );
    await mkdir(path.join(dir, "programs"), { recursive: true });
    await installDriver(dir);
    return {
      ...consumer,
      sdkPackage,
      async writeProgram(name, text) {
        const rel = path.join("programs", name);
        await writeFile(path.join(dir, rel), text);
        return rel;
      },
    };
  } catch (e) {
    await consumer.cleanup();
    throw e;
  }
}
