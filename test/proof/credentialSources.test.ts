// Every credential source through Pulumi's dynamic-provider host (packed library, emulator, a
// recording proxy in front): static keys, the tccli profile, the CVM instance role, the TKE pod
// role, an assumed role and a web identity, each in its stack-config and its environment form.
// Each Live call carries the source's SecretId (a temporary one with its X-TC-Token); when two
// sources are set the documented one wins; a source that cannot give credentials fails before
// any write, naming the source and its key or variable; and, for every case, success or failure,
// no key, token or issued credential reaches the state, outputs, __provider, the host's output
// or the error.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { useHostProject } from "../support/hostProject";
import { startRecordingProxy, type RecordingProxy } from "../support/recordingProxy";
import { emptyHome, runSource, type SourceRun, type SourceSetup } from "../support/sourceRun";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const OTHER_ACCOUNT_ROLE = "qcs::cam::uin/200000000002:roleName/deployer";
const CVM_ROLE = "live-runner";
const TKE_PROVIDER = "tke-cluster";
const AUDIENCE = "sts.tencentcloudapi.com";
/** Keys of a profile that must lose to another source: the emulator refuses them. */
/** A session token pasted with static keys (temporary keys from elsewhere). */
const SESSION_TOKEN = "pasted-session-token-of-temporary-keys";
const LOSING_KEYS = { secretId: "AKIDLOSINGPROFILE000001", secretKey: "losing-profile-secret-key" };

/** Which credential must sign the Live calls. */
type Signer = "static" | "AssumeRole" | "AssumeRoleWithWebIdentity" | "CvmMetadata";

interface SuccessCase {
  name: string;
  /** The case's setup, given the run's folders and a fresh OIDC token. */
  setup: (ctx: Ctx) => SourceSetup;
  signer: Signer;
  /** The X-TC-Token static keys come with, if any. */
  staticToken?: string;
  /** Checks on the STS and metadata calls, beyond the signer. */
  also?: (run: SourceRun, ctx: Ctx) => void;
}

interface FailureCase {
  name: string;
  setup: (ctx: Ctx) => SourceSetup;
  /** What the error must say: the source and its key or variable (and code, if any). */
  message: RegExp;
}

/** What each case can use. */
interface Ctx {
  home: string;
  /** A folder with `default.credential` (the emulator's keys) and `losing.credential`. */
  profiles: string;
  /** A raw-JWT token file (TKE's form) and a JSON one (Terraform's). */
  rawTokenFile: string;
  jsonTokenFile: string;
  token: string;
  proxyUrl: string;
  keys: { secretId: string; secretKey: string };
}

const tke = (ctx: Ctx, extra: Record<string, string> = {}) => ({
  TKE_REGION: "ap-guangzhou",
  TKE_PROVIDER_ID: TKE_PROVIDER,
  TKE_WEB_IDENTITY_TOKEN_FILE: ctx.rawTokenFile,
  TKE_ROLE_ARN: ROLE,
  ...extra,
});

