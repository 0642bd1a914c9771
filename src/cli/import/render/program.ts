/**
 * The generated program in the language asked for: which renderer writes it and the file it
 * goes in. Every renderer reads the same plan; only TypeScript can declare the dynamic
 * resources, the others declare the provider plugin's.
 */
import type { ImportLanguage, ImportTarget } from "../../args";
import type { ImportPlan } from "../plan";
import { GO_PROGRAM_FILE, renderGo } from "./go";
import { PYTHON_PROGRAM_FILE, renderPython } from "./python";
import { renderTypeScript } from "./typescript";
import { renderYamlProgram } from "./yaml";

export { bindingImportId } from "./declarations";

/** The file each language's program goes in (a YAML program is part of `Pulumi.yaml`). */
export const PROGRAM_FILES: Readonly<Record<ImportLanguage, string>> = {
  typescript: "index.ts",
  python: PYTHON_PROGRAM_FILE,
  go: GO_PROGRAM_FILE,
  yaml: "Pulumi.yaml",
};

/**
 * The program's text. Throws when `language` is not TypeScript and `target` is `dynamic`
 * (the command line refuses that before).
 */
export function renderProgram(
  plan: ImportPlan,
  target: ImportTarget = "dynamic",
  language: ImportLanguage = "typescript",
): string {
  if (language === "typescript") return renderTypeScript(plan, target);
  if (target !== "plugin") {
    throw new Error(`the dynamic resources have no ${language} program: use target plugin.`);
  }
  if (language === "python") return renderPython(plan);
  if (language === "go") return renderGo(plan);
  return renderYamlProgram(plan);
}
