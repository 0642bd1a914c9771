// The credential settings as readCredentialInputs reads them: from a plain in-memory config and
// an explicit env (never the process's own), each rule with its accepted edges and the whole
// message of a refused value, which names the key or variable, the rule and the value.
import assert from "node:assert/strict";
import * as path from "node:path";
import {
  CredentialSettingsError,
  readCredentialInputs,
  type CredentialInputs,
} from "../../src/api/credentials";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const HOME = path.resolve("/home/tester");
const ARN_RULE = "must be a role ARN like qcs::cam::uin/100000000001:roleName/deployer";
const NAME_RULE = "must be 2 to 128 letters, digits or _+=,.@- characters";
const DURATION_RULE = "must be a whole number of seconds from 1 to 43200";

type Values = Record<string, string>;
const configOf = (values: Values) => ({ get: (k: string) => values[k] });
const read = (values: Values, env: NodeJS.ProcessEnv = {}): CredentialInputs =>
  readCredentialInputs(configOf(values), { HOME, ...env });
/** The SettingsError that reading `values` and `env` throws. */
function refusal(values: Values, env: NodeJS.ProcessEnv = {}): string {
  try {
    read(values, env);
  } catch (err) {
    assert.ok(err instanceof CredentialSettingsError, `not a SettingsError: ${String(err)}`);
    return err.message;
  }
  return assert.fail("the settings were accepted");
}
const assumeRole = (fields: Record<string, unknown>): Values => ({
  "tencentcloud:assumeRole": JSON.stringify(fields),
});
const webIdentity = (fields: Record<string, unknown>): Values => ({
  "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify(fields),
});