const SUCCESS: SuccessCase[] = [
  {
    name: "static keys, stack config (secret)",
    setup: (c) => ({
      config: {
        "tencentcloud:secretId": c.keys.secretId,
        "tencentcloud:secretKey": c.keys.secretKey,
      },
      secretKeys: ["tencentcloud:secretKey"],
    }),
    signer: "static",
  },
  {
    name: "static keys, TENCENTCLOUD_SECRET_ID / _SECRET_KEY",
    setup: (c) => ({
      env: { TENCENTCLOUD_SECRET_ID: c.keys.secretId, TENCENTCLOUD_SECRET_KEY: c.keys.secretKey },
    }),
    signer: "static",
  },
  {
    name: "static keys with a session token, stack config securityToken (secret)",
    setup: (c) => ({
      config: {
        "tencentcloud:secretId": c.keys.secretId,
        "tencentcloud:secretKey": c.keys.secretKey,
        "tencentcloud:securityToken": SESSION_TOKEN,
      },
      secretKeys: ["tencentcloud:secretKey", "tencentcloud:securityToken"],
    }),
    signer: "static",
    staticToken: SESSION_TOKEN,
  },
  {
    // The SDK's DefaultCredentialProvider reads TENCENTCLOUD_SESSION_TOKEN instead.
    name: "static keys with a session token, TENCENTCLOUD_SECURITY_TOKEN",
    setup: (c) => ({
      env: {
        TENCENTCLOUD_SECRET_ID: c.keys.secretId,
        TENCENTCLOUD_SECRET_KEY: c.keys.secretKey,
        TENCENTCLOUD_SECURITY_TOKEN: SESSION_TOKEN,
      },
    }),
    signer: "static",
    staticToken: SESSION_TOKEN,
  },
  {
    name: "tccli profile, stack config profile + sharedCredentialsDir",
    setup: (c) => ({
      config: {
        "tencentcloud:profile": "default",
        "tencentcloud:sharedCredentialsDir": c.profiles,
      },
    }),
    signer: "static",
  },
  {
    name: "tccli profile, TENCENTCLOUD_PROFILE / _SHARED_CREDENTIALS_DIR",
    setup: (c) => ({
      env: { TENCENTCLOUD_PROFILE: "default", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: c.profiles },
    }),
    signer: "static",
  },
  {
    name: "CVM instance role, stack config camRoleName + metadataEndpoint",
    setup: (c) => ({
      config: {
        "tencentcloud:camRoleName": CVM_ROLE,
        "tencentcloud-live:metadataEndpoint": c.proxyUrl,
      },
    }),
    signer: "CvmMetadata",
    also: (run) =>
      assert.deepEqual(
        [...new Set(run.metadataCalls.map((r) => r.path))],
        [`/latest/meta-data/cam/security-credentials/${CVM_ROLE}`],
      ),
  },
  {
    name: "CVM instance role, TENCENTCLOUD_CAM_ROLE_NAME + TENCENTCLOUD_METADATA_ENDPOINT",
    setup: (c) => ({
      env: { TENCENTCLOUD_CAM_ROLE_NAME: CVM_ROLE, TENCENTCLOUD_METADATA_ENDPOINT: c.proxyUrl },
    }),
    signer: "CvmMetadata",
  },
  {
    name: "TKE pod role, enablePodOidc + the TKE_* variables (raw JWT file)",
    setup: (c) => ({ config: { "tencentcloud:enablePodOidc": "true" }, env: tke(c) }),
    signer: "AssumeRoleWithWebIdentity",
    also: (run) =>
      assert.ok(
        run.stsCalls.every((r) => r.secretId === ""),
        "STS call was signed",
      ),
  },
  {
    name: "assumed role, TENCENTCLOUD_ASSUME_ROLE_ARN over static keys from the environment",
    setup: (c) => ({
      env: {
        TENCENTCLOUD_SECRET_ID: c.keys.secretId,
        TENCENTCLOUD_SECRET_KEY: c.keys.secretKey,
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
      },
    }),
    signer: "AssumeRole",
    // The role is assumed with the static keys: the chain's order.
    also: (run, c) =>
      assert.deepEqual([...new Set(run.stsCalls.map((r) => r.secretId))], [c.keys.secretId]),
  },
  {
    name: "web identity, TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN + _ARN + _PROVIDER_ID",
    setup: (c) => ({
      env: {
        TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: c.token,
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: TKE_PROVIDER,
      },
    }),
    signer: "AssumeRoleWithWebIdentity",
  },
  {
    name: "web identity, stack config with the token inline (secret)",
    setup: (c) => ({
      config: {
        "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify({
          providerId: TKE_PROVIDER,
          roleArn: ROLE,
          webIdentityToken: c.token,
        }),
      },
      secretKeys: ["tencentcloud:assumeRoleWithWebIdentity"],
    }),
    signer: "AssumeRoleWithWebIdentity",
  },
];

