import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import https from "node:https";
import { startEmulator } from "../../src/emulator";
import { errorCode, httpRequest, useTestEmulator } from "./helpers";
import { v1Call } from "./signers";

describe("emulator: what the new request forms leave unchanged", () => {
  const t = useTestEmulator();

  it("listens on loopback over plain http by default", () => {
    assert.equal(t.emulator.host, "127.0.0.1");
    assert.match(t.emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(t.emulator.certFile, undefined);
  });

  it("refuses a non-loopback host without allowNonLoopback, with or without tls", async () => {
    for (const tls of [false, true]) {
      await assert.rejects(startEmulator({ host: "0.0.0.0", tls }), /non-loopback/);
    }
  });

  it("checks signatures on every request form: nothing unsigned or wrongly signed runs", async () => {
    const unsigned = [
      ["GET", "/?Action=DescribeLiveCallbackRules&Version=2018-08-01&SecretId=AKIDLOCALEMULATOR"],
      ["POST", "/", "Action=DescribeLiveCallbackRules&Version=2018-08-01"],
    ] as const;
    for (const [method, path, body] of unsigned) {
      const answer = await httpRequest(t.emulator, method, path, body, {
        "Content-Type": "application/x-www-form-urlencoded",
      });
      assert.equal(errorCode(answer), "AuthFailure.InvalidAuthorization", `${method} ${path}`);
    }
    for (const method of ["GET", "POST"] as const) {
      const forged = await v1Call(t.emulator, {
        action: "CreateLiveCallbackTemplate",
        method,
        params: { TemplateName: "forged", StreamBeginNotifyUrl: "https://a.example.com/" },
        signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      });
      assert.equal(errorCode(forged), "AuthFailure.SignatureFailure");
    }
    assert.deepEqual(t.emulator.state().calls, {});
    assert.deepEqual(t.emulator.state().templates, []);
  });

  it("serves https with tls, trusted through its certificate file, and removes it at stop", async () => {
    const emulator = await startEmulator({ tls: true });
    const certFile = emulator.certFile!;
    try {
      assert.match(emulator.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(existsSync(certFile));
      const ca = readFileSync(certFile);
      const get = (options: https.RequestOptions) =>
        new Promise<number>((resolve, reject) => {
          https
            .get(`${emulator.url}/_emulator/state`, { ...options, agent: false }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            })
            .on("error", reject);
        });
      assert.equal(await get({ ca }), 200);
      await assert.rejects(get({}), /self-signed|certificate/);
    } finally {
      await emulator.stop();
    }
    assert.equal(existsSync(certFile), false);
  });
});
