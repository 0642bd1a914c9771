// The CVM instance role in-process, against the emulator's metadata routes behind a recorder:
// the path asked (the role name encoded), the credential and expiry handed back, and each way
// the metadata service fails (no such role, an HTTP error, an incomplete or refused answer, not
// listening, too slow), naming the source.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CREDENTIALS_PATH,
  CredentialError,
  cvmRoleSource,
  DEFAULT_METADATA_ENDPOINT,
} from "../../src/api/credentials";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import { closedPort, startRecorder, type Recorder } from "./support";

const LABEL = "CVM instance role (config tencentcloud:camRoleName)";
const ROLE = "live runner/1";

async function credentialError(promise: Promise<unknown>): Promise<CredentialError> {
  const err = await promise.then(
    () => assert.fail("resolved"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CredentialError, String(err));
  return err;
}

describe("credentials/cvmRole (emulator metadata routes)", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let recorder: Recorder;

  before(async () => {
    emulator = await startEmulator({ sts: { cvmRoleName: ROLE } });
    recorder = await startRecorder(emulator.url);
  });
  after(async () => {
    await recorder.stop();
    await emulator.stop();
  });
  beforeEach(() => {
    emulator.configure({ stsLifetimeSeconds: 0 });
    recorder.seen.length = 0;
    recorder.answerWith(undefined);
  });

  const source = (role = ROLE, endpoint = recorder.url, timeoutMs = 5000) =>
    cvmRoleSource(role, LABEL, { endpoint: new URL(endpoint), timeoutMs });

  it("the documented endpoint and path", () => {
    assert.equal(DEFAULT_METADATA_ENDPOINT, "http://metadata.tencentyun.com");
    assert.equal(CREDENTIALS_PATH, "/latest/meta-data/cam/security-credentials/");
  });

  it("asks for the role's credentials (its name encoded) and hands them back with their expiry", async () => {
    const src = source();
    assert.equal(src.label, LABEL);
    const before = Date.now();
    const got = await src.fetch();
    assert.deepEqual(
      recorder.seen.map((r) => [r.method, r.path]),
      [["GET", "/latest/meta-data/cam/security-credentials/live%20runner%2F1"]],
    );
    assert.match(got.secretId, /^AKIDTMP/);
    assert.ok(got.secretKey && got.token);
    // The emulator's metadata credentials live 7200 s; ExpiredTime is whole seconds.
    assert.ok(
      got.expiresAtMs! >= Math.floor(before / 1000) * 1000 + 7_200_000 &&
        got.expiresAtMs! <= Date.now() + 7_200_000,
      String(got.expiresAtMs),
    );
    // Each fetch asks again (the refresh cache in front decides when).
    const again = await src.fetch();
    assert.notEqual(again.secretId, got.secretId);
    assert.equal(recorder.seen.length, 2);
  });

  it("the exact fields of the metadata answer, Code absent or Success", async () => {
    const answer = {
      TmpSecretId: "AKIDTMPcvm",
      TmpSecretKey: "k",
      Token: "t",
      ExpiredTime: 1_900_000_000,
    };
    for (const extra of [{}, { Code: "Success", Expiration: "2030-03-17T17:46:40Z" }]) {
      recorder.answerWith({ status: 200, body: JSON.stringify({ ...answer, ...extra }) });
      assert.deepEqual(await source().fetch(), {
        secretId: "AKIDTMPcvm",
        secretKey: "k",
        token: "t",
        expiresAtMs: 1_900_000_000_000,
      });
    }
  });

  it("a role the instance does not have: 404, naming the role", async () => {
    const err = await credentialError(source("not-bound").fetch());
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: the instance has no CAM role named "not-bound" (metadata answered 404).`,
    );
  });

  it("another HTTP error: its status", async () => {
    recorder.answerWith({ status: 500, body: "internal error", contentType: "text/plain" });
    const err = await credentialError(source().fetch());
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: the metadata service answered HTTP 500.`,
    );
  });

  it("an answer without complete credentials, not JSON, or with a Code other than Success", async () => {
    const full = {
      TmpSecretId: "AKIDTMPcvm",
      TmpSecretKey: "k",
      Token: "t",
      ExpiredTime: 1_900_000_000,
    };
    for (const body of [
      "not json",
      JSON.stringify({ ...full, TmpSecretId: "" }),
      JSON.stringify({ ...full, TmpSecretKey: "" }),
      JSON.stringify({ ...full, Token: "" }),
      JSON.stringify({ ...full, ExpiredTime: "1900000000" }),
      JSON.stringify({ ...full, Code: "Failed" }),
    ]) {
      recorder.answerWith({ status: 200, body });
      const err = await credentialError(source().fetch());
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: the metadata service gave no complete credentials.`,
        body,
      );
      assert.ok(!err.message.includes("AKIDTMPcvm"));
    }
  });

  it("nothing listening: the origin and the network error", async () => {
    const port = await closedPort();
    const err = await credentialError(source(ROLE, `http://127.0.0.1:${port}`).fetch());
    assert.match(
      err.message,
      new RegExp(
        `^Credentials from CVM instance role \\(config tencentcloud:camRoleName\\) are not available: ` +
          `the metadata service at http://127\\.0\\.0\\.1:${port} fetch failed\\.$`,
      ),
    );
  });

  it("a service that never answers: timed out, after the timeout and not much later", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const err = await credentialError(source(ROLE, `http://127.0.0.1:${port}`, 300).fetch());
      const took = Date.now() - started;
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: the metadata service at http://127.0.0.1:${port} timed out.`,
      );
      assert.ok(took >= 250 && took < 10_000, `took ${took} ms`);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
