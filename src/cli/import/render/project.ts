/**
 * The files around the program that make the folder a Pulumi TypeScript project: `Pulumi.yaml`,
 * `package.json` and `tsconfig.json`, as `pulumi new typescript` would write them, with this
 * package added.
 */
import type { PackageInfo } from "../../packageInfo";
import { PACKAGE_NAME } from "../../packageInfo";
import type { ImportPlan } from "../plan";

/** `Pulumi.yaml`: the project, its TypeScript program, and the secret config keys it reads. */
export function renderPulumiYaml(project: string, plan: ImportPlan): string {
  const lines = [
    `name: ${project}`,
    "description: Tencent Cloud Live callback templates and bindings, imported from the account",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    "main: index.ts",
  ];
  const secrets = plan.templates.flatMap((t) => (t.secret ? [t] : []));
  if (secrets.length > 0) {
    lines.push("config:");
    for (const t of secrets) {
      // Config keys and template ids are plain ASCII: nothing here needs YAML quoting.
      lines.push(
        `  ${t.secret?.configKey}:`,
        "    type: string",
        "    secret: true",
        `    description: Callback key of template ${t.templateId} (letters and digits, at most 32)`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

/** `package.json`: this package at the running version, and what a TypeScript program needs. */
export function renderPackageJson(project: string, info: PackageInfo): string {
  const manifest = {
    name: npmName(project),
    private: true,
    main: "index.ts",
    dependencies: {
      "@pulumi/pulumi": info.pulumiRange,
      [PACKAGE_NAME]: `^${info.version}`,
    },
    devDependencies: {
      "@types/node": info.typesNodeRange,
      typescript: info.typescriptRange,
    },
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