describe("credentials: the settings' rules (readCredentialInputs)", () => {
  it("nothing set: the default profile in HOME, no role, no lists, renewal 300 s before expiry", () => {
    assert.deepEqual(read({}), {
      static: undefined,
      profile: {
        name: "default",
        dir: path.join(HOME, ".tccli"),
        explicit: false,
        origin: "the default tccli profile (tencentcloud:profile)",
      },
      camRole: undefined,
      assumeRole: undefined,
      webIdentity: undefined,
      podOidc: false,
      allowedAccountIds: [],
      forbiddenAccountIds: [],
      refreshSeconds: 300,
    });
  });

  describe("role ARN", () => {
    for (const arn of [
      ROLE,
      "qcs::cam::uin/100000000001:role/4611686018427397919",
      "qcs::cam::uin/1:roleName/path/to/a_b+c=d,e.f@g-h",
    ]) {
      it(`accepts ${arn}`, () => {
        assert.equal(read({}, { TENCENTCLOUD_ASSUME_ROLE_ARN: arn }).assumeRole?.roleArn, arn);
      });
    }
    for (const [why, arn] of [
      ["text before it", `x${ROLE}`],
      ["a character after it that a role name cannot hold", `${ROLE}!`],
      ["a name that is not roleName or role", "qcs::cam::uin/100000000001:user/deployer"],
      ["no uin", "qcs::cam::uin/:roleName/deployer"],
    ] as const) {
      it(`refuses ${why}, naming the variable and the value`, () => {
        assert.equal(
          refusal({}, { TENCENTCLOUD_ASSUME_ROLE_ARN: arn }),
          `env TENCENTCLOUD_ASSUME_ROLE_ARN ${ARN_RULE}, got "${arn}".`,
        );
      });
    }
    it("refuses a web identity's role ARN naming its config key", () => {
      assert.equal(
        refusal(webIdentity({ roleArn: `${ROLE} x`, webIdentityToken: "a.b.c" })),
        `config tencentcloud:assumeRoleWithWebIdentity.roleArn ${ARN_RULE}, got "${ROLE} x".`,
      );
    });
  });

  describe("session name", () => {
    const longest = "n".repeat(128);
    for (const name of ["ab", "a_+=,.@-Z9", longest]) {
      it(`accepts ${name.length} characters: ${name.slice(0, 12)}`, () => {
        const inputs = read(assumeRole({ roleArn: ROLE, sessionName: name }));
        assert.equal(inputs.assumeRole?.sessionName, name);
      });
    }
    for (const [why, name] of [
      ["one character", "a"],
      ["129 characters", `${longest}n`],
      ["a space", "ci run"],
      ["a first character outside the set", "#ci-run"],
      ["a last character outside the set", "ci-run#"],
    ] as const) {
      it(`refuses ${why}, naming the variable and the value`, () => {
        assert.equal(
          refusal(
            {},
            { TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE, TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: name },
          ),
          `env TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME ${NAME_RULE}, got "${name}".`,
        );
      });
    }
    it("refuses a web identity's session name naming its config key", () => {
      assert.equal(
        refusal(webIdentity({ roleArn: ROLE, webIdentityToken: "a.b.c", sessionName: "a" })),
        `config tencentcloud:assumeRoleWithWebIdentity.sessionName ${NAME_RULE}, got "a".`,
      );
    });
  });

  describe("session duration", () => {
    const roleEnv = { TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE };
    it("is 7200 s when unset", () => {
      assert.equal(read({}, roleEnv).assumeRole?.sessionDuration, 7200);
    });
    for (const seconds of ["1", "3600", "43200"]) {
      it(`accepts ${seconds} from the config and from the environment`, () => {
        const fromConfig = read(assumeRole({ roleArn: ROLE, sessionDuration: seconds }));
        assert.equal(fromConfig.assumeRole?.sessionDuration, Number(seconds));
        const fromEnv = read(
          {},
          { ...roleEnv, TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: seconds },
        );
        assert.equal(fromEnv.assumeRole?.sessionDuration, Number(seconds));
      });
    }
    for (const seconds of ["0", "-5", "1.5", "43201", "an hour"]) {
      it(`refuses "${seconds}" from the environment, naming the variable, the range and the value`, () => {
        assert.equal(
          refusal({}, { ...roleEnv, TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: seconds }),
          `env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION ${DURATION_RULE}, got "${seconds}".`,
        );
      });
    }
    it("refuses one out of range in the config object with the key and zod's rule", () => {
      assert.equal(
        refusal(assumeRole({ roleArn: ROLE, sessionDuration: 43201 })),
        "config tencentcloud:assumeRole.sessionDuration: Too big: expected number to be <=43200",
      );
    });
  });

  describe("the config objects (JSON, as pulumi config set --path writes them)", () => {
    for (const root of ["tencentcloud:assumeRole", "tencentcloud:assumeRoleWithWebIdentity"]) {
      it(`refuses ${root} when it is not JSON, saying how to set its keys`, () => {
        assert.equal(
          refusal({ [root]: `roleArn=${ROLE}` }),
          `config ${root} must be an object (set its keys with pulumi config set --path ${root}.<key>), ` +
            "but it is not JSON.",
        );
      });
      for (const [text, got] of [
        ["5", "number"],
        ['"deployer"', "string"],
        ["true", "boolean"],
        ["null", "null"],
        [`["${ROLE}"]`, "a list"],
      ] as const) {
        it(`refuses ${root} = ${text}: must be an object, got ${got}`, () => {
          assert.equal(refusal({ [root]: text }), `config ${root} must be an object, got ${got}.`);
        });
      }
    }
    for (const [fields, message] of [
      [
        { roleArn: ROLE, sessionName: "" },
        "config tencentcloud:assumeRole.sessionName: Too small: expected string to have >=1 characters",
      ],
      [
        { roleArn: ROLE, externalId: "   " },
        "config tencentcloud:assumeRole.externalId: Too small: expected string to have >=1 characters",
      ],
      [{ roleArn: ROLE, policy: null }, "config tencentcloud:assumeRole.policy: Invalid input"],
      [{ roleArn: ROLE, role: "x" }, 'config tencentcloud:assumeRole: Unrecognized key: "role"'],
      [
        { roleArn: ROLE, sessionName: "", sessionDuration: 0 },
        "config tencentcloud:assumeRole.sessionName: Too small: expected string to have >=1 characters; " +
          "tencentcloud:assumeRole.sessionDuration: Too small: expected number to be >=1",
      ],
    ] as const) {
      it(`refuses ${JSON.stringify(fields)} naming the key and the rule`, () => {
        assert.equal(refusal(assumeRole(fields)), message);
      });
    }
    it("refuses an assumeRole object without its roleArn (when the variable gives none either)", () => {
      assert.equal(
        refusal(assumeRole({ sessionName: "ci-run" })),
        "config tencentcloud:assumeRole is set without tencentcloud:assumeRole.roleArn.",
      );
      const fromEnv = read(assumeRole({ sessionName: "ci-run" }), {
        TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
      });
      assert.equal(fromEnv.assumeRole?.roleArn, ROLE);
      assert.equal(fromEnv.assumeRole?.origin, "env TENCENTCLOUD_ASSUME_ROLE_ARN");
    });
    it("a field's value is trimmed; a field the object lacks is read from its variable", () => {
      const inputs = read(
        assumeRole({ roleArn: ` ${ROLE} `, externalId: " ext-1 ", sessionDuration: " 900 " }),
        { TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "from-env", TENCENTCLOUD_ASSUME_ROLE_ARN: "x" },
      );
      assert.deepEqual(inputs.assumeRole, {
        roleArn: ROLE,
        sessionName: "from-env",
        sessionDuration: 900,
        policy: undefined,
        externalId: "ext-1",
        sourceIdentity: undefined,
        origin: "config tencentcloud:assumeRole.roleArn",
      });
    });
    it("a field in the object wins its variable", () => {
      const inputs = read(assumeRole({ roleArn: ROLE, sessionName: "from-config" }), {
        TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "from-env",
        TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID: "env-ext",
      });
      assert.equal(inputs.assumeRole?.sessionName, "from-config");
      assert.equal(inputs.assumeRole?.externalId, "env-ext");
    });
    // Free text is passed as written. The first one is also the text the mutation tool puts in
    // place of a string literal: a field compared with anything but blank would be lost here.
    for (const text of ["Stryker was here!", '{"statement":[{"effect":"deny"}]}', "0"]) {
      it(`passes the free text ${text} as written`, () => {
        const inputs = read(
          assumeRole({ roleArn: ROLE, policy: text, externalId: text, sourceIdentity: text }),
        );
        assert.deepEqual(
          [
            inputs.assumeRole?.policy,
            inputs.assumeRole?.externalId,
            inputs.assumeRole?.sourceIdentity,
          ],
          [text, text, text],
        );
      });
    }
    it("reads each config key once (a key's JSON is parsed once, then checked and read)", () => {
      const asked = new Map<string, number>();
      const values: Values = {
        ...assumeRole({ roleArn: ROLE }),
        ...webIdentity({ roleArn: ROLE, webIdentityToken: "a.b.c" }),
      };
      const inputs = readCredentialInputs(
        {
          get: (k) => {
            asked.set(k, (asked.get(k) ?? 0) + 1);
            return values[k];
          },
        },
        { HOME },
      );
      assert.equal(inputs.assumeRole?.roleArn, ROLE);
      assert.equal(inputs.webIdentity?.roleArn, ROLE);
      assert.ok(asked.has("tencentcloud:assumeRole"));
      assert.deepEqual(
        [...asked].filter(([, n]) => n !== 1),
        [],
        "a key was read more than once",
      );
    });
  });

  describe("web identity", () => {
    it("from the config object, with the defaults of what it leaves out", () => {
      const inputs = read(
        webIdentity({ roleArnFile: "/run/role.json", webIdentityToken: "a.b.c" }),
      );
      assert.deepEqual(inputs.webIdentity, {
        providerId: "OIDC",
        roleArn: undefined,
        roleArnFile: "/run/role.json",
        sessionName: "pulumi-tencentcloud-live",
        sessionDuration: 7200,
        token: "a.b.c",
        tokenFile: undefined,
        origin: "config tencentcloud:assumeRoleWithWebIdentity.webIdentityToken",
      });
      assert.equal(inputs.assumeRole, undefined);
    });
    it("from the environment: its token takes the shared role variables from assumeRole", () => {
      const inputs = read(
        {},
        {
          TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: "/run/token",
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
          TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: "gh",
          TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "ci-run",
          TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: "900",
        },
      );
      assert.deepEqual(inputs.webIdentity, {
        providerId: "gh",
        roleArn: ROLE,
        roleArnFile: undefined,
        sessionName: "ci-run",
        sessionDuration: 900,
        token: undefined,
        tokenFile: "/run/token",
        origin: "env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE",
      });
      assert.equal(inputs.assumeRole, undefined);
    });
    it("a config object without a token is refused, naming both keys and both variables", () => {
      assert.equal(
        refusal(webIdentity({ roleArn: ROLE })),
        "web identity needs a token: set tencentcloud:assumeRoleWithWebIdentity.webIdentityToken or " +
          "tencentcloud:assumeRoleWithWebIdentity.webIdentityTokenFile (or env " +
          "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN / TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE).",
      );
    });
    it("a token without a role is refused, naming both keys and both variables", () => {
      assert.equal(
        refusal({}, { TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: "a.b.c" }),
        "web identity needs a role: set tencentcloud:assumeRoleWithWebIdentity.roleArn or " +
          "tencentcloud:assumeRoleWithWebIdentity.roleArnFile (or env " +
          "TENCENTCLOUD_ASSUME_ROLE_ARN / TENCENTCLOUD_ASSUME_ROLE_ARN_FILE).",
      );
    });
  });

  describe("profile", () => {
    const dir = path.resolve("/srv/tccli");
    for (const [why, values, env, expected] of [
      [
        "a name from the environment",
        {},
        { TENCENTCLOUD_PROFILE: "ci" },
        { name: "ci", dir: path.join(HOME, ".tccli"), origin: "env TENCENTCLOUD_PROFILE" },
      ],
      [
        "a folder from the config",
        { "tencentcloud:sharedCredentialsDir": dir },
        {},
        { name: "default", dir, origin: "config tencentcloud:sharedCredentialsDir" },
      ],
      [
        "a name from the config and a folder from the environment",
        { "tencentcloud:profile": "ci" },
        { TENCENTCLOUD_SHARED_CREDENTIALS_DIR: dir, TENCENTCLOUD_PROFILE: "other" },
        {
          name: "ci",
          dir,
          origin: "config tencentcloud:profile and env TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
        },
      ],
    ] as const) {
      it(`${why} makes it explicit, named by what set it`, () => {
        assert.deepEqual(read(values, env).profile, { ...expected, explicit: true });
      });
    }
  });

  describe("CVM role name (a top-level key)", () => {
    it("is read from its variable when the config lacks it", () => {
      assert.deepEqual(read({}, { TENCENTCLOUD_CAM_ROLE_NAME: "cvm-role" }).camRole, {
        name: "cvm-role",
        origin: "env TENCENTCLOUD_CAM_ROLE_NAME",
      });
    });
    it("the config wins the variable; a blank config value does not", () => {
      const env = { TENCENTCLOUD_CAM_ROLE_NAME: "env-role" };
      assert.deepEqual(read({ "tencentcloud:camRoleName": " cfg-role " }, env).camRole, {
        name: "cfg-role",
        origin: "config tencentcloud:camRoleName",
      });
      assert.equal(read({ "tencentcloud:camRoleName": "  " }, env).camRole?.name, "env-role");
    });
  });

  describe("enablePodOidc", () => {
    for (const [text, on] of [
      ["true", true],
      ["TRUE", true],
      ["false", false],
      ["False", false],
    ] as const) {
      it(`reads "${text}" as ${on}`, () => {
        assert.equal(read({ "tencentcloud:enablePodOidc": text }).podOidc, on);
      });
    }
    for (const text of ["yes", "truely", "untrue", "1"]) {
      it(`refuses "${text}", naming the key, the rule and the value`, () => {
        assert.equal(
          refusal({ "tencentcloud:enablePodOidc": text }),
          `config tencentcloud:enablePodOidc must be true or false, got "${text}".`,
        );
      });
    }
  });

  describe("credential refresh seconds", () => {
    const KEY = "tencentcloud-live:credentialRefreshSeconds";
    const VAR = "TENCENTCLOUD_LIVE_CREDENTIAL_REFRESH_SECONDS";
    for (const text of ["0", "60", "1.5"]) {
      it(`accepts ${text}`, () => {
        assert.equal(read({}, { [VAR]: text }).refreshSeconds, Number(text));
      });
    }
    it("the config wins the variable", () => {
      assert.equal(read({ [KEY]: "30" }, { [VAR]: "60" }).refreshSeconds, 30);
    });
    for (const text of ["-1", "soon", "Infinity"]) {
      it(`refuses "${text}" from the config or the environment, naming where it came from`, () => {
        assert.equal(
          refusal({ [KEY]: text }),
          `config ${KEY} must be a number of seconds >= 0, got "${text}".`,
        );
        assert.equal(
          refusal({}, { [VAR]: text }),
          `env ${VAR} must be a number of seconds >= 0, got "${text}".`,
        );
      });
    }
  });

  describe("allowed and forbidden account ids", () => {
    for (const [text, ids] of [
      ['["100000000001","100000000002"]', ["100000000001", "100000000002"]],
      ["[100000000001]", ["100000000001"]],
      ["100000000001", ["100000000001"]],
      ["100000000001, 100000000002", ["100000000001", "100000000002"]],
      ["100000000001,100000000002 ,7", ["100000000001", "100000000002", "7"]],
    ] as const) {
      it(`reads ${text}`, () => {
        const inputs = read({
          "tencentcloud:allowedAccountIds": text,
          "tencentcloud:forbiddenAccountIds": text,
        });
        assert.deepEqual(inputs.allowedAccountIds, ids);
        assert.deepEqual(inputs.forbiddenAccountIds, ids);
      });
    }
    for (const text of [
      '["10000000000x"]',
      '["x10000000000"]',
      "100000000001, acct-2",
      '{"id":1}',
    ]) {
      for (const key of ["tencentcloud:allowedAccountIds", "tencentcloud:forbiddenAccountIds"]) {
        it(`refuses ${key} = ${text}, naming the key and the value`, () => {
          assert.equal(
            refusal({ [key]: text }),
            `config ${key} must be a list of account ids (digits), got ${JSON.stringify(text)}.`,
          );
        });
      }
    }
  });
});
