// tccli profiles in-process: where the file is looked for (HOME, the named profile, the folder
// from config or environment), what is read from it, each way it is unusable (named with the
// file and the field, never a key), re-reading at each fetch, and when the chain uses it.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  buildCredentialChain,
  CredentialError,
  MISSING_CREDENTIALS,
  profileSource,
  readCredentialInputs,
  readProfile,
} from "../../src/api/credentials";
import { profileExists, profileFile } from "../../src/api/credentials/profile";
import { SettingsError } from "../../src/api/configSource";

const LABEL = 'tccli profile "ci" (env TENCENTCLOUD_PROFILE)';
const KEY = "ProfileSecretKeyNeverShown77";

describe("credentials/profile", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "profile-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) =>
    writeFile(
      path.join(dir, `${name}.credential`),
      typeof content === "string" ? content : JSON.stringify(content),
    );
  const rejection = (fn: () => unknown): CredentialError => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof CredentialError, String(e));
      assert.ok(!e.message.includes(KEY), "the key in the message");
      return e;
    }
    return assert.fail("read");
  };

  it("the file is <dir>/<profile>.credential", async () => {
    assert.equal(profileFile("/etc/tccli", "ci"), path.join("/etc/tccli", "ci.credential"));
    await write("here", { secretId: "AKIDp", secretKey: KEY });
    assert.equal(profileExists(dir, "here"), true);
    assert.equal(profileExists(dir, "there"), false);
  });

  it("reads the keys, the token and the profile's role; empty optional fields count as unset", async () => {
    await write("full", {
      secretId: "AKIDp",
      secretKey: KEY,
      token: "tok",
      "role-arn": "qcs::cam::uin/100000000001:roleName/deployer",
      "role-session-name": "from-profile",
      region: "ap-guangzhou",
    });
    assert.deepEqual(readProfile(dir, "full", LABEL), {
      secretId: "AKIDp",
      secretKey: KEY,
      token: "tok",
      roleArn: "qcs::cam::uin/100000000001:roleName/deployer",
      roleSessionName: "from-profile",
    });
    await write("bare", {
      secretId: "AKIDp",
      secretKey: KEY,
      token: "",
      "role-arn": "",
      "role-session-name": "",
    });
    assert.deepEqual(readProfile(dir, "bare", LABEL), {
      secretId: "AKIDp",
      secretKey: KEY,
      token: undefined,
      roleArn: undefined,
      roleSessionName: undefined,
    });
  });

  it("a missing file: the label, the path and the error code", () => {
    const err = rejection(() => readProfile(dir, "absent", LABEL));
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: cannot read ${path.join(dir, "absent.credential")}: ENOENT`,
    );
  });

  it("a file that is not JSON, without showing its text", async () => {
    await write("text", `secretKey=${KEY}`);
    const err = rejection(() => readProfile(dir, "text", LABEL));
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: ${path.join(dir, "text.credential")} is not JSON.`,
    );
  });

  it("names each missing, blank or mistyped key field, never its value", async () => {
    const file = path.join(dir, "p.credential");
    for (const [content, fields] of [
      [{}, "secretId, secretKey"],
      [{ secretId: "AKIDp" }, "secretKey"],
      [{ secretId: "AKIDp", secretKey: "   " }, "secretKey"],
      [{ secretId: " ", secretKey: KEY }, "secretId"],
      [{ secretId: 12345, secretKey: KEY }, "secretId"],
      [{ secretId: "AKIDp", secretKey: KEY, token: 5 }, "token"],
    ] as const) {
      await write("p", content);
      const err = rejection(() => readProfile(dir, "p", LABEL));
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: ${file} lacks a usable ${fields}.`,
        JSON.stringify(content),
      );
    }
  });

  it("JSON that is not an object says so (it used to say `lacks a usable .`)", async () => {
    const file = path.join(dir, "odd.credential");
    for (const content of ["null", "[]", `"${KEY}"`]) {
      await write("odd", content);
      const err = rejection(() => readProfile(dir, "odd", LABEL));
      assert.equal(
        err.message,
        `Credentials from ${LABEL} are not available: ${file} is not a JSON object with secretId and secretKey.`,
        content,
      );
    }
  });

  it("profileSource reads the file anew at each fetch (tccli may rewrite it), and rejects when it breaks", async () => {
    await write("rotating", { secretId: "AKIDone", secretKey: "k1", token: "t1" });
    const src = profileSource(dir, "rotating", LABEL);
    assert.equal(src.label, LABEL);
    assert.deepEqual(await src.fetch(), { secretId: "AKIDone", secretKey: "k1", token: "t1" });
    await write("rotating", { secretId: "AKIDtwo", secretKey: "k2" });
    assert.deepEqual(await src.fetch(), { secretId: "AKIDtwo", secretKey: "k2", token: undefined });
    await write("rotating", "{");
    await assert.rejects(
      src.fetch(),
      (e: Error) => e instanceof CredentialError && /is not JSON\.$/.test(e.message),
    );
  });

  describe("where the profile is looked for", () => {
    it("default: profile `default` in HOME/.tccli, not explicit", () => {
      const inputs = readCredentialInputs(undefined, { HOME: "/home/ci" });
      assert.deepEqual(inputs.profile, {
        name: "default",
        dir: path.resolve("/home/ci/.tccli"),
        explicit: false,
        origin: "the default tccli profile (tencentcloud:profile)",
      });
    });

    it("named by the environment, the folder resolved to an absolute path", () => {
      const inputs = readCredentialInputs(undefined, {
        HOME: "/home/ci",
        TENCENTCLOUD_PROFILE: "ci",
        TENCENTCLOUD_SHARED_CREDENTIALS_DIR: "rel/creds",
      });
      assert.deepEqual(inputs.profile, {
        name: "ci",
        dir: path.resolve("rel/creds"),
        explicit: true,
        origin: "env TENCENTCLOUD_PROFILE and env TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
      });
      const onlyDir = readCredentialInputs(undefined, {
        HOME: "/home/ci",
        TENCENTCLOUD_SHARED_CREDENTIALS_DIR: "/srv/creds",
      });
      assert.deepEqual(onlyDir.profile, {
        name: "default",
        dir: "/srv/creds",
        explicit: true,
        origin: "env TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
      });
    });

    it("the stack config wins over the environment", () => {
      const config = { get: (k: string) => ({ "tencentcloud:profile": "fromconfig" })[k] };
      const inputs = readCredentialInputs(config, { HOME: "/h", TENCENTCLOUD_PROFILE: "fromenv" });
      assert.equal(inputs.profile.name, "fromconfig");
      assert.equal(inputs.profile.origin, "config tencentcloud:profile");
      assert.equal(inputs.profile.dir, path.resolve("/h/.tccli"));
    });
  });

  describe("in the chain", () => {
    const chain = (
      env: NodeJS.ProcessEnv,
      staticKeys?: { secretId: string; secretKey: string; origin: string },
    ) =>
      buildCredentialChain({
        inputs: readCredentialInputs(undefined, env, staticKeys),
        env,
        sts: { endpoint: new URL("http://127.0.0.1:9"), region: "", timeoutSeconds: 1 },
        metadataEndpoint: new URL("http://127.0.0.1:9"),
        metadataTimeoutMs: 100,
      });

    it("the default profile in HOME/.tccli is used when it exists, and skipped when it does not", async () => {
      const home = path.join(dir, "home");
      await mkdir(path.join(home, ".tccli"), { recursive: true });
      assert.throws(
        () => chain({ HOME: home }),
        (e: Error) => e instanceof SettingsError && e.message === MISSING_CREDENTIALS,
      );
      await writeFile(
        path.join(home, ".tccli", "default.credential"),
        JSON.stringify({ secretId: "AKIDdefault", secretKey: KEY }),
      );
      const provider = chain({ HOME: home });
      assert.equal(
        provider.label,
        `tccli profile "default" (the default tccli profile (tencentcloud:profile): ${path.join(home, ".tccli", "default.credential")})`,
      );
      assert.equal((await provider.getCredential()).secretId, "AKIDdefault");
    });

    it("a named profile must exist: the chain fails when it is built, naming the file", () => {
      assert.throws(
        () =>
          chain({
            HOME: dir,
            TENCENTCLOUD_PROFILE: "nope",
            TENCENTCLOUD_SHARED_CREDENTIALS_DIR: dir,
          }),
        (e: Error) =>
          e instanceof CredentialError &&
          e.message.includes(`cannot read ${path.join(dir, "nope.credential")}: ENOENT`),
      );
    });

    it("static keys win: a profile, even a broken one, is then not read", async () => {
      await write("broken", "{");
      const provider = chain(
        { HOME: dir, TENCENTCLOUD_PROFILE: "broken", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: dir },
        { secretId: "AKIDstatic", secretKey: KEY, origin: "env TENCENTCLOUD_SECRET_ID" },
      );
      assert.equal(provider.label, "static keys (env TENCENTCLOUD_SECRET_ID)");
      assert.equal((await provider.getCredential()).secretId, "AKIDstatic");
    });
  });
});
