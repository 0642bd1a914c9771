/**
 * The first API call of a fresh provider process, made in a child process: which modules it
 * loaded (to prove that only the SDK's live service is), and how long after the process started
 * the answer arrived.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";
import type { EmulatorAddress } from "../../test/support/providerRun";

/** Options of {@link firstCallInFreshProcess}. */
export interface ColdStartOptions {
  /** `dist`: the compiled package, as a provider process loads it; `src`: TypeScript via tsx. */
  source: "dist" | "src";
  /** `client`: one listing through `createLiveClient`; `provider`: one diff through the provider module. */
  via: "client" | "provider";
  /** Load the whole SDK (`require("tencentcloud-sdk-nodejs")`) before the call, as a baseline. */
  wholeSdk?: boolean;
}

/** What the child reported. */
export interface ColdStartResult {
  /** Milliseconds from the child's start (its `performance` time origin) to the answer. */
  ms: number;
  /** `require.cache` keys after the call: every CommonJS module the process loaded. */
  modules: string[];
}

/** True when the compiled package exists (`npm run build` has run). */
export function hasDist(): boolean {
  return existsSync(join(REPO_ROOT, "dist", "api", "index.js"));
}

// Plain CommonJS run with `node -e`. It exits as soon as it has written its report, because the
// client's keep-alive socket would otherwise keep it alive until the server times it out.
function childScript(options: ColdStartOptions): string {
  const ext = options.source === "dist" ? "js" : "ts";
  const entry = (dir: string) => JSON.stringify(`./${options.source}/${dir}/index.${ext}`);
  const call =
    options.via === "client"
      ? `const api = require(${entry("api")});
         await api.createLiveClient(api.resolveSettings(undefined, process.env)).describeLiveCallbackTemplates();`
      : `const provider = require(${entry("provider")});
         const news = { templateName: "cold", streamBeginNotifyUrl: "https://hooks.example.com/b" };
         await provider.template.diff("1000", { ...news, templateId: 1000 }, news);`;
  return `(async () => {
    ${options.wholeSdk ? 'require("tencentcloud-sdk-nodejs");' : ""}
    ${call}
    const report = { ms: performance.now(), modules: Object.keys(require.cache) };
    process.stdout.write("\\n" + JSON.stringify(report) + "\\n", () => process.exit(0));
  })().catch((e) => { console.error(e); process.exit(1); });`;
}

/**
 * Runs one first API call against `emulator` in a fresh `node` process (with tsx for `src`) and
 * returns its report. Asynchronous on purpose: the emulator answering the child lives in this
 * process, so blocking here would deadlock.
 */
export function firstCallInFreshProcess(
  emulator: EmulatorAddress,
  options: ColdStartOptions,
): Promise<ColdStartResult> {
  const args = options.source === "src" ? ["--require", "tsx/cjs"] : [];
  const env = {
    ...process.env,
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
    TENCENTCLOUD_LIVE_ENDPOINT: emulator.url,
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...args, "-e", childScript(options)], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) {
        reject(new Error(`cold-start child exited with ${code}: ${stderr || stdout}`));
        return;
      }
      resolvePromise(JSON.parse(last) as ColdStartResult);
    });
  });
}

/** Names of the SDK services among `modules` (`live`, `cvm`, ...), sorted and unique. */
export function sdkServicesLoaded(modules: readonly string[]): string[] {
  const names = new Set<string>();
  for (const m of modules) {
    const match = /tencentcloud-sdk-nodejs[\\/]tencentcloud[\\/]services[\\/]([^\\/]+)[\\/]/.exec(
      m,
    );
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

/** True when `modules` holds the whole-SDK entry point (`tencentcloud/index.js`). */
export function wholeSdkEntryLoaded(modules: readonly string[]): boolean {
  return modules.some((m) => /tencentcloud-sdk-nodejs[\\/]tencentcloud[\\/]index\.js$/.test(m));
}
