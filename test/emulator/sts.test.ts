// The emulated STS, driven by the official SDK's STS client: AssumeRole signed, the unsigned
// AssumeRoleWithWebIdentity (Authorization: SKIP) with tokens of the test OIDC issuer really
// verified, GetCallerIdentity, the lifetime switch, and the metadata routes.
import assert from "node:assert/strict";
import * as http from "node:http";
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import { makeLiveClient } from "./helpers";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";

describe("emulator: STS and CVM metadata", () => {
  let emulator: EmulatorHandle;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.stop());

  const sts = (credential: { secretId: string; secretKey: string; token?: string }) =>
    new StsClient({
      credential,
      region: "ap-guangzhou",
      profile: {
        httpProfile: {
          endpoint: emulator.endpoint,
          protocol: "http://",
          agent: new http.Agent({ keepAlive: false }),
        },
      },
    });
  const token = async (audience: string, expiresInSeconds = 600) =>
    (
      (await (
        await fetch(`${emulator.url}/_emulator/oidc/token`, {
          method: "POST",
          body: JSON.stringify({ audience, expiresInSeconds }),
        })
      ).json()) as { token: string }
    ).token;
  const view = async () =>
    (await (await fetch(`${emulator.url}/_emulator/sts`)).json()) as Record<
      "liveCallsBy" | "refused",
      Record<string, number>
    >;
  const code = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: { code?: string }) => e.code,
    );

  it("AssumeRole issues a credential with the asked lifetime, which can sign the next AssumeRole and GetCallerIdentity", async () => {
    const before = Date.now();
    const a = await sts(emulator.credentials).AssumeRole({
      RoleArn: ROLE,
      RoleSessionName: "s1",
      DurationSeconds: 900,
    });
    assert.match(a.Credentials!.TmpSecretId!, /^AKIDTMP/);
    const life = a.ExpiredTime! * 1000 - before;
    assert.ok(life > 898_000 && life <= 900_000, String(life));
    const tmp = {
      secretId: a.Credentials!.TmpSecretId!,
      secretKey: a.Credentials!.TmpSecretKey!,
      token: a.Credentials!.Token!,
    };
    const who = await sts(tmp).GetCallerIdentity(null);
    assert.equal(who.AccountId, "100000000001");
    assert.equal(who.Arn, ROLE);
    assert.equal(await code(sts(tmp).AssumeRole({ RoleArn: ROLE, RoleSessionName: "s2" })), "ok");
    // Without its token the temporary key is refused.
    assert.equal(
      await code(sts({ ...tmp, token: undefined }).GetCallerIdentity(null)),
      "AuthFailure.TokenFailure",
    );
  });

  it("refuses a malformed or foreign role and an unsigned AssumeRole", async () => {
    const c = sts(emulator.credentials);
    assert.equal(
      await code(c.AssumeRole({ RoleArn: "deployer", RoleSessionName: "s1" })),
      "InvalidParameter.RoleArnError",
    );
    assert.equal(
      await code(c.AssumeRole({ RoleArn: "qcs::cam::uin/9:roleName/x", RoleSessionName: "s1" })),
      "ResourceNotFound.RoleNotExist",
    );
    assert.equal(
      await code(
        c.request("AssumeRole", { RoleArn: ROLE, RoleSessionName: "s1" }, { skipSign: true }),
      ),
      "AuthFailure.InvalidAuthorization",
    );
  });

  it("AssumeRoleWithWebIdentity goes unsigned and verifies the token's signature, audience and expiry", async () => {
    const c = sts({ secretId: "", secretKey: "" });
    const call = (t: string) =>
      code(
        c.request(
          "AssumeRoleWithWebIdentity",
          { ProviderId: "OIDC", WebIdentityToken: t, RoleArn: ROLE, RoleSessionName: "gh" },
          { skipSign: true },
        ),
      );
    const good = await token("sts.tencentcloudapi.com");
    assert.equal(await call(good), "ok");
    assert.equal(await call(await token("other")), "InvalidParameter.WebIdentityTokenError");
    assert.equal(
      await call(await token("sts.tencentcloudapi.com", -1)),
      "InvalidParameter.WebIdentityTokenError",
    );
    const [h, b, s] = good.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(b, "base64url").toString()), sub: "x" })).toString("base64url")}.${s}`;
    assert.equal(await call(forged), "InvalidParameter.WebIdentityTokenError");
  });

  it("Live actions accept an issued credential until it expires, then answer AuthFailure.TokenFailure", async () => {
    emulator.configure({ stsLifetimeSeconds: 1.5 });
    try {
      const a = await sts(emulator.credentials).AssumeRole({
        RoleArn: ROLE,
        RoleSessionName: "s9",
      });
      const live = makeLiveClient(emulator, {
        credentials: {
          secretId: a.Credentials!.TmpSecretId!,
          secretKey: a.Credentials!.TmpSecretKey!,
          token: a.Credentials!.Token!,
        },
      });
      const before = await view();
      assert.equal(await code(live.DescribeLiveCallbackRules(null)), "ok");
      await new Promise((r) => setTimeout(r, 2600));
      assert.equal(await code(live.DescribeLiveCallbackRules(null)), "AuthFailure.TokenFailure");
      // GET /_emulator/sts shows who signed the Live call and the refusal, by code.
      const after = await view();
      const delta = (a: Record<string, number>, b: Record<string, number>, k: string) =>
        (a[k] ?? 0) - (b[k] ?? 0);
      assert.equal(delta(after.liveCallsBy, before.liveCallsBy, "AssumeRole"), 1);
      assert.equal(delta(after.liveCallsBy, before.liveCallsBy, "static"), 0);
      assert.equal(delta(after.refused, before.refused, "AuthFailure.TokenFailure"), 1);
    } finally {
      emulator.configure({ stsLifetimeSeconds: 0 });
    }
  });

  it("serves the CVM role name and its credentials; another name is 404", async () => {
    const base = `${emulator.url}/latest/meta-data/cam/security-credentials/`;
    assert.equal(await (await fetch(base)).text(), "emulator-cvm-role");
    const c = (await (await fetch(`${base}emulator-cvm-role`)).json()) as Record<string, unknown>;
    assert.equal(c.Code, "Success");
    assert.match(String(c.TmpSecretId), /^AKIDTMP/);
    assert.equal((await fetch(`${base}other`)).status, 404);
  });
});
