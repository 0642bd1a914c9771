/**
 * The files a project needs besides its program, `Pulumi.yaml` and `package.json`: TypeScript's
 * `tsconfig.json`, Python's `requirements.txt` and Go's `go.mod`. The plugin's Python and Go
 * SDKs are not published yet, so both files take them from a clone of this repository beside
 * the project (see `SDK_CLONE`), and say so.
 */
import type { ImportLanguage } from "../../args";
import { commentLines } from "./text";
import { renderTsconfig, SDK_CLONE } from "./project";
import { GO_SDK_MODULE } from "./go";

/** Python's `pulumi` versions the Python SDK takes (`language.python.requires` of the schema). */
export const PYTHON_PULUMI_REQUIREMENT = "pulumi>=3.0.0,<4.0.0";

/** The Go Pulumi SDK the plugin's Go SDK is generated for and tested with. */
export const GO_PULUMI_SDK_VERSION = "v3.276.0";

/** The Go version that Go Pulumi SDK needs (the `go` line of its go.mod). */
export const GO_VERSION = "1.26.6";

const CLONE_NOTE =
  "The plugin's SDK is not published yet: this takes it from a clone of " +
  "pulumi-tencentcloud-live-callbacks beside this folder, after `npm run plugin:sdks` there.";

/** `requirements.txt`: Python's `pulumi` and the plugin's Python SDK. */
export function renderRequirements(): string {
  return (
    [...commentLines(CLONE_NOTE, "# "), PYTHON_PULUMI_REQUIREMENT, `${SDK_CLONE}/python`].join(
      "\n",
    ) + "\n"
  );
}

/** `go.mod` of module `module`: the Go Pulumi SDK and the plugin's Go SDK. */
export function renderGoMod(module: string): string {
  return (
    [
      `module ${module}`,
      "",
      `go ${GO_VERSION}`,
      "",
      "require (",
      `\tgithub.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK_VERSION}`,
      // The pseudo-version `go mod` itself gives a module that only a replace line provides.
      `\t${GO_SDK_MODULE} v0.0.0-00010101000000-000000000000`,
      ")",
      "",
      ...commentLines(`${CLONE_NOTE} Then run \`go mod tidy\`.`, "// "),
      `replace ${GO_SDK_MODULE} => ${SDK_CLONE}/go`,
    ].join("\n") + "\n"
  );
}

/**
 * A Go module path for a project name: the name without the leading and trailing `.`, `_` and
 * `-` a module path may not start or end with.
 */
export function goModuleName(project: string): string {
  return project.replace(/^[._-]+|[._-]+$/g, "") || "live-callbacks";
}

/**
 * The files each language needs besides the program, `Pulumi.yaml` and `package.json`:
 * `tsconfig.json`, `requirements.txt` or `go.mod`; none for YAML.
 */
export function dependencyFiles(
  language: ImportLanguage,
  project: string,
): { name: string; text: string }[] {
  if (language === "typescript") return [{ name: "tsconfig.json", text: renderTsconfig() }];
  if (language === "python") return [{ name: "requirements.txt", text: renderRequirements() }];
  if (language === "go") return [{ name: "go.mod", text: renderGoMod(goModuleName(project)) }];
  return [];
}
