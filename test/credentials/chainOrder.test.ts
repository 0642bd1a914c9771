// buildCredentialChain in-process, with the emulator behind a recorder as STS and metadata
// service: each source's label, what a role assumption is signed with, the region STS is sent
// (ap-guangzhou when none is set), a role with nothing to sign it, the profile's own role with
// its session, and the missing-credentials message with its TKE hint.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  buildCredentialChain,
  MISSING_CREDENTIALS,
  readCredentialInputs,
  staticSource,
} from "../../src/api/credentials";
import { SettingsError } from "../../src/api/configSource";
import { oidcToken, signerOf, useRecordedEmulator } from "./support";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";

describe("credentials/chain: labels, signers and regions (emulator)", function () {
  this.timeout(30_000);
  let dir: string;

  const local = useRecordedEmulator();
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "chain-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const configOf = (values: Record<string, unknown>) => ({
    get: (k: string) => {
      const v = values[k];
      return v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);
    },
  });
  const chain = (
    config: Record<string, unknown>,
    env: NodeJS.ProcessEnv = {},
    options: { region?: string; withKeys?: boolean; now?: () => number } = {},
  ) =>
    buildCredentialChain({
      inputs: readCredentialInputs(
        configOf(config),
        { HOME: dir, ...env },
        options.withKeys
          ? { ...local.emulator.credentials, origin: "config tencentcloud:secretId" }
          : undefined,
      ),
      env: { HOME: dir, ...env },
      sts: {
        endpoint: new URL(local.recorder.url),
        region: options.region ?? "",
        timeoutSeconds: 5,
      },
      metadataEndpoint: new URL(local.recorder.url),
      metadataTimeoutMs: 5000,
      now: options.now,
    });

  it("static keys: their label, the keys and token handed out as given", async () => {
    const p = chain({}, {}, { withKeys: true });
    assert.equal(p.label, "static keys (config tencentcloud:secretId)");
    assert.deepEqual(await p.getCredential(), {
      secretId: local.emulator.credentials.secretId,
      secretKey: local.emulator.credentials.secretKey,
      token: undefined,
    });
    const withToken = staticSource({ secretId: "AKIDs", secretKey: "k", token: "t" }, "pasted");
    assert.equal(withToken.label, "pasted");
    assert.deepEqual(await withToken.fetch(), { secretId: "AKIDs", secretKey: "k", token: "t" });
  });

  it("assumeRole: labelled with the role, its key and the signer; signed with the static keys; region as set", async () => {
    const p = chain(
      { "tencentcloud:assumeRole": { roleArn: ROLE } },
      {},
      { withKeys: true, region: "ap-nanjing" },
    );
    assert.equal(
      p.label,
      `assumed role ${ROLE} (config tencentcloud:assumeRole.roleArn), signed with static keys (config tencentcloud:secretId)`,
    );
    assert.match((await p.getCredential()).secretId, /^AKIDTMP/);
    const [req] = local.recorder.seen;
    assert.equal(req.headers["x-tc-action"], "AssumeRole");
    assert.equal(signerOf(req), local.emulator.credentials.secretId);
    assert.equal(req.headers["x-tc-region"], "ap-nanjing");
  });

  it("credentialRefreshSeconds is a margin in seconds: an assumed role is renewed that long before it expires, not sooner", async () => {
    let t = Date.now();
    const p = chain(
      {
        "tencentcloud:assumeRole": { roleArn: ROLE },
        "tencentcloud-live:credentialRefreshSeconds": "60",
      },
      {},
      { withKeys: true, now: () => t },
    );
    const assumed = () => local.recorder.bodies("AssumeRole").length;
    const first = await p.getCredential();
    const expiresAtMs = first.expiresAtMs!;
    t = expiresAtMs - 61_000; // a second before the margin: kept
    assert.equal((await p.getCredential()).secretId, first.secretId);
    assert.equal(assumed(), 1);
    t = expiresAtMs - 59_000; // inside the 60 s margin: renewed
    await p.getCredential();
    assert.equal(assumed(), 2);
  });

  it("a role assumed with nothing to sign it with is refused when the chain is built", () => {
    assert.throws(
      () => chain({ "tencentcloud:assumeRole": { roleArn: ROLE } }),
      (e: Error) =>
        e instanceof SettingsError &&
        e.message ===
          "config tencentcloud:assumeRole.roleArn assumes a role, which needs credentials to sign with: " +
            "set static keys, a profile or tencentcloud:camRoleName as well.",
    );
  });

  it("a profile's role-arn is assumed with the profile's keys, its session name or the default", async () => {
    for (const [extra, session] of [
      [{ "role-session-name": "from-profile" }, "from-profile"],
      [{}, "pulumi-tencentcloud-live"],
    ] as const) {
      local.recorder.seen.length = 0;
      await writeFile(
        path.join(dir, "ci.credential"),
        JSON.stringify({ ...local.emulator.credentials, "role-arn": ROLE, ...extra }),
      );
      const p = chain({ "tencentcloud:profile": "ci", "tencentcloud:sharedCredentialsDir": dir });
      assert.equal(
        p.label,
        `assumed role ${ROLE} (role-arn of the tccli profile "ci"), signed with tccli profile "ci" ` +
          `(config tencentcloud:profile and config tencentcloud:sharedCredentialsDir: ${path.join(dir, "ci.credential")})`,
      );
      await p.getCredential();
      assert.deepEqual(local.recorder.bodies("AssumeRole"), [
        { RoleArn: ROLE, RoleSessionName: session, DurationSeconds: 7200 },
      ]);
      assert.equal(signerOf(local.recorder.seen[0]), local.emulator.credentials.secretId);
    }
  });

  it("the CVM role: its label, and an assumed role signed with it", async () => {
    const cvm = chain({ "tencentcloud:camRoleName": "emulator-cvm-role" }, {}, { withKeys: true });
    assert.equal(cvm.label, "CVM instance role (config tencentcloud:camRoleName)");
    const chained = chain({
      "tencentcloud:camRoleName": "emulator-cvm-role",
      "tencentcloud:assumeRole": { roleArn: ROLE },
    });
    const got = await chained.getCredential();
    assert.deepEqual(
      local.recorder.seen.map((r) => r.path.startsWith("/latest/") || r.headers["x-tc-action"]),
      [true, "AssumeRole"],
    );
    assert.match(signerOf(local.recorder.seen[1]), /^AKIDTMP/);
    assert.notEqual(signerOf(local.recorder.seen[1]), got.secretId);
  });

  it("web identity: its label; STS is sent ap-guangzhou when no region is set, the region when one is", async () => {
    const token = await oidcToken(local.emulator.url, "sts.tencentcloudapi.com");
    const config = {
      "tencentcloud:assumeRoleWithWebIdentity": { roleArn: ROLE, webIdentityToken: token },
    };
    const p = chain(config, {}, { withKeys: true });
    assert.equal(
      p.label,
      "web identity (config tencentcloud:assumeRoleWithWebIdentity.webIdentityToken)",
    );
    await p.getCredential();
    await chain(config, {}, { region: "ap-hongkong" }).getCredential();
    assert.deepEqual(
      local.recorder.seen.map((r) => [r.headers["x-tc-action"], r.headers["x-tc-region"]]),
      [
        ["AssumeRoleWithWebIdentity", "ap-guangzhou"],
        ["AssumeRoleWithWebIdentity", "ap-hongkong"],
      ],
    );
  });

  it("pod OIDC: its label, replacing every other source", async () => {
    const file = path.join(dir, "tke-token");
    await writeFile(file, await oidcToken(local.emulator.url, "sts.tencentcloudapi.com"));
    const p = chain(
      {
        "tencentcloud:enablePodOidc": "true",
        "tencentcloud:camRoleName": "emulator-cvm-role",
      },
      {
        TKE_REGION: "ap-shanghai",
        TKE_PROVIDER_ID: "OIDC",
        TKE_WEB_IDENTITY_TOKEN_FILE: file,
        TKE_ROLE_ARN: ROLE,
      },
      { withKeys: true },
    );
    assert.equal(p.label, "TKE pod OIDC (config tencentcloud:enablePodOidc)");
    await p.getCredential();
    assert.deepEqual(
      local.recorder.seen.map((r) => [r.headers["x-tc-action"], r.headers["x-tc-region"]]),
      [["AssumeRoleWithWebIdentity", "ap-shanghai"]],
    );
  });

  it("the account check asks GetCallerIdentity in ap-guangzhou when no region is set", async () => {
    const p = chain({ "tencentcloud:allowedAccountIds": "100000000001" }, {}, { withKeys: true });
    await p.getCredential();
    assert.deepEqual(
      local.recorder.seen.map((r) => [r.headers["x-tc-action"], r.headers["x-tc-region"]]),
      [["GetCallerIdentity", "ap-guangzhou"]],
    );
  });

  it("no source: the missing-credentials message, with the TKE hint in the singular or plural", () => {
    const message = (env: NodeJS.ProcessEnv) => {
      try {
        chain({}, env);
      } catch (e) {
        assert.ok(e instanceof SettingsError, String(e));
        return e.message;
      }
      return assert.fail("built");
    };
    assert.equal(
      MISSING_CREDENTIALS,
      "Tencent Cloud credentials are missing (secretId and secretKey). Set them in the stack config " +
        "(pulumi config set --secret tencentcloud:secretId <id>; pulumi config set --secret tencentcloud:secretKey <key>) " +
        "or in the environment (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY), or name another " +
        "source: tencentcloud:profile, tencentcloud:camRoleName, tencentcloud:assumeRoleWithWebIdentity, " +
        "tencentcloud:enablePodOidc (see the credentials table of docs/configuration.md).",
    );
    assert.equal(message({}), MISSING_CREDENTIALS);
    assert.equal(message({ TKE_REGION: "   " }), MISSING_CREDENTIALS);
    assert.equal(
      message({ TKE_REGION: "ap-guangzhou" }),
      `${MISSING_CREDENTIALS} TKE_REGION is set: to use the TKE pod's role, pulumi config set tencentcloud:enablePodOidc true.`,
    );
    assert.equal(
      message({ TKE_PROVIDER_ID: "p", TKE_ROLE_ARN: ROLE }),
      `${MISSING_CREDENTIALS} TKE_PROVIDER_ID, TKE_ROLE_ARN are set: to use the TKE pod's role, pulumi config set tencentcloud:enablePodOidc true.`,
    );
  });
});