/** Two sources at once: the README's order says which signs. */
const PRECEDENCE: SuccessCase[] = [
  {
    name: "static keys and a named profile → static keys (a profile only without static keys)",
    setup: (c) => ({
      config: {
        "tencentcloud:secretId": c.keys.secretId,
        "tencentcloud:secretKey": c.keys.secretKey,
        "tencentcloud:profile": "losing",
        "tencentcloud:sharedCredentialsDir": c.profiles,
      },
    }),
    signer: "static",
  },
  {
    name: "stack config and environment static keys → the stack config's",
    setup: (c) => ({
      config: {
        "tencentcloud:secretId": c.keys.secretId,
        "tencentcloud:secretKey": c.keys.secretKey,
      },
      env: {
        TENCENTCLOUD_SECRET_ID: LOSING_KEYS.secretId,
        TENCENTCLOUD_SECRET_KEY: LOSING_KEYS.secretKey,
      },
    }),
    signer: "static",
  },
  {
    name: "a profile and camRoleName → the CVM role",
    setup: (c) => ({
      config: {
        "tencentcloud:profile": "losing",
        "tencentcloud:sharedCredentialsDir": c.profiles,
        "tencentcloud:camRoleName": CVM_ROLE,
        "tencentcloud-live:metadataEndpoint": c.proxyUrl,
      },
    }),
    signer: "CvmMetadata",
  },
  {
    name: "static keys and camRoleName → the CVM role",
    setup: (c) => ({
      env: {
        TENCENTCLOUD_SECRET_ID: LOSING_KEYS.secretId,
        TENCENTCLOUD_SECRET_KEY: LOSING_KEYS.secretKey,
        TENCENTCLOUD_CAM_ROLE_NAME: CVM_ROLE,
        TENCENTCLOUD_METADATA_ENDPOINT: c.proxyUrl,
      },
    }),
    signer: "CvmMetadata",
  },
  {
    name: "camRoleName and enablePodOidc → the pod role (the metadata service is not asked)",
    setup: (c) => ({
      config: {
        "tencentcloud:camRoleName": CVM_ROLE,
        "tencentcloud-live:metadataEndpoint": c.proxyUrl,
        "tencentcloud:enablePodOidc": "true",
      },
      env: tke(c),
    }),
    signer: "AssumeRoleWithWebIdentity",
    also: (run) => assert.deepEqual(run.metadataCalls, []),
  },
  {
    name: "static keys and a web-identity token in the environment → the web identity (TENCENTCLOUD_ASSUME_ROLE_ARN is its role, no AssumeRole)",
    setup: (c) => ({
      env: {
        TENCENTCLOUD_SECRET_ID: c.keys.secretId,
        TENCENTCLOUD_SECRET_KEY: c.keys.secretKey,
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: c.jsonTokenFile,
        TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: TKE_PROVIDER,
      },
    }),
    signer: "AssumeRoleWithWebIdentity",
    // One exchange per deployment (up, destroy), none of them AssumeRole.
    also: (run) =>
      assert.deepEqual(
        run.stsCalls.map((r) => r.action),
        ["AssumeRoleWithWebIdentity", "AssumeRoleWithWebIdentity"],
      ),
  },
];

const FAILURE: FailureCase[] = [
  {
    name: "static keys: a SecretId without its SecretKey",
    setup: (c) => ({ config: { "tencentcloud:secretId": c.keys.secretId } }),
    message: /credentials are missing \(secretKey\)[\s\S]*TENCENTCLOUD_SECRET_KEY/,
  },
  {
    name: "tccli profile: a profile that does not exist",
    setup: (c) => ({
      env: { TENCENTCLOUD_PROFILE: "nope", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: c.profiles },
    }),
    message:
      /tccli profile "nope" \(env TENCENTCLOUD_PROFILE and env TENCENTCLOUD_SHARED_CREDENTIALS_DIR: .*nope\.credential\)[\s\S]*ENOENT/,
  },
  {
    name: "tccli profile: a file without its secretKey",
    setup: (c) => ({
      config: { "tencentcloud:profile": "broken", "tencentcloud:sharedCredentialsDir": c.profiles },
    }),
    message:
      /tccli profile "broken" \(config tencentcloud:profile and config tencentcloud:sharedCredentialsDir[\s\S]*lacks a usable secretKey/,
  },
  {
    name: "CVM instance role: the metadata service answers HTTP 500",
    setup: (c) => ({
      config: {
        "tencentcloud:camRoleName": CVM_ROLE,
        "tencentcloud-live:metadataEndpoint": c.proxyUrl,
      },
      metadataStatus: 500,
    }),
    message: /CVM instance role \(config tencentcloud:camRoleName\)[\s\S]*HTTP 500/,
  },
  {
    name: "CVM instance role: a role the instance does not have",
    setup: (c) => ({
      env: { TENCENTCLOUD_CAM_ROLE_NAME: "not-bound", TENCENTCLOUD_METADATA_ENDPOINT: c.proxyUrl },
    }),
    message:
      /CVM instance role \(env TENCENTCLOUD_CAM_ROLE_NAME\)[\s\S]*no CAM role named "not-bound"/,
  },
  {
    name: "TKE pod role: TKE_ROLE_ARN missing",
    setup: (c) => ({
      config: { "tencentcloud:enablePodOidc": "true" },
      env: tke(c, { TKE_ROLE_ARN: "" }),
    }),
    message: /TKE pod OIDC \(config tencentcloud:enablePodOidc\)[\s\S]*TKE_ROLE_ARN not set/,
  },
  {
    name: "TKE pod role: STS refuses the token (provider without that audience)",
    setup: (c) => ({
      config: { "tencentcloud:enablePodOidc": "true" },
      env: tke(c, { TKE_PROVIDER_ID: "OIDC-other" }),
    }),
    message: /TKE pod OIDC \(config tencentcloud:enablePodOidc\)[\s\S]*InvalidParameter/,
  },
  {
    name: "assumed role: STS refuses a role of another account",
    setup: (c) => ({
      config: {
        "tencentcloud:secretId": c.keys.secretId,
        "tencentcloud:secretKey": c.keys.secretKey,
      },
      secretKeys: ["tencentcloud:secretKey"],
      env: { TENCENTCLOUD_ASSUME_ROLE_ARN: OTHER_ACCOUNT_ROLE },
    }),
    message: /env TENCENTCLOUD_ASSUME_ROLE_ARN[\s\S]*ResourceNotFound\.RoleNotExist/,
  },
  {
    name: "web identity: STS refuses an expired token from the token file",
    setup: (c) => ({
      config: {
        "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify({
          providerId: TKE_PROVIDER,
          roleArn: ROLE,
          webIdentityTokenFile: path.join(c.profiles, "expired-token.json"),
        }),
      },
    }),
    message:
      /web identity \(config tencentcloud:assumeRoleWithWebIdentity\.webIdentityTokenFile\)[\s\S]*InvalidParameter\.WebIdentityTokenError/,
  },
];

