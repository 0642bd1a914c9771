/**
 * `tencentcloud-live-callbacks import`: read the account, plan the declarations, render the
 * program and its project, and write them (or print the program). The target folder is checked
 * before the account is read, and nothing is written unless every read succeeded.
 */
import * as path from "node:path";
import type { ImportLanguage, ImportOptions, ImportTarget } from "../args";
import type { CliIo } from "../io";
import { readPackageInfo, type PackageInfo } from "../packageInfo";
import { readAccount } from "./account";
import { planImport, type ImportPlan } from "./plan";
import { dependencyFiles } from "./render/dependencies";
import { PROGRAM_FILES, renderProgram } from "./render/program";
import { projectNameFor, renderPackageJson, renderPulumiYaml } from "./render/project";
import { renderSecretsScript, SECRETS_FILE, SECRETS_FILE_MODE } from "./render/secrets";
import { renderSummary } from "./render/summary";
import { inspectTarget, writeProject, type ProjectFile } from "./write";

/** Runs the import; throws on any failure (see `main.ts` for how each is reported). */
export async function runImport(options: ImportOptions, io: CliIo): Promise<void> {
  const target = options.out === undefined ? undefined : path.resolve(io.cwd, options.out);
  // Refused before anything is read, so a wrong folder costs no API call.
  if (target !== undefined) await inspectTarget(target, options.force);
  const info = readPackageInfo();
  const account = await readAccount(io.env);
  const plan = planImport(account, { domains: options.domains });
  const summary = {
    read: { templates: account.templates.length, rules: account.rules.length },
    endpoint: account.endpoint,
    target: options.target,
    language: options.language,
  };
  if (target === undefined) {
    io.stdout(renderProgram(plan, options.target, options.language));
    io.stderr(renderSummary(plan, summary));
    return;
  }
  const project = options.project ?? projectNameFor(path.basename(target));
  const files = projectFiles(plan, {
    project,
    info,
    target: options.target,
    language: options.language,
  });
  await writeProject(target, files, { force: options.force });
  io.stdout(
    renderSummary(plan, {
      ...summary,
      folder: shownFolder(io.cwd, target),
      files: files.map((f) => f.name),
    }),
  );
}

/** What the generated project is: its name, the package's manifest, its resources and language. */
export interface ProjectSettings {
  project: string;
  info: PackageInfo;
  target: ImportTarget;
  language: ImportLanguage;
}

/** Every file of the generated project. */
export function projectFiles(plan: ImportPlan, settings: ProjectSettings): ProjectFile[] {
  const { project, info, target, language } = settings;
  const files: ProjectFile[] = [
    // A YAML program is Pulumi.yaml itself.
    { name: "Pulumi.yaml", text: renderPulumiYaml(project, plan, target, language) },
    { name: "package.json", text: renderPackageJson(project, info, target, language) },
    ...dependencyFiles(language, project),
  ];
  if (language !== "yaml") {
    files.push({ name: PROGRAM_FILES[language], text: renderProgram(plan, target, language) });
  }
  const secrets = renderSecretsScript(plan);
  if (secrets !== undefined) {
    files.push({ name: SECRETS_FILE, text: secrets, mode: SECRETS_FILE_MODE });
  }
  return files;
}

/** The folder as the user should `cd` to it: relative to where they are when that is shorter. */
function shownFolder(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  if (relative === "") return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? target : relative;
}
