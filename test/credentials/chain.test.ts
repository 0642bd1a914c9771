// Every source against the emulator (which serves STS, CVM metadata and a test OIDC issuer on
// its one port), the chain's precedence, the account lists, bad input, and the one renewal and
// retry on AuthFailure.TokenFailure. What reached the emulator is read from its admin routes.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createLiveClient } from "../../src/api/client";
import { LiveApiError } from "../../src/api/errors";
import { CredentialError, readCredentialInputs } from "../../src/api/credentials";
import { resolveSettings, SettingsError } from "../../src/api/settings";
import { createRateLimiter } from "../../src/api/rateLimiter";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";
import { explain } from "../../src/provider/errors";
import { makeLiveClient } from "../emulator/helpers";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const OTHER_ROLE = "qcs::cam::uin/100000000001:roleName/second";

interface StsView {
  calls: Record<string, number>;
  issued: Record<string, number>;
}

describe("credentials: each source, the chain and its precedence (emulator)", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let dir: string;

  before(async () => {
    emulator = await startEmulator({
      sts: {
        oidcProviders: {
          OIDC: { audiences: ["sts.tencentcloudapi.com"] },
          gh: { audiences: ["ci"] },
        },
      },
    });
    dir = await mkdtemp(path.join(tmpdir(), "creds-"));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.configure({ stsLifetimeSeconds: 0 }));

  const sts = async (): Promise<StsView> =>
    (await (await fetch(`${emulator.url}/_emulator/sts`)).json()) as StsView;
  const token = async (audience: string, expiresInSeconds = 600): Promise<string> => {
    const res = await fetch(`${emulator.url}/_emulator/oidc/token`, {
      method: "POST",
      body: JSON.stringify({ audience, expiresInSeconds, subject: "repo:org/app" }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const keys = () => ({
    "tencentcloud:secretId": emulator.credentials.secretId,
    "tencentcloud:secretKey": emulator.credentials.secretKey,
  });
  const configOf = (values: Record<string, string>) => ({ get: (k: string) => values[k] });
  /** A Live client for config + env, with the emulator as Live, STS and metadata endpoint. */
  const clientFor = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
    const settings = resolveSettings(
      configOf({ "tencentcloud-live:endpoint": emulator.url, ...values }),
      { HOME: dir, TENCENTCLOUD_METADATA_ENDPOINT: emulator.url, ...env },
    );
    const client = createLiveClient(settings, {
      rateLimiter: createRateLimiter(),
      sharedReads: false,
    });
    return { settings, client };
  };
  /** Issued counts gained while `fn` ran. */
  async function issuedDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = (await sts()).issued;
    await fn();
    const after = (await sts()).issued;
    const gained: Record<string, number> = {};
    for (const [k, v] of Object.entries(after))
      if (v !== (before[k] ?? 0)) gained[k] = v - (before[k] ?? 0);
    return gained;
  }

  it("static keys: the Live call is signed with them, nothing is issued", async () => {
    const { client, settings } = clientFor(keys());
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {});
    assert.match(
      settings.credentialProvider!.label,
      /static keys \(config tencentcloud:secretId\)/,
    );
  });

  it("assumeRole (--path keys as the engine passes them, JSON) is signed with the static keys", async () => {
    const { client, settings } = clientFor({
      ...keys(),
      "tencentcloud:assumeRole": JSON.stringify({
        roleArn: ROLE,
        sessionName: "ci-run",
        sessionDuration: 900,
      }),
    });
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRole: 1,
    });
    const used = await settings.credentialProvider!.getCredential();
    assert.match(used.secretId, /^AKIDTMP/);
    assert.ok(used.token);
  });

  it("numbers and booleans in a --path object (the CLI stores `--path …externalId 123456` as a number) are read as text", async () => {
    // What `pulumi config set --path` writes for values that look like numbers or booleans.
    const stored = JSON.stringify({ roleArn: ROLE, sessionName: 2024, externalId: 123456 });
    const inputs = readCredentialInputs(configOf({ "tencentcloud:assumeRole": stored }), {});
    assert.equal(inputs.assumeRole?.externalId, "123456");
    assert.equal(inputs.assumeRole?.sessionName, "2024");
    const web = JSON.stringify({ roleArn: ROLE, providerId: 7, webIdentityToken: "a.b.c" });
    const webInputs = readCredentialInputs(
      configOf({ "tencentcloud:assumeRoleWithWebIdentity": web }),
      {},
    );
    assert.equal(webInputs.webIdentity?.providerId, "7");
    const { client } = clientFor({ ...keys(), "tencentcloud:assumeRole": stored });
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRole: 1,
    });
    // An object or a list is still refused, naming the key.
    assert.throws(
      () =>
        readCredentialInputs(
          configOf({ "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE, policy: {} }) }),
          {},
        ),
      (e: Error) => e instanceof SettingsError && /tencentcloud:assumeRole\.policy/.test(e.message),
    );
  });

  it("the environment's role assumption works without any stack config", async () => {
    const { client } = clientFor(
      {},
      {
        TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
      },
    );
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackRules()), {
      AssumeRole: 1,
    });
  });

  it("web identity from a JSON token file and a JSON role-ARN file (Terraform's forms)", async () => {
    const tokenFile = path.join(dir, "token.json");
    const roleFile = path.join(dir, "role.json");
    await writeFile(
      tokenFile,
      JSON.stringify({ web_identity_token: await token("sts.tencentcloudapi.com") }),
    );
    await writeFile(roleFile, JSON.stringify({ role_arn: ROLE }));
    const { client } = clientFor({
      "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify({
        webIdentityTokenFile: tokenFile,
        roleArnFile: roleFile,
      }),
    });
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRoleWithWebIdentity: 1,
    });
  });

  it("web identity from the environment, with a named provider", async () => {
    const { client } = clientFor(
      {},
      {
        TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: await token("ci"),
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: "gh",
      },
    );
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRoleWithWebIdentity: 1,
    });
  });

  it("a wrong-audience or expired token fails naming the source and the STS code, never the token, and sends no Live call", async () => {
    for (const t of [await token("someone-else"), await token("sts.tencentcloudapi.com", -60)]) {
      const before = emulator.state().calls;
      const { client } = clientFor(
        {},
        { TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: t, TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE },
      );
      const err = await client.createLiveCallbackTemplate({ TemplateName: "never" }).then(
        () => assert.fail("created"),
        (e: Error) => e,
      );
      assert.ok(err instanceof CredentialError, String(err));
      assert.match(err.message, /web identity \(env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN\)/);
      assert.match(err.message, /InvalidParameter\.WebIdentityTokenError/);
      assert.ok(
        !err.message.includes(t) && !err.message.includes(t.split(".")[2]),
        "token in message",
      );
      assert.deepEqual(emulator.state().calls, before, "a Live call was sent");
    }
  });

  it("an STS refusal keeps its error code and RequestId on the error (the SDK's credential classes drop the code)", async () => {
    const cases: [Record<string, string>, NodeJS.ProcessEnv, string][] = [
      [
        {},
        {
          TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: await token("someone-else"),
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        },
        "InvalidParameter.WebIdentityTokenError",
      ],
      [
        {
          ...keys(),
          "tencentcloud:assumeRole": JSON.stringify({
            roleArn: "qcs::cam::uin/200000000002:roleName/deployer",
          }),
        },
        {},
        "ResourceNotFound.RoleNotExist",
      ],
    ];
    for (const [config, env, code] of cases) {
      const { client } = clientFor(config, env);
      const err = await client.describeLiveCallbackTemplates().then(
        () => assert.fail("described"),
        (e: Error) => e,
      );
      assert.ok(err instanceof CredentialError, String(err));
      assert.equal(err.code, code);
      assert.match(err.requestId, /^[0-9a-f-]{36}$/);
      assert.ok(err.message.includes(`[${code}]`) && err.message.includes(err.requestId));
    }
  });

  it("bad input: a malformed role ARN, a missing or non-JSON token file", async () => {
    assert.throws(
      () =>
        clientFor({
          ...keys(),
          "tencentcloud:assumeRole": JSON.stringify({ roleArn: "deployer" }),
        }),
      (e: Error) =>
        e instanceof SettingsError &&
        /config tencentcloud:assumeRole\.roleArn must be a role ARN like qcs::cam::uin\/.*got "deployer"/.test(
          e.message,
        ),
    );
    const notJson = path.join(dir, "bad-token");
    await writeFile(notJson, "this is not a token");
    for (const [file, why] of [
      [path.join(dir, "missing"), /cannot read the web identity token file .*missing: ENOENT/],
      [notJson, /is neither JSON \{"web_identity_token": "..."\} nor a raw JWT/],
    ] as const) {
      const { client } = clientFor(
        {},
        {
          TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: file,
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        },
      );
      await assert.rejects(client.describeLiveCallbackTemplates(), (e: Error) => {
        assert.match(
          e.message,
          /web identity \(env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE\)/,
        );
        assert.match(e.message, why);
        return true;
      });
    }
  });

  it("CVM instance role from the metadata service; an unbound role name fails naming camRoleName", async () => {
    const { client } = clientFor({ "tencentcloud:camRoleName": "emulator-cvm-role" });
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      CvmMetadata: 1,
    });
    const bad = clientFor({ "tencentcloud:camRoleName": "nope" }).client;
    await assert.rejects(
      bad.describeLiveCallbackTemplates(),
      /CVM instance role \(config tencentcloud:camRoleName\).*no CAM role named "nope" \(metadata answered 404\)/,
    );
  });

  it("the metadata request times out instead of hanging", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    try {
      const { client } = clientFor(
        { "tencentcloud:camRoleName": "r", "tencentcloud-live:requestTimeoutSeconds": "0.3" },
        { TENCENTCLOUD_METADATA_ENDPOINT: `http://127.0.0.1:${port}` },
      );
      await assert.rejects(
        client.describeLiveCallbackTemplates(),
        /metadata service at .* timed out/,
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("a tccli profile, and its role-arn assumed with the profile's keys", async () => {
    const profiles = path.join(dir, "tccli");
    await rm(profiles, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(profiles));
    await writeFile(
      path.join(profiles, "ci.credential"),
      JSON.stringify({
        ...emulator.credentials,
        "role-arn": ROLE,
        "role-session-name": "from-profile",
      }),
    );
    const { client, settings } = clientFor({
      "tencentcloud:profile": "ci",
      "tencentcloud:sharedCredentialsDir": profiles,
    });
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRole: 1,
    });
    assert.match(
      settings.credentialProvider!.label,
      /role-arn of the tccli profile "ci".*signed with tccli profile "ci"/,
    );
    assert.throws(
      () =>
        clientFor({
          "tencentcloud:profile": "absent",
          "tencentcloud:sharedCredentialsDir": profiles,
        }),
      /tccli profile "absent" \(config tencentcloud:profile and config tencentcloud:sharedCredentialsDir.*ENOENT/,
    );
  });

  it("keys the API refuses: the error records the source that signed, and the provider's hint names it instead of static keys", async () => {
    const profiles = path.join(dir, "refused");
    await rm(profiles, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(profiles));
    await writeFile(
      path.join(profiles, "old.credential"),
      JSON.stringify({ secretId: "AKIDREVOKED0000000001", secretKey: "revoked-secret-key" }),
    );
    const { client } = clientFor({
      "tencentcloud:profile": "old",
      "tencentcloud:sharedCredentialsDir": profiles,
    });
    const err = await client.describeLiveCallbackTemplates().then(
      () => assert.fail("described"),
      (e: LiveApiError) => e,
    );
    assert.ok(err instanceof LiveApiError, String(err));
    assert.equal(err.code, "AuthFailure.SecretIdNotFound");
    assert.match(err.signedWith, /^tccli profile "old" \(config tencentcloud:profile/);
    const shown = explain('Creating CallbackTemplate "x"', err).message;
    assert.match(
      shown,
      /Check the credentials from tccli profile "old" .* and the machine's clock\.$/,
    );
    assert.ok(!shown.includes("revoked-secret-key"));
    // Static keys in a hand-made settings object keep the generic hint.
    assert.match(
      explain(
        "x",
        new LiveApiError({
          action: "DescribeLiveCallbackTemplates",
          code: "AuthFailure.SignatureFailure",
          message: "m",
        }),
      ).message,
      /Check tencentcloud:secretId \/ tencentcloud:secretKey/,
    );
  });

  it("TKE pod OIDC from the TKE_* variables, the raw JWT re-read from its file", async () => {
    const file = path.join(dir, "tke-token");
    await writeFile(file, await token("sts.tencentcloudapi.com"));
    const env = {
      TKE_REGION: "ap-guangzhou",
      TKE_PROVIDER_ID: "OIDC",
      TKE_WEB_IDENTITY_TOKEN_FILE: file,
      TKE_ROLE_ARN: ROLE,
    };
    const { client } = clientFor({ "tencentcloud:enablePodOidc": "true" }, env);
    assert.deepEqual(await issuedDuring(() => client.describeLiveCallbackTemplates()), {
      AssumeRoleWithWebIdentity: 1,
    });
    assert.throws(
      () => clientFor({ "tencentcloud:enablePodOidc": "true" }, { ...env, TKE_ROLE_ARN: "" }),
      /TKE pod OIDC \(config tencentcloud:enablePodOidc\).*TKE_ROLE_ARN not set/,
    );
  });

  it("TKE_* variables without enablePodOidc: the missing-credentials error names them and the switch, never their values", () => {
    const env = { TKE_ROLE_ARN: ROLE, TKE_WEB_IDENTITY_TOKEN_FILE: path.join(dir, "tke-token") };
    const err = (() => {
      try {
        clientFor({}, env);
      } catch (e) {
        return e as Error;
      }
      return assert.fail("built a client without credentials");
    })();
    assert.match(
      err.message,
      /credentials are missing[\s\S]*TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN are set: to use the TKE pod's role, pulumi config set tencentcloud:enablePodOidc true\./,
    );
    assert.ok(!err.message.includes(ROLE) && !err.message.includes(dir), err.message);
    // Without them, no such hint.
    assert.throws(
      () => clientFor({}, {}),
      (e: Error) => !e.message.includes("TKE_"),
    );
  });

  it("precedence: the CVM role replaces static keys, an assumed role is signed with the CVM role, web identity and pod OIDC replace all", async () => {
    const cvm = clientFor({ ...keys(), "tencentcloud:camRoleName": "emulator-cvm-role" });
    assert.match(cvm.settings.credentialProvider!.label, /^CVM instance role/);
    const chained = clientFor({
      ...keys(),
      "tencentcloud:camRoleName": "emulator-cvm-role",
      "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE }),
    });
    assert.deepEqual(await issuedDuring(() => chained.client.describeLiveCallbackTemplates()), {
      CvmMetadata: 1,
      AssumeRole: 1,
    });
    const web = clientFor({
      ...keys(),
      "tencentcloud:assumeRole": JSON.stringify({ roleArn: OTHER_ROLE }),
      "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify({
        roleArn: ROLE,
        webIdentityToken: await token("sts.tencentcloudapi.com"),
      }),
    });
    assert.match(web.settings.credentialProvider!.label, /^web identity/);
    assert.deepEqual(await issuedDuring(() => web.client.describeLiveCallbackTemplates()), {
      AssumeRoleWithWebIdentity: 1,
    });
  });

  it("allowedAccountIds / forbiddenAccountIds are checked with GetCallerIdentity before any call", async () => {
    const allowed = clientFor({ ...keys(), "tencentcloud:allowedAccountIds": '["100000000001"]' });
    await allowed.client.describeLiveCallbackTemplates();
    for (const [key, value, why] of [
      [
        "tencentcloud:allowedAccountIds",
        '["200000000002"]',
        /account 100000000001 is not in tencentcloud:allowedAccountIds/,
      ],
      [
        "tencentcloud:forbiddenAccountIds",
        "100000000001",
        /account 100000000001 is listed in tencentcloud:forbiddenAccountIds/,
      ],
    ] as const) {
      const before = emulator.state().calls;
      const { client } = clientFor({ ...keys(), [key]: value });
      await assert.rejects(client.createLiveCallbackTemplate({ TemplateName: "never" }), why);
      assert.deepEqual(emulator.state().calls, before, "a Live call was sent");
    }
  });

  it("AuthFailure.TokenFailure: one renewal and one retry, and the call succeeds", async () => {
    const { client } = clientFor({
      ...keys(),
      "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE }),
    });
    await client.describeLiveCallbackRules();
    emulator.injectFaults([
      {
        action: "DescribeLiveCallbackRules",
        error: { code: "AuthFailure.TokenFailure" },
        times: 1,
      },
    ]);
    const gained = await issuedDuring(() => client.describeLiveCallbackRules());
    assert.deepEqual(gained, { AssumeRole: 1 });
    assert.equal(client.stats().tokenRenewals, 1);
    // A second refusal in a row is not retried again.
    emulator.injectFaults([
      {
        action: "DescribeLiveCallbackRules",
        error: { code: "AuthFailure.TokenFailure" },
        times: 1,
      },
      {
        action: "DescribeLiveCallbackRules",
        error: { code: "AuthFailure.TokenFailure" },
        times: 1,
      },
    ]);
    await assert.rejects(client.describeLiveCallbackRules(), /AuthFailure\.TokenFailure/);
  });

  it("an expired issued credential is refused by the Live actions with AuthFailure.TokenFailure", async () => {
    emulator.configure({ stsLifetimeSeconds: 1 });
    const { client, settings } = clientFor({
      ...keys(),
      "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE }),
    });
    await client.describeLiveCallbackRules();
    const old = await settings.credentialProvider!.getCredential();
    await new Promise((r) => setTimeout(r, 2100));
    const sdk = makeLiveClient(emulator, {
      credentials: old as { secretId: string; secretKey: string; token: string },
    });
    await assert.rejects(
      sdk.DescribeLiveCallbackRules(null),
      (e: { code?: string }) => e.code === "AuthFailure.TokenFailure",
    );
  });
});
