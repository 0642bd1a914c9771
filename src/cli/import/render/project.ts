/**
 * The files around the program that make the folder a Pulumi project of its language:
 * `Pulumi.yaml` for every language (with a `packages:` entry for the provider plugin, which the
 * npm package holds), `package.json`, which installs that package, and TypeScript's
 * `tsconfig.json`, as `pulumi new typescript` would write it.
 */
import type { ImportLanguage, ImportTarget } from "../../args";
import type { PackageInfo } from "../../packageInfo";
import { NODE_SDK_PACKAGE, PACKAGE_NAME } from "../../packageInfo";
import type { ImportPlan } from "../plan";
import { secretConfigSection } from "./config";
import { renderYamlProgram } from "./yaml";

/** The plugin's folder in a project that installed the npm package (see docs/languages.md). */
export const PLUGIN_FOLDER = `./node_modules/${PACKAGE_NAME}/plugin`;

/**
 * Where a generated project takes the plugin's SDKs from, relative to its folder: none is
 * published yet, so from a clone of this repository beside the project, where
 * `npm run plugin:sdks` wrote them.
 */
export const SDK_CLONE = `../${PACKAGE_NAME}/sdk`;

/** The `runtime:` (and `main:`) lines of each language. */
const RUNTIMES: Readonly<Record<ImportLanguage, readonly string[]>> = {
  typescript: [
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    "main: index.ts",
  ],
  python: [
    "runtime:",
    "  name: python",
    "  options:",
    "    toolchain: pip",
    "    virtualenv: venv",
  ],
  go: ["runtime: go"],
  yaml: ["runtime: yaml"],
};

/**
 * `Pulumi.yaml`: the project, its runtime, the plugin as a package (target `plugin`), and the
 * secret config keys the program reads; a YAML program's sections follow.
 */
export function renderPulumiYaml(
  project: string,
  plan: ImportPlan,
  target: ImportTarget = "dynamic",
  language: ImportLanguage = "typescript",
): string {
  const lines = [
    `name: ${project}`,
    "description: Tencent Cloud Live callback templates and bindings, imported from the account",
    ...RUNTIMES[language],
  ];
  if (target === "plugin") lines.push("packages:", `  tencentcloud-live: ${PLUGIN_FOLDER}`);
  if (language === "yaml") return lines.join("\n") + "\n" + renderYamlProgram(plan);
  return [...lines, ...secretConfigSection(plan)].join("\n") + "\n";
}

/**
 * `package.json`: this package at the running version and the `@pulumi/pulumi` its plugin and
 * dynamic resources load; for a TypeScript program also what it compiles with and (target
 * `plugin`) the plugin's Node.js SDK.
 */
export function renderPackageJson(
  project: string,
  info: PackageInfo,
  target: ImportTarget = "dynamic",
  language: ImportLanguage = "typescript",
): string {
  const dependencies: Record<string, string> = {
    "@pulumi/pulumi": info.pulumiRange,
    [PACKAGE_NAME]: `^${info.version}`,
  };
  const typescript = language === "typescript";
  if (typescript && target === "plugin")
    dependencies[NODE_SDK_PACKAGE] = `file:${SDK_CLONE}/nodejs`;
  const manifest = {
    name: npmName(project),
    private: true,
    ...(typescript ? { main: "index.ts" } : {}),
    dependencies,
    ...(typescript
      ? {
          devDependencies: { "@types/node": info.typesNodeRange, typescript: info.typescriptRange },
        }
      : {}),
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}

/** `tsconfig.json`: the settings of Pulumi's own TypeScript template. */
export function renderTsconfig(): string {
  const config = {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "commonjs",
      moduleResolution: "node",
      sourceMap: true,
      experimentalDecorators: true,
      pretty: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
  };
  return JSON.stringify(config, null, 2) + "\n";
}

/**
 * A project name as npm accepts a package name: lower case, no leading `.` or `_` (a Pulumi
 * project name allows capitals and both).
 */
export function npmName(project: string): string {
  return project.toLowerCase().replace(/^[._]+/, "") || "live-callbacks";
}

/**
 * The project name for a folder with no `--project`: its name, with every run of characters a
 * project name may not hold turned into `-` (a folder named in Chinese gives `live-callbacks`).
 */
export function projectNameFor(folder: string): string {
  const name = folder
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 100);
  return name || "live-callbacks";
}