describe("every credential source through Pulumi's dynamic-provider host (packed library, emulator)", function () {
  // Each case starts two host processes; generous for a loaded 2-core machine.
  this.timeout(120_000);
  const suite = useHostProject({
    emulator: {
      sts: {
        cvmRoleName: CVM_ROLE,
        oidcProviders: {
          [TKE_PROVIDER]: { audiences: [AUDIENCE] },
          "OIDC-other": { audiences: ["another-audience"] },
        },
      },
    },
  });
  let proxy: RecordingProxy;
  let dir = "";
  let ctx: Ctx;
  /** Every web-identity token the cases were given: none may leak either. */
  const tokens: string[] = [];

  const oidcToken = async (expiresInSeconds: number) => {
    const res = await fetch(`${suite.live().emulator.url}/_emulator/oidc/token`, {
      method: "POST",
      body: JSON.stringify({
        audience: AUDIENCE,
        expiresInSeconds,
        subject: "system:serviceaccount:deploy:pulumi",
      }),
    });
    const { token } = (await res.json()) as { token: string };
    tokens.push(token);
    return token;
  };

  before(async () => {
    const live = suite.live();
    proxy = await startRecordingProxy(live.emulator.url);
    dir = await mkdtemp(path.join(tmpdir(), "live-creds-sources-"));
    const profiles = path.join(dir, "tccli");
    await mkdir(profiles);
    const keys = { ...live.emulator.credentials };
    await writeFile(path.join(profiles, "default.credential"), JSON.stringify(keys));
    await writeFile(path.join(profiles, "losing.credential"), JSON.stringify(LOSING_KEYS));
    await writeFile(
      path.join(profiles, "broken.credential"),
      JSON.stringify({ secretId: keys.secretId }),
    );
    const token = await oidcToken(3600);
    await writeFile(
      path.join(profiles, "expired-token.json"),
      JSON.stringify({ web_identity_token: await oidcToken(-60) }),
    );
    const rawTokenFile = path.join(dir, "token");
    const jsonTokenFile = path.join(dir, "token.json");
    await writeFile(rawTokenFile, token);
    await writeFile(jsonTokenFile, JSON.stringify({ web_identity_token: token }));
    ctx = {
      home: await emptyHome(),
      profiles,
      rawTokenFile,
      jsonTokenFile,
      token,
      proxyUrl: proxy.url,
      keys,
    };
  });
  after(async () => {
    await proxy?.stop();
    if (ctx) await rm(ctx.home, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * Asserts that no secret of any source (the static and profile keys, every OIDC token, every
   * credential the emulator issued) is in any of `run`'s leak targets.
   */
  function assertNoSecret(run: SourceRun) {
    const secrets: [string, string][] = [
      ["the static SecretKey", ctx.keys.secretKey],
      ["the losing profile's SecretKey", LOSING_KEYS.secretKey],
      ["the pasted session token", SESSION_TOKEN],
      ...tokens.map((t, i): [string, string] => [`web identity token #${i + 1}`, t]),
      ...suite
        .live()
        .emulator.issuedCredentials()
        .flatMap((c): [string, string][] => [
          [`a temporary SecretId (${c.issuedBy})`, c.secretId],
          [`a temporary SecretKey (${c.issuedBy})`, c.secretKey],
          [`a token (${c.issuedBy})`, c.token],
        ]),
    ];
    for (const [where, text] of run.leakTargets) {
      for (const [what, value] of secrets) {
        assert.ok(!text.includes(value), `${where} holds ${what}`);
      }
    }
  }

  /** Asserts every Live call was signed by `signer`'s credential, a temporary one with its token. */
  function assertSignedBy(run: SourceRun, signer: Signer, staticToken = "") {
    assert.equal(run.error, undefined, run.error?.message);
    const actions = run.liveCalls.map((r) => r.action);
    assert.ok(actions.includes("CreateLiveCallbackTemplate"), actions.join());
    assert.ok(actions.includes("DeleteLiveCallbackTemplate"), actions.join());
    if (signer === "static") {
      for (const r of run.liveCalls) {
        assert.equal(r.secretId, ctx.keys.secretId, `${r.action} signed with another SecretId`);
        assert.equal(r.token, staticToken, `${r.action}: not the static keys' X-TC-Token`);
      }
      return;
    }
    const issued = new Map(
      suite
        .live()
        .emulator.issuedCredentials()
        .map((c) => [c.secretId, c]),
    );
    for (const r of run.liveCalls) {
      const c = issued.get(r.secretId);
      assert.ok(c, `${r.action} signed with ${r.secretId}, not an issued credential`);
      assert.equal(c.issuedBy, signer, `${r.action} signed with a credential of ${c.issuedBy}`);
      assert.equal(r.token, c.token, `${r.action} without its credential's X-TC-Token`);
    }
  }

  describe("each source signs the Live calls with its credential", () => {
    for (const c of SUCCESS) {
      it(c.name, async () => {
        const run = await runSource(suite, proxy, ctx.home, "src", c.setup(ctx));
        assertSignedBy(run, c.signer, c.staticToken);
        c.also?.(run, ctx);
        assertNoSecret(run);
      });
    }
  });

  describe("two sources at once: the documented one wins", () => {
    for (const c of PRECEDENCE) {
      it(c.name, async () => {
        const run = await runSource(suite, proxy, ctx.home, "prec", c.setup(ctx));
        assertSignedBy(run, c.signer, c.staticToken);
        c.also?.(run, ctx);
        assertNoSecret(run);
      });
    }
  });

  describe("a source that cannot give credentials fails before any write, naming itself", () => {
    for (const c of FAILURE) {
      it(c.name, async () => {
        const run = await runSource(suite, proxy, ctx.home, "fail", c.setup(ctx));
        assert.ok(run.error, "the up succeeded");
        assert.match(run.error.message, c.message);
        assert.deepEqual(
          run.liveCalls.map((r) => r.action),
          [],
          "a Live call was made",
        );
        const snapshot = await suite.live().state();
        assert.equal(snapshot.templates.length, 0);
        assertNoSecret(run);
      });
    }
  });

  it("keys the API refuses: the error names the source that gave them (a profile), not static keys, and nothing is written", async () => {
    const run = await runSource(suite, proxy, ctx.home, "refused", {
      env: { TENCENTCLOUD_PROFILE: "losing", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: ctx.profiles },
    });
    assert.ok(run.error, "the up succeeded");
    assert.match(
      run.error.message,
      /\[AuthFailure\.SecretIdNotFound\][\s\S]*Check the credentials from tccli profile "losing" \(env TENCENTCLOUD_PROFILE/,
    );
    assert.doesNotMatch(run.error.message, /Check tencentcloud:secretId/);
    assert.ok(
      run.liveCalls.every((r) => r.action.startsWith("Describe")),
      "a write was sent",
    );
    assert.ok(run.liveCalls.every((r) => r.secretId === LOSING_KEYS.secretId));
    assert.equal((await suite.live().state()).templates.length, 0);
    assertNoSecret(run);
  });
});
