// tencentcloud-sdk-go (its common client, the module the Go module proxy serves) against the
// emulator through the whole round: TC3 over a JSON POST (its default) and signature v1 HmacSHA1
// over a form POST. The program in go/ is built once into a cache folder keyed by its go.sum.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { EmulatorHandle } from "../../../src/emulator";
import { useTestEmulator } from "../helpers";
import { childEnv, driverResult, run } from "./external";
import { runRound, type ClientCall } from "./round";

const SOURCE = resolve(__dirname, "go");
const CACHE = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
  "pulumi-tencentcloud-live-callbacks",
  "go-client",
);

/** Which `go` to use: PATH, or the usual install folder. */
function goCommand(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").concat("/usr/local/go/bin")) {
    if (dir && existsSync(join(dir, "go"))) return join(dir, "go");
  }
  return undefined;
}

/** Builds the client (if this source has not been built yet) and returns its path. */
async function buildClient(go: string): Promise<string> {
  const hash = createHash("sha256")
    .update(readFileSync(join(SOURCE, "go.sum")))
    .update(readFileSync(join(SOURCE, "main.go")))
    .digest("hex")
    .slice(0, 16);
  const binary = join(CACHE, `go-client-${hash}`);
  if (existsSync(binary)) return binary;
  const out = await run(go, ["build", "-o", binary, "."], childEnv({}), SOURCE);
  if (out.code !== 0) throw new Error(`go build failed: ${out.stderr}`);
  return binary;
}

function goSdk(binary: string, emulator: EmulatorHandle, signMethod: string): ClientCall {
  const env = childEnv({
    EMULATOR_ENDPOINT: emulator.endpoint,
    EMULATOR_SCHEME: "HTTP",
    SIGN_METHOD: signMethod,
    REQ_METHOD: "POST",
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
  });
  return async (action, params) =>
    driverResult(await run(binary, [action, JSON.stringify(params)], env));
}

describe("emulator clients: tencentcloud-sdk-go runs the whole round", function () {
  // The first build downloads the module and compiles it: about a minute on a busy machine.
  this.timeout(300_000);
  const t = useTestEmulator();
  let binary: string;

  before(async function () {
    const go = goCommand();
    if (!go) {
      if (process.env.CI) throw new Error("CI must run every client test: go is not installed");
      this.skip();
    }
    binary = await buildClient(go);
  });

  it("TC3 over a JSON POST (its default)", async () => {
    await runRound(t.emulator, goSdk(binary, t.emulator, "TC3-HMAC-SHA256"));
  });

  it("signature v1 HmacSHA1 over a form POST", async () => {
    await runRound(t.emulator, goSdk(binary, t.emulator, "HmacSHA1"));
  });
});
