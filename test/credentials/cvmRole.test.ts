// The CVM instance role in-process, against the emulator's metadata routes behind a recorder:
// the path asked (the role name encoded), the credential and expiry handed back, and each way
// the metadata service fails (no such role, an HTTP error, an incomplete or refused answer, not
// listening, too slow), naming the source.
import assert from "node:assert/strict";
import {
  CREDENTIALS_PATH,
  cvmRoleSource,
  DEFAULT_METADATA_ENDPOINT,
} from "../../src/api/credentials";
import { closedPort, credentialError, startSilentServer, useRecordedEmulator } from "./support";

const LABEL = "CVM instance role (config tencentcloud:camRoleName)";
const ROLE = "live runner/1";
/** A complete metadata answer, for the tests that answer in the emulator's place. */
const COMPLETE = {
  TmpSecretId: "AKIDTMPcvm",
  TmpSecretKey: "k",
  Token: "t",
  ExpiredTime: 1_900_000_000,
};

describe("credentials/cvmRole (emulator metadata routes)", function () {
  this.timeout(30_000);

  const local = useRecordedEmulator({ sts: { cvmRoleName: ROLE } });

  const source = (role = ROLE, endpoint = local.recorder.url, timeoutMs = 5000) =>
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
      local.recorder.seen.map((r) => [r.method, r.path]),
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
    assert.equal(local.recorder.seen.length, 2);
  });

  it("the exact fields of the metadata answer, Code absent or Success", async () => {
    for (const extra of [{}, { Code: "Success", Expiration: "2030-03-17T17:46:40Z" }]) {
      local.recorder.answerWith({ status: 200, body: JSON.stringify({ ...COMPLETE, ...extra }) });
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
    local.recorder.answerWith({ status: 500, body: "internal error", contentType: "text/plain" });
    const err = await credentialError(source().fetch());
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: the metadata service answered HTTP 500.`,
    );
  });

  it("an answer without complete credentials, not JSON, or with a Code other than Success", async () => {
    for (const body of [
      "not json",
      JSON.stringify({ ...COMPLETE, TmpSecretId: "" }),
      JSON.stringify({ ...COMPLETE, TmpSecretKey: "" }),
      JSON.stringify({ ...COMPLETE, Token: "" }),
      JSON.stringify({ ...COMPLETE, ExpiredTime: "1900000000" }),
      JSON.stringify({ ...COMPLETE, Code: "Failed" }),
    ]) {
      local.recorder.answerWith({ status: 200, body });
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
    const silent = await startSilentServer();
    const { port } = silent;
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
      silent.stop();
    }
  });
});
