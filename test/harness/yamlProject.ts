/**
 * A Pulumi YAML project using the provider plugin, as a user of another language has it: the
 * packed library installed in a consumer project, and a `Pulumi.yaml` (runtime `yaml`) whose
 * `packages:` entry points at the installed package's `plugin/` folder. Run by the real CLI
 * with `pulumi-language-yaml` beside it (`npm run pulumi:bin` places it there).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { LocalLive } from "./emulator";
import { pulumiOk, type PulumiCli } from "./pulumiCli";

/** The installed package's plugin folder, relative to a project folder inside the consumer. */
export const INSTALLED_PLUGIN = "../node_modules/pulumi-tencentcloud-live-callbacks/plugin";

/**
 * Writes `<consumerDir>/<name>/Pulumi.yaml`: project `name`, runtime yaml, the plugin as a
 * package, and `body` (the `config:`, `resources:` and `outputs:` sections) after it.
 * Returns the project folder.
 */
export function writeYamlProject(consumerDir: string, name: string, body: string): Promise<string> {
  return writePluginProject(consumerDir, name, "yaml", body);
}

/**
 * Writes `<consumerDir>/<name>/Pulumi.yaml` of a project in `runtime` (`yaml`, `python`, `go`)
 * whose `packages:` entry points at the installed plugin folder, with `body` after it. Returns
 * the project folder.
 */
export async function writePluginProject(
  consumerDir: string,
  name: string,
  runtime: string,
  body: string,
): Promise<string> {
  const dir = path.join(consumerDir, name);
  await mkdir(dir, { recursive: true });
  if (!existsSync(path.join(dir, INSTALLED_PLUGIN, "pulumi-resource-tencentcloud-live"))) {
    throw new Error(`the installed package has no plugin folder at ${INSTALLED_PLUGIN}`);
  }
  const header = [
    `name: ${name}`,
    `runtime: ${runtime}`,
    "packages:",
    `  tencentcloud-live: ${INSTALLED_PLUGIN}`,
    "",
  ].join("\n");
  await writeFile(path.join(dir, "Pulumi.yaml"), header + body);
  return dir;
}

/**
 * `pulumi stack init`, then the emulator's credentials and endpoint as the plugin's own stack
 * config (`tencentcloud-live:*`: the engine hands a provider only its own namespace), the
 * secret key with `--secret`.
 */
export async function initPluginStack(
  cli: PulumiCli,
  dir: string,
  stack: string,
  live: LocalLive,
): Promise<void> {
  const { secretId, secretKey } = live.emulator.credentials;
  await pulumiOk(cli, ["stack", "init", stack, "--non-interactive"], dir);
  await pulumiOk(
    cli,
    ["config", "set", "--plaintext", "tencentcloud-live:secretId", secretId, "-s", stack],
    dir,
  );
  await pulumiOk(
    cli,
    ["config", "set", "--secret", "tencentcloud-live:secretKey", "-s", stack],
    dir,
    {
      input: secretKey,
    },
  );
  await pulumiOk(
    cli,
    ["config", "set", "tencentcloud-live:endpoint", live.emulator.url, "-s", stack],
    dir,
  );
}
