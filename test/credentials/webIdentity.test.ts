// AssumeRoleWithWebIdentity and the TKE pod role in-process, against the emulator's STS and OIDC
// issuer behind a recorder: the token and role files (each form, each way they are unusable),
// the token re-read at every fetch, the unsigned request and its parameters, and the TKE_*
// variables (missing, blank, malformed, trimmed), never showing a token.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  CredentialError,
  podOidcSource,
  readRoleArnFile,
  readTokenFile,
  webIdentitySource,
} from "../../src/api/credentials";
import { credentialError, oidcToken, signerOf, useRecordedEmulator } from "./support";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const LABEL = "web identity (env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE)";
const AUDIENCE = "sts.tencentcloudapi.com";

describe("credentials/webIdentity and podOidc (emulator)", function () {
  this.timeout(30_000);
  let dir: string;
  let n = 0;
  const file = async (content: string): Promise<string> => {
    const f = path.join(dir, `f${n++}`);
    await writeFile(f, content);
    return f;
  };

  const local = useRecordedEmulator({
    sts: { oidcProviders: { OIDC: { audiences: [AUDIENCE] }, tke: { audiences: [AUDIENCE] } } },
  });
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "webid-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const transport = { endpoint: new URL("http://x"), region: "ap-beijing", timeoutSeconds: 5 };
  const sts = () => ({ ...transport, endpoint: new URL(local.recorder.url) });

  describe("readTokenFile", () => {
    it("a raw JWT (TKE's form), trimmed", async () => {
      assert.equal(await readTokenFile(await file("  aa.bb.cc\n"), LABEL), "aa.bb.cc");
      assert.equal(await readTokenFile(await file("a-_1.b-_2."), LABEL), "a-_1.b-_2.");
    });
    it("Terraform's JSON form, the token trimmed", async () => {
      const f = await file(JSON.stringify({ web_identity_token: " tok en \n" }));
      assert.equal(await readTokenFile(f, LABEL), "tok en");
      // A JWT inside the JSON is the token, not the whole text.
      const jwt = await file(JSON.stringify({ web_identity_token: "aa.bb.cc" }));
      assert.equal(await readTokenFile(jwt, LABEL), "aa.bb.cc");
    });
    it("a missing file: the label, the path and the error code", async () => {
      const f = path.join(dir, "absent");
      const err = await credentialError(readTokenFile(f, LABEL));
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: cannot read the web identity token file ${f}: ENOENT`,
      );
    });
    it("neither JSON nor a JWT (a JWT with text before or after it is not one)", async () => {
      for (const content of ["secret-looking text", "Bearer aa.bb.cc", "aa.bb.cc trailing"]) {
        const f = await file(content);
        const err = await credentialError(readTokenFile(f, LABEL));
        assert.equal(
          err.message,
          `Credentials from ${LABEL} are not available: ${f} is neither JSON {"web_identity_token": "..."} nor a raw JWT.`,
          content,
        );
        assert.ok(!err.message.includes(content));
      }
    });
    it("JSON without a usable web_identity_token string (absent, blank, not a string, null)", async () => {
      for (const content of [
        "{}",
        '{"web_identity_token": "  "}',
        '{"web_identity_token": 5}',
        "null",
      ]) {
        const f = await file(content);
        const err = await credentialError(readTokenFile(f, LABEL));
        assert.equal(
          err.message,
          `Credentials from ${LABEL} are not available: ${f} has no "web_identity_token" string.`,
          content,
        );
      }
    });
  });

  describe("readRoleArnFile", () => {
    it("Terraform's JSON form, the ARN trimmed", async () => {
      const f = await file(JSON.stringify({ role_arn: ` ${ROLE} ` }));
      assert.equal(await readRoleArnFile(f, LABEL), ROLE);
    });
    it("a missing file, non-JSON, and JSON without a role ARN each name the file", async () => {
      const absent = path.join(dir, "no-role");
      assert.equal(
        (await credentialError(readRoleArnFile(absent, LABEL))).message,
        `Credentials from ${LABEL} are not available: cannot read the role ARN file ${absent}: ENOENT`,
      );
      const raw = await file(ROLE);
      assert.equal(
        (await credentialError(readRoleArnFile(raw, LABEL))).message,
        `Credentials from ${LABEL} are not available: ${raw} is not JSON {"role_arn": "..."}.`,
      );
      for (const content of ["{}", "null", '{"role_arn": 7}', '{"role_arn": "deployer"}']) {
        const f = await file(content);
        assert.equal(
          (await credentialError(readRoleArnFile(f, LABEL))).message,
          `Credentials from ${LABEL} are not available: ${f} has no "role_arn" like qcs::cam::uin/100000000001:roleName/deployer.`,
          content,
        );
      }
    });
  });

  describe("webIdentitySource", () => {
    it("sends an unsigned AssumeRoleWithWebIdentity with the inline token and role, and hands back the credential", async () => {
      const token = await oidcToken(local.emulator.url, AUDIENCE);
      const src = webIdentitySource(
        { providerId: "OIDC", sessionName: "gh-run", sessionDuration: 1800, token, roleArn: ROLE },
        sts(),
        LABEL,
      );
      assert.equal(src.label, LABEL);
      const before = Date.now();
      const got = await src.fetch();
      assert.deepEqual(local.recorder.bodies("AssumeRoleWithWebIdentity"), [
        {
          ProviderId: "OIDC",
          WebIdentityToken: token,
          RoleArn: ROLE,
          RoleSessionName: "gh-run",
          DurationSeconds: 1800,
        },
      ]);
      const [req] = local.recorder.seen;
      assert.equal(signerOf(req), "", "the request was signed");
      assert.equal(req.headers.authorization, "SKIP");
      assert.equal(req.headers["x-tc-region"], "ap-beijing");
      assert.match(got.secretId, /^AKIDTMP/);
      assert.ok(got.token && got.secretKey);
      assert.ok(
        got.expiresAtMs! >= Math.floor(before / 1000) * 1000 + 1_800_000 &&
          got.expiresAtMs! <= Date.now() + 1_800_000,
        String(got.expiresAtMs),
      );
    });

    it("reads the token file and the role file anew at each fetch (CI systems and the kubelet rotate them)", async () => {
      const tokenFile = path.join(dir, "rotating-token");
      const roleFile = path.join(dir, "rotating-role");
      const first = await oidcToken(local.emulator.url, AUDIENCE);
      await writeFile(tokenFile, first);
      await writeFile(roleFile, JSON.stringify({ role_arn: ROLE }));
      const src = webIdentitySource(
        {
          providerId: "OIDC",
          sessionName: "s1",
          sessionDuration: 900,
          tokenFile,
          roleArnFile: roleFile,
        },
        sts(),
        LABEL,
      );
      await src.fetch();
      const second = await oidcToken(local.emulator.url, AUDIENCE, 900);
      const otherRole = "qcs::cam::uin/100000000001:roleName/other";
      await writeFile(tokenFile, JSON.stringify({ web_identity_token: second }));
      await writeFile(roleFile, JSON.stringify({ role_arn: otherRole }));
      await src.fetch();
      const sent = local.recorder.bodies("AssumeRoleWithWebIdentity");
      assert.deepEqual(
        sent.map((b) => [b.WebIdentityToken, b.RoleArn]),
        [
          [first, ROLE],
          [second, otherRole],
        ],
      );
      // A token file that is gone fails the next fetch, before STS is asked.
      await rm(tokenFile);
      const err = await credentialError(src.fetch());
      assert.match(
        err.message,
        /cannot read the web identity token file .*rotating-token: ENOENT$/,
      );
      assert.equal(local.recorder.bodies("AssumeRoleWithWebIdentity").length, 2);
    });

    it("an STS refusal keeps its code and RequestId, names the action, and never shows the token", async () => {
      const token = await oidcToken(local.emulator.url, "someone-else");
      const err = await credentialError(
        webIdentitySource(
          { providerId: "OIDC", sessionName: "s1", sessionDuration: 900, token, roleArn: ROLE },
          sts(),
          LABEL,
        ).fetch(),
      );
      assert.equal(err.code, "InvalidParameter.WebIdentityTokenError");
      assert.match(err.requestId, /^[0-9a-f-]{36}$/);
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: [InvalidParameter.WebIdentityTokenError] ` +
          `AssumeRoleWithWebIdentity failed: The WebIdentityToken audience is not a client id of OIDC. ` +
          `(RequestId ${err.requestId})`,
      );
      for (const part of token.split(".")) assert.ok(!err.message.includes(part));
    });
  });

  describe("webIdentitySource without a token or a role (the settings never build one)", () => {
    it("sends them empty, and STS says which is missing", async () => {
      const token = await oidcToken(local.emulator.url, AUDIENCE);
      const noToken = await credentialError(
        webIdentitySource(
          { providerId: "OIDC", sessionName: "s1", sessionDuration: 900, roleArn: ROLE },
          sts(),
          LABEL,
        ).fetch(),
      );
      assert.equal(noToken.code, "InvalidParameter.WebIdentityTokenError");
      assert.match(
        noToken.message,
        /AssumeRoleWithWebIdentity failed: The WebIdentityToken is empty\. /,
      );
      const noRole = await credentialError(
        webIdentitySource(
          { providerId: "OIDC", sessionName: "s1", sessionDuration: 900, token },
          sts(),
          LABEL,
        ).fetch(),
      );
      assert.equal(noRole.code, "MissingParameter");
      assert.deepEqual(
        local.recorder
          .bodies("AssumeRoleWithWebIdentity")
          .map((b) => [b.WebIdentityToken, b.RoleArn]),
        [
          ["", ROLE],
          [token, ""],
        ],
      );
    });
  });

  describe("podOidcSource", () => {
    const POD_LABEL = "TKE pod OIDC (config tencentcloud:enablePodOidc)";

    it("names every missing or blank TKE_* variable, in the documented order", () => {
      assert.throws(
        () => podOidcSource({ TKE_PROVIDER_ID: "tke", TKE_REGION: "  " }, transport, POD_LABEL),
        (e: Error) =>
          e instanceof CredentialError &&
          e.message ===
            `Credentials from ${POD_LABEL} are not available: TKE_REGION, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN not set in the pod's environment.`,
      );
    });

    it("a TKE_ROLE_ARN that is not a role ARN is named with its value", () => {
      const env = {
        TKE_REGION: "ap-guangzhou",
        TKE_PROVIDER_ID: "tke",
        TKE_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
        TKE_ROLE_ARN: "deployer",
      };
      assert.throws(
        () => podOidcSource(env, transport, POD_LABEL),
        (e: Error) =>
          e instanceof CredentialError &&
          e.message ===
            `Credentials from ${POD_LABEL} are not available: TKE_ROLE_ARN is not a role ARN ("deployer").`,
      );
    });

    it("exchanges the raw JWT of TKE_WEB_IDENTITY_TOKEN_FILE with the trimmed variables, TKE_REGION as the region, the default session", async () => {
      const tokenFile = path.join(dir, "tke-token");
      const token = await oidcToken(local.emulator.url, AUDIENCE);
      await writeFile(tokenFile, `${token}\n`);
      const env = {
        TKE_REGION: " ap-chengdu ",
        TKE_PROVIDER_ID: " tke ",
        TKE_WEB_IDENTITY_TOKEN_FILE: ` ${tokenFile} `,
        TKE_ROLE_ARN: ` ${ROLE} `,
      };
      const src = podOidcSource(
        env,
        { endpoint: new URL(local.recorder.url), timeoutSeconds: 5 },
        POD_LABEL,
      );
      assert.equal(src.label, POD_LABEL);
      const got = await src.fetch();
      assert.match(got.secretId, /^AKIDTMP/);
      assert.deepEqual(local.recorder.bodies("AssumeRoleWithWebIdentity"), [
        {
          ProviderId: "tke",
          WebIdentityToken: token,
          RoleArn: ROLE,
          RoleSessionName: "pulumi-tencentcloud-live",
          DurationSeconds: 7200,
        },
      ]);
      assert.equal(local.recorder.seen[0].headers["x-tc-region"], "ap-chengdu");
      assert.equal(local.recorder.seen[0].headers.authorization, "SKIP");
    });
  });
});
