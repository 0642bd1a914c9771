/**
 * `tencentcloud-live-callbacks import`: read the account, plan the declarations, render the
 * program and its project, and write them (or print the program). The target folder is checked
 * before the account is read, and nothing is written unless every read succeeded.
 */
import * as path from "node:path";
import type { ImportOptions } from "../args";
import type { CliIo } from "../io";
import { readPackageInfo, type PackageInfo } from "../packageInfo";
import { readAccount } from "./account";
import { planImport, type ImportPlan } from "./plan";
import { renderProgram } from "./render/program";
import {
  projectNameFor,
  renderPackageJson,
  renderPulumiYaml,
  renderTsconfig,
} from "./render/project";
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
  const program = renderProgram(plan, options.target);
  const summary = {
    read: { templates: account.templates.length, rules: account.rules.length },
    endpoint: account.endpoint,
  };
  if (target === undefined) {
    io.stdout(program);
    io.stderr(renderSummary(plan, summary));
    return;
  }
  const project = options.project ?? projectNameFor(path.basename(target));
  const files = projectFiles(plan, program, project, info);
  await writeProject(target, files, { force: options.force });
  io.stdout(
    renderSummary(plan, {
      ...summary,
      folder: shownFolder(io.cwd, target),
      files: files.map((f) => f.name),
    }),
  );
}

/** Every file of the generated project. */
export function projectFiles(
  plan: ImportPlan,
  program: string,
  project: string,
  info: PackageInfo,
): ProjectFile[] {
  const files: ProjectFile[] = [
    { name: "Pulumi.yaml", text: renderPulumiYaml(project, plan) },
    { name: "package.json", text: renderPackageJson(project, info) },
    { name: "tsconfig.json", text: renderTsconfig() },
    { name: "index.ts", text: program },
  ];
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
