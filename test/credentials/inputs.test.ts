// The credential settings in-process: what each key and variable gives (config before
// environment, defaults, trimming), and every refusal with its exact message: the key or
// variable, the rule and the value, except a secret's value, which is never shown.
import assert from "node:assert/strict";
import {
  CREDENTIAL_CONFIG_ROOTS,
  CREDENTIAL_KEYS,
  CredentialSettingsError,
  readCredentialInputs,
  ROLE_ARN,
  TKE_VARIABLES,
} from "../../src/api/credentials";
import { SESSION_NAME } from "../../src/api/credentials/inputs";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const TOKEN = "eyJhbGciOi.SecretTokenBody.SecretTokenSig";

const configOf = (values: Record<string, unknown>) => ({
  get: (k: string) => {
    const v = values[k];
    return v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);
  },
});

/** The SettingsError message of reading `config` and `env`. */
function refusal(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): string {
  try {
    readCredentialInputs(configOf(config), env);
  } catch (e) {
    assert.ok(e instanceof CredentialSettingsError, String(e));
    assert.equal(e.name, "SettingsError");
    assert.ok(!e.message.includes(TOKEN.split(".")[1]), `the token in: ${e.message}`);
    return e.message;
  }
  return assert.fail("read");
}

describe("credentials/inputs", () => {
  it("nothing set: the defaults", () => {
    const inputs = readCredentialInputs(undefined, { HOME: "/h" });
    assert.equal(inputs.static, undefined);
    assert.equal(inputs.camRole, undefined);
    assert.equal(inputs.assumeRole, undefined);
    assert.equal(inputs.webIdentity, undefined);
    assert.equal(inputs.podOidc, false);
    assert.deepEqual(inputs.allowedAccountIds, []);
    assert.deepEqual(inputs.forbiddenAccountIds, []);
    assert.equal(inputs.refreshSeconds, 300);
  });

  it("the static keys given are passed on", () => {
    const keys = { secretId: "AKIDx", secretKey: "k", origin: "env TENCENTCLOUD_SECRET_ID" };
    assert.equal(readCredentialInputs(undefined, {}, keys).static, keys);
  });

  describe("assumeRole", () => {
    it("from the config object, every field, the session defaults when unset", () => {
      const inputs = readCredentialInputs(
        configOf({
          "tencentcloud:assumeRole": {
            roleArn: ` ${ROLE} `,
            sessionName: "ci-run",
            sessionDuration: "900",
            policy: '{"a":1}',
            externalId: "ext",
            sourceIdentity: "alice",
          },
        }),
        {},
      );
      assert.deepEqual(inputs.assumeRole, {
        roleArn: ROLE,
        sessionName: "ci-run",
        sessionDuration: 900,
        policy: '{"a":1}',
        externalId: "ext",
        sourceIdentity: "alice",
        origin: "config tencentcloud:assumeRole.roleArn",
      });
      const bare = readCredentialInputs(
        configOf({ "tencentcloud:assumeRole": { roleArn: ROLE } }),
        {},
      );
      assert.deepEqual(bare.assumeRole, {
        roleArn: ROLE,
        sessionName: "pulumi-tencentcloud-live",
        sessionDuration: 7200,
        policy: undefined,
        externalId: undefined,
        sourceIdentity: undefined,
        origin: "config tencentcloud:assumeRole.roleArn",
      });
    });

    it("from the TENCENTCLOUD_ASSUME_ROLE_* variables; config fields win over them", () => {
      const env = {
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "env-name",
        TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: "1200",
        TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID: "env-ext",
        TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY: "env-src",
      };
      assert.deepEqual(readCredentialInputs(undefined, env).assumeRole, {
        roleArn: ROLE,
        sessionName: "env-name",
        sessionDuration: 1200,
        policy: undefined,
        externalId: "env-ext",
        sourceIdentity: "env-src",
        origin: "env TENCENTCLOUD_ASSUME_ROLE_ARN",
      });
      const mixed = readCredentialInputs(
        configOf({ "tencentcloud:assumeRole": { sessionName: "cfg-name" } }),
        env,
      ).assumeRole;
      assert.equal(mixed?.sessionName, "cfg-name");
      assert.equal(mixed?.roleArn, ROLE);
      assert.equal(mixed?.origin, "env TENCENTCLOUD_ASSUME_ROLE_ARN");
    });

    it("refusals name the key, the rule and the value", () => {
      assert.equal(
        refusal({ "tencentcloud:assumeRole": { sessionName: "x1" } }),
        "config tencentcloud:assumeRole is set without tencentcloud:assumeRole.roleArn.",
      );
      assert.equal(
        refusal({ "tencentcloud:assumeRole": { roleArn: "deployer" } }),
        'config tencentcloud:assumeRole.roleArn must be a role ARN like qcs::cam::uin/100000000001:roleName/deployer, got "deployer".',
      );
      assert.equal(
        refusal({}, { TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/abc:roleName/x" }),
        'env TENCENTCLOUD_ASSUME_ROLE_ARN must be a role ARN like qcs::cam::uin/100000000001:roleName/deployer, got "qcs::cam::uin/abc:roleName/x".',
      );
      for (const name of ["a", "has space", "x".repeat(129)]) {
        assert.equal(
          refusal({ "tencentcloud:assumeRole": { roleArn: ROLE, sessionName: name } }),
          `config tencentcloud:assumeRole.sessionName must be 2 to 128 letters, digits or _+=,.@- characters, got "${name}".`,
        );
      }
      for (const d of ["0", "43201", "1.5", "soon"]) {
        assert.equal(
          refusal(
            {},
            { TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE, TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: d },
          ),
          `env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION must be a whole number of seconds from 1 to 43200, got "${d}".`,
        );
      }
      // The bounds themselves are allowed.
      for (const d of ["1", "43200"]) {
        const inputs = readCredentialInputs(undefined, {
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
          TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: d,
        });
        assert.equal(inputs.assumeRole?.sessionDuration, Number(d));
      }
    });

    it("the config object is checked: unknown keys and objects are named by their path", () => {
      assert.match(
        refusal({ "tencentcloud:assumeRole": { roleArn: ROLE, rolearn: ROLE } }),
        /^config tencentcloud:assumeRole: Unrecognized key: "rolearn"$/,
      );
      assert.match(
        refusal({ "tencentcloud:assumeRole": { roleArn: ROLE, sessionDuration: 99_999 } }),
        /^config tencentcloud:assumeRole\.sessionDuration: /,
      );
      assert.match(
        refusal({ "tencentcloud:assumeRole": { roleArn: ROLE, policy: {}, externalId: [] } }),
        /^config tencentcloud:assumeRole\.policy: .*; tencentcloud:assumeRole\.externalId: /,
      );
    });

    it("a blank field of the config object is refused, not taken as unset", () => {
      assert.match(
        refusal(
          { "tencentcloud:assumeRole": { roleArn: ROLE, sessionName: "  " } },
          { TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "env-name" },
        ),
        /^config tencentcloud:assumeRole\.sessionName: /,
      );
    });

    it("a config root that is not a JSON object", () => {
      assert.equal(
        refusal({ "tencentcloud:assumeRole": "{roleArn: x" }),
        "config tencentcloud:assumeRole must be an object (set its keys with pulumi config set --path tencentcloud:assumeRole.<key>), but it is not JSON.",
      );
      assert.equal(
        refusal({ "tencentcloud:assumeRole": "[1]" }),
        "config tencentcloud:assumeRole must be an object, got a list.",
      );
      assert.equal(
        refusal({ "tencentcloud:assumeRole": "null" }),
        "config tencentcloud:assumeRole must be an object, got null.",
      );
      assert.equal(
        refusal({ "tencentcloud:assumeRoleWithWebIdentity": '"text"' }),
        "config tencentcloud:assumeRoleWithWebIdentity must be an object, got string.",
      );
      // Blank is unset.
      assert.equal(
        readCredentialInputs(configOf({ "tencentcloud:assumeRole": "  " }), {}).assumeRole,
        undefined,
      );
    });
  });

  describe("assumeRoleWithWebIdentity", () => {
    it("from the config object: every field, the defaults when unset, the token's key as origin", () => {
      const inputs = readCredentialInputs(
        configOf({
          "tencentcloud:assumeRoleWithWebIdentity": {
            providerId: "gh",
            roleArn: ROLE,
            sessionName: "gh-run",
            sessionDuration: 600,
            webIdentityToken: TOKEN,
          },
        }),
        {},
      );
      assert.deepEqual(inputs.webIdentity, {
        providerId: "gh",
        roleArn: ROLE,
        roleArnFile: undefined,
        sessionName: "gh-run",
        sessionDuration: 600,
        token: TOKEN,
        tokenFile: undefined,
        origin: "config tencentcloud:assumeRoleWithWebIdentity.webIdentityToken",
      });
      const files = readCredentialInputs(
        configOf({
          "tencentcloud:assumeRoleWithWebIdentity": {
            roleArnFile: "/r.json",
            webIdentityTokenFile: "/t.json",
          },
        }),
        {},
      );
      assert.deepEqual(files.webIdentity, {
        providerId: "OIDC",
        roleArn: undefined,
        roleArnFile: "/r.json",
        sessionName: "pulumi-tencentcloud-live",
        sessionDuration: 7200,
        token: undefined,
        tokenFile: "/t.json",
        origin: "config tencentcloud:assumeRoleWithWebIdentity.webIdentityTokenFile",
      });
    });

    it("a token in the environment takes TENCENTCLOUD_ASSUME_ROLE_ARN as its role: no AssumeRole as well", () => {
      const inputs = readCredentialInputs(undefined, {
        TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: "/t",
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
      });
      assert.equal(inputs.assumeRole, undefined);
      assert.equal(inputs.webIdentity?.roleArn, ROLE);
      assert.equal(
        inputs.webIdentity?.origin,
        "env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE",
      );
      // With an assumeRole config object, both are used.
      const both = readCredentialInputs(
        configOf({ "tencentcloud:assumeRole": { roleArn: ROLE } }),
        {
          TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: TOKEN,
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
        },
      );
      assert.equal(both.assumeRole?.roleArn, ROLE);
      assert.equal(both.webIdentity?.token, TOKEN);
    });

    it("refusals: no token, no role, a bad role or session, without showing the token", () => {
      assert.equal(
        refusal({ "tencentcloud:assumeRoleWithWebIdentity": { roleArn: ROLE } }),
        "web identity needs a token: set tencentcloud:assumeRoleWithWebIdentity.webIdentityToken or " +
          "tencentcloud:assumeRoleWithWebIdentity.webIdentityTokenFile (or env " +
          "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN / TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE).",
      );
      assert.equal(
        refusal({}, { TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: TOKEN }),
        "web identity needs a role: set tencentcloud:assumeRoleWithWebIdentity.roleArn or " +
          "tencentcloud:assumeRoleWithWebIdentity.roleArnFile (or env " +
          "TENCENTCLOUD_ASSUME_ROLE_ARN / TENCENTCLOUD_ASSUME_ROLE_ARN_FILE).",
      );
      assert.equal(
        refusal(
          {},
          { TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: TOKEN, TENCENTCLOUD_ASSUME_ROLE_ARN: "r" },
        ),
        'env TENCENTCLOUD_ASSUME_ROLE_ARN must be a role ARN like qcs::cam::uin/100000000001:roleName/deployer, got "r".',
      );
      assert.equal(
        refusal({
          "tencentcloud:assumeRoleWithWebIdentity": {
            webIdentityToken: TOKEN,
            roleArn: ROLE,
            sessionName: "!",
          },
        }),
        'config tencentcloud:assumeRoleWithWebIdentity.sessionName must be 2 to 128 letters, digits or _+=,.@- characters, got "!".',
      );
      assert.equal(
        refusal(
          {},
          {
            TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: TOKEN,
            TENCENTCLOUD_ASSUME_ROLE_ARN_FILE: "/r",
            TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: "0",
          },
        ),
        'env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION must be a whole number of seconds from 1 to 43200, got "0".',
      );
      // A mistyped token field is named by its path, its value not shown.
      assert.match(
        refusal({ "tencentcloud:assumeRoleWithWebIdentity": { webIdentityToken: { t: TOKEN } } }),
        /^config tencentcloud:assumeRoleWithWebIdentity\.webIdentityToken: /,
      );
    });
  });

  describe("the other switches", () => {
    it("camRoleName from config or environment, with its origin", () => {
      assert.deepEqual(
        readCredentialInputs(configOf({ "tencentcloud:camRoleName": " r1 " }), {}).camRole,
        {
          name: "r1",
          origin: "config tencentcloud:camRoleName",
        },
      );
      assert.deepEqual(
        readCredentialInputs(undefined, { TENCENTCLOUD_CAM_ROLE_NAME: "r2" }).camRole,
        {
          name: "r2",
          origin: "env TENCENTCLOUD_CAM_ROLE_NAME",
        },
      );
    });

    it("enablePodOidc: true or false in any case; anything else refused with its value", () => {
      for (const [v, on] of [
        ["true", true],
        ["TRUE", true],
        ["false", false],
        ["False", false],
      ] as const) {
        assert.equal(
          readCredentialInputs(configOf({ "tencentcloud:enablePodOidc": v }), {}).podOidc,
          on,
          v,
        );
      }
      for (const v of ["yes", "1", "truee"]) {
        assert.equal(
          refusal({ "tencentcloud:enablePodOidc": v }),
          `config tencentcloud:enablePodOidc must be true or false, got "${v}".`,
        );
      }
    });

    it("credentialRefreshSeconds: a number >= 0, from config or environment", () => {
      assert.equal(
        readCredentialInputs(configOf({ "tencentcloud-live:credentialRefreshSeconds": "0" }), {})
          .refreshSeconds,
        0,
      );
      assert.equal(
        readCredentialInputs(undefined, { TENCENTCLOUD_LIVE_CREDENTIAL_REFRESH_SECONDS: "12.5" })
          .refreshSeconds,
        12.5,
      );
      for (const v of ["-1", "soon", "Infinity"]) {
        assert.equal(
          refusal({}, { TENCENTCLOUD_LIVE_CREDENTIAL_REFRESH_SECONDS: v }),
          `env TENCENTCLOUD_LIVE_CREDENTIAL_REFRESH_SECONDS must be a number of seconds >= 0, got "${v}".`,
        );
      }
    });

    it("account lists: a JSON list of digits or numbers, a comma list, or one number", () => {
      const read = (v: string) =>
        readCredentialInputs(configOf({ "tencentcloud:allowedAccountIds": v }), {})
          .allowedAccountIds;
      assert.deepEqual(read('["100000000001", 200000000002]'), ["100000000001", "200000000002"]);
      assert.deepEqual(read("100000000001, 200000000002"), ["100000000001", "200000000002"]);
      assert.deepEqual(read("100000000001"), ["100000000001"]);
      assert.deepEqual(read("[]"), []);
      assert.deepEqual(
        readCredentialInputs(configOf({ "tencentcloud:forbiddenAccountIds": "[3]" }), {})
          .forbiddenAccountIds,
        ["3"],
      );
      for (const [key, v] of [
        ["tencentcloud:allowedAccountIds", '["12a"]'],
        ["tencentcloud:allowedAccountIds", "abc, 1"],
        ["tencentcloud:forbiddenAccountIds", "[-1]"],
        ["tencentcloud:forbiddenAccountIds", '{"a":1}'],
        ["tencentcloud:forbiddenAccountIds", "[1.5]"],
      ]) {
        assert.equal(
          refusal({ [key]: v }),
          `config ${key} must be a list of account ids (digits), got ${JSON.stringify(v)}.`,
        );
      }
    });
  });

  describe("keys", () => {
    it("the rules of role ARNs and session names", () => {
      assert.ok(ROLE_ARN.test(ROLE));
      assert.ok(ROLE_ARN.test("qcs::cam::uin/1:role/4611686018427397919"));
      assert.ok(ROLE_ARN.test("qcs::cam::uin/1:roleName/path/to+role=,.@-_"));
      for (const bad of [
        "deployer",
        `x${ROLE}`,
        `${ROLE} `,
        "qcs::cam::uin/1:roleName/",
        "qcs::cam::uin/1:user/x",
      ]) {
        assert.ok(!ROLE_ARN.test(bad), bad);
      }
      assert.ok(
        SESSION_NAME.test("ab") &&
          SESSION_NAME.test("a".repeat(128)) &&
          SESSION_NAME.test("_+=,.@-"),
      );
      assert.ok(
        !SESSION_NAME.test("a") && !SESSION_NAME.test("a".repeat(129)) && !SESSION_NAME.test("a b"),
      );
    });

    it("the top-level config keys holding credential settings, each once", () => {
      assert.deepEqual([...CREDENTIAL_CONFIG_ROOTS].sort(), [
        "tencentcloud-live:credentialRefreshSeconds",
        "tencentcloud-live:metadataEndpoint",
        "tencentcloud-live:stsEndpoint",
        "tencentcloud:allowedAccountIds",
        "tencentcloud:assumeRole",
        "tencentcloud:assumeRoleWithWebIdentity",
        "tencentcloud:camRoleName",
        "tencentcloud:enablePodOidc",
        "tencentcloud:forbiddenAccountIds",
        "tencentcloud:profile",
        "tencentcloud:sharedCredentialsDir",
      ]);
      assert.deepEqual(Object.values(TKE_VARIABLES), [
        "TKE_REGION",
        "TKE_PROVIDER_ID",
        "TKE_WEB_IDENTITY_TOKEN_FILE",
        "TKE_ROLE_ARN",
      ]);
      // Every variable is TENCENTCLOUD_*, every config key in one of the two namespaces.
      for (const k of Object.values(CREDENTIAL_KEYS)) {
        assert.match(k.config, /^tencentcloud(-live)?:/);
        if ("env" in k) assert.match(k.env, /^TENCENTCLOUD_/);
      }
    });
  });
});
