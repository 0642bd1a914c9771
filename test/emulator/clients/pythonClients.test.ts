// tencentcloud-sdk-python and tccli against the emulator, each through the whole round. They are
// installed by scripts/ci/python-clients.sh into a venv outside the work tree.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, type EmulatorHandle } from "../../../src/emulator";
import { useTestEmulator } from "../helpers";
import { PYTHON_VENV, childEnv, driverResult, requireInstalled, run } from "./external";
import { runRound, type ClientCall, type ClientResult } from "./round";

const PYTHON = join(PYTHON_VENV, "bin", "python");
const TCCLI = join(PYTHON_VENV, "bin", "tccli");
const CALL_PY = resolve(__dirname, "python", "call.py");
const INSTALLER = "scripts/ci/python-clients.sh";

function pythonSdk(emulator: EmulatorHandle, signMethod: string, reqMethod: string): ClientCall {
  const env = childEnv({
    EMULATOR_ENDPOINT: emulator.endpoint,
    EMULATOR_SCHEME: "http",
    SIGN_METHOD: signMethod,
    REQ_METHOD: reqMethod,
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
  });
  return async (action, params) =>
    driverResult(await run(PYTHON, [CALL_PY, action, JSON.stringify(params)], env));
}

/**
 * tccli, which only speaks https and trusts only certifi's bundle (it passes that bundle to
 * requests, so REQUESTS_CA_BUNDLE is not read): it is run by its own entry point with certifi
 * pointed at a bundle holding the emulator's certificate, as a user does by adding the
 * certificate to `python -m certifi`'s file.
 */
function tccli(emulator: EmulatorHandle, dir: string, bundle: string): ClientCall {
  const launcher =
    "import sys, certifi; bundle = sys.argv.pop(1); certifi.where = lambda: bundle; " +
    "from tccli.main import main; sys.argv[0] = 'tccli'; sys.exit(main())";
  const env = childEnv({ HOME: dir });
  let n = 0;
  return async (action, params) => {
    const input = join(dir, `input-${(n += 1)}.json`);
    await writeFile(input, JSON.stringify(params));
    const out = await run(
      PYTHON,
      [
        "-c",
        launcher,
        bundle,
        "live",
        action,
        "--cli-input-json",
        `file://${input}`,
        "--endpoint",
        emulator.endpoint,
        "--secretId",
        emulator.credentials.secretId,
        "--secretKey",
        emulator.credentials.secretKey,
        "--region",
        "ap-guangzhou",
      ],
      env,
    );
    return tccliResult(out);
  };
}

/** tccli prints the Response as JSON, or `[TencentCloudSDKException] code:X message:Y requestId:Z`. */
function tccliResult(out: { code: number; stdout: string; stderr: string }): ClientResult {
  const text = `${out.stdout}${out.stderr}`;
  const error = /\[TencentCloudSDKException\] code:(\S+) message:(.*?) requestId:(\S+)/s.exec(text);
  if (error) return { error: { code: error[1], message: error[2], requestId: error[3] } };
  assert.equal(out.code, 0, text);
  return { response: JSON.parse(out.stdout) as Record<string, unknown> };
}

describe("emulator clients: tencentcloud-sdk-python and tccli run the whole round", function () {
  this.timeout(180_000);
  const t = useTestEmulator();

  it("tencentcloud-sdk-python, TC3 over a JSON POST (its default)", async function () {
    requireInstalled(this, PYTHON, INSTALLER);
    await runRound(t.emulator, pythonSdk(t.emulator, "TC3-HMAC-SHA256", "POST"));
  });

  it("tencentcloud-sdk-python, signature v1 HmacSHA256 over GET", async function () {
    requireInstalled(this, PYTHON, INSTALLER);
    await runRound(t.emulator, pythonSdk(t.emulator, "HmacSHA256", "GET"));
  });

  it("tccli over https, trusting the emulator's self-signed certificate", async function () {
    requireInstalled(this, TCCLI, INSTALLER);
    const emulator = await startEmulator({ tls: true });
    const dir = await mkdtemp(join(tmpdir(), "tccli-home-"));
    try {
      assert.match(emulator.url, /^https:\/\//);
      const certifi = await run(
        PYTHON,
        ["-c", "import certifi; print(certifi.where())"],
        childEnv({}),
      );
      const bundle = join(dir, "bundle.pem");
      await writeFile(
        bundle,
        Buffer.concat([
          await readFile(certifi.stdout.trim()),
          Buffer.from("\n"),
          await readFile(emulator.certFile!),
        ]),
      );
      await runRound(emulator, tccli(emulator, dir, bundle));
    } finally {
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
