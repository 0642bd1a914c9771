// STS AssumeRole in-process, against the emulator behind a recorder: the parameters sent, the
// signature of the base credential, the credential and expiry handed back, and each way it fails
// (STS refusal with its code and RequestId, a failing base source, STS unreachable, an
// incomplete answer), never showing a key.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  assumeRoleParams,
  assumeRoleSource,
  CredentialError,
  refreshing,
  staticSource,
  STS_VERSION,
  type CredentialProvider,
} from "../../src/api/credentials";
import {
  closedPort,
  credentialError,
  signerOf,
  startSilentServer,
  useRecordedEmulator,
} from "./support";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const LABEL = "assumed role (config tencentcloud:assumeRole.roleArn)";

describe("credentials/assumeRole (emulator)", function () {
  this.timeout(30_000);
  let base: CredentialProvider;

  const local = useRecordedEmulator();
  beforeEach(() => {
    base = refreshing(staticSource(local.emulator.credentials, "static keys (env X)"), {
      marginMs: 0,
    });
  });

  const transport = (url = local.recorder.url) => ({
    endpoint: new URL(url),
    region: "ap-shanghai",
    timeoutSeconds: 5,
  });

  it("assumeRoleParams: the required three, and each optional one only when set (the policy URL-encoded)", () => {
    assert.deepEqual(assumeRoleParams({ roleArn: ROLE, sessionName: "ci", sessionDuration: 900 }), {
      RoleArn: ROLE,
      RoleSessionName: "ci",
      DurationSeconds: 900,
    });
    const policy = '{"version":"2.0","statement":[{"effect":"allow","action":["live:*"]}]}';
    assert.deepEqual(
      assumeRoleParams({
        roleArn: ROLE,
        sessionName: "ci",
        sessionDuration: 900,
        policy,
        externalId: "ext-1",
        sourceIdentity: "alice",
      }),
      {
        RoleArn: ROLE,
        RoleSessionName: "ci",
        DurationSeconds: 900,
        Policy: encodeURIComponent(policy),
        ExternalId: "ext-1",
        SourceIdentity: "alice",
      },
    );
  });

  it("sends AssumeRole with every parameter, signed with the base credential, and hands back the issued credential with its expiry", async () => {
    const src = assumeRoleSource(
      {
        roleArn: ROLE,
        sessionName: "ci-run",
        sessionDuration: 900,
        policy: '{"a":"b c"}',
        externalId: "ext-42",
        sourceIdentity: "alice",
      },
      base,
      transport(),
      LABEL,
    );
    assert.equal(src.label, LABEL);
    const before = Date.now();
    const got = await src.fetch();
    const after = Date.now();
    assert.deepEqual(local.recorder.bodies("AssumeRole"), [
      {
        RoleArn: ROLE,
        RoleSessionName: "ci-run",
        DurationSeconds: 900,
        Policy: "%7B%22a%22%3A%22b%20c%22%7D",
        ExternalId: "ext-42",
        SourceIdentity: "alice",
      },
    ]);
    const [req] = local.recorder.seen;
    assert.equal(signerOf(req), local.emulator.credentials.secretId);
    assert.equal(req.headers["x-tc-version"], STS_VERSION);
    assert.equal(req.headers["x-tc-region"], "ap-shanghai");
    assert.match(got.secretId, /^AKIDTMP[0-9a-f]{24}$/);
    assert.ok(got.secretKey && got.token, "no key or token");
    // The emulator grants DurationSeconds (900 s); ExpiredTime is whole seconds.
    assert.ok(got.expiresAtMs! % 1000 === 0, String(got.expiresAtMs));
    assert.ok(got.expiresAtMs! >= Math.floor(before / 1000) * 1000 + 900_000);
    assert.ok(got.expiresAtMs! <= after + 900_000);
    // The issued credential works: GetCallerIdentity signed with it is accepted.
    const issued = refreshing(staticSource(got, "issued"), { marginMs: 0 });
    const chained = assumeRoleSource(
      { roleArn: ROLE, sessionName: "second", sessionDuration: 60 },
      issued,
      transport(),
      "chained",
    );
    await chained.fetch();
    assert.equal(signerOf(local.recorder.seen[1]), got.secretId);
    assert.equal(local.recorder.seen[1].headers["x-tc-token"], got.token);
  });

  it("an STS refusal: code and RequestId on the error and in its message, the label and action named, no key", async () => {
    const other = "qcs::cam::uin/200000000002:roleName/deployer";
    const src = assumeRoleSource(
      { roleArn: other, sessionName: "ci", sessionDuration: 900 },
      base,
      transport(),
      LABEL,
    );
    const err = await credentialError(src.fetch());
    assert.equal(err.name, "CredentialError");
    assert.equal(err.code, "ResourceNotFound.RoleNotExist");
    assert.match(err.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: [ResourceNotFound.RoleNotExist] AssumeRole failed: ` +
        `The role ${other} is not in this account. (RequestId ${err.requestId})`,
    );
    assert.ok(!inspect(err, { depth: Infinity }).includes(local.emulator.credentials.secretKey));
  });

  it("a failing base source fails as itself, and STS is not called", async () => {
    const refused = new CredentialError('tccli profile "ci"', "cannot read x: ENOENT");
    const failing = refreshing(
      { label: "tccli profile", fetch: () => Promise.reject(refused) },
      { marginMs: 0 },
    );
    const src = assumeRoleSource(
      { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
      failing,
      transport(),
      LABEL,
    );
    await assert.rejects(src.fetch(), (e) => e === refused);
    assert.deepEqual(local.recorder.seen, []);
  });

  it("STS unreachable: a CredentialError naming the label and AssumeRole, without code or RequestId", async () => {
    const src = assumeRoleSource(
      { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
      base,
      transport(`http://127.0.0.1:${await closedPort()}`),
      LABEL,
    );
    const err = await credentialError(src.fetch());
    assert.equal(err.code, "");
    assert.equal(err.requestId, "");
    assert.match(
      err.message,
      new RegExp(`^Credentials from ${escape(LABEL)} are not available: AssumeRole failed: \\S`),
    );
    assert.ok(!err.message.includes("RequestId") && !err.message.includes("["), err.message);
  });

  it("an https:// endpoint is called over TLS (a plain HTTP listener never sees a request)", async () => {
    const port = new URL(local.recorder.url).port;
    const src = assumeRoleSource(
      { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
      base,
      transport(`https://127.0.0.1:${port}`),
      LABEL,
    );
    const err = await credentialError(src.fetch());
    assert.match(err.message, /AssumeRole failed: /);
    assert.equal(err.code, "");
    assert.equal(err.requestId, "");
    assert.deepEqual(local.recorder.seen, []);
  });

  it("an STS that never answers fails after the transport's timeout", async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    try {
      const src = assumeRoleSource(
        { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
        base,
        { endpoint: new URL(`http://127.0.0.1:${port}`), region: "", timeoutSeconds: 1 },
        LABEL,
      );
      const started = Date.now();
      await assert.rejects(
        src.fetch(),
        (e: Error) => e instanceof CredentialError && /AssumeRole failed: /.test(e.message),
      );
      const took = Date.now() - started;
      assert.ok(took >= 900 && took < 15_000, `took ${took} ms`);
    } finally {
      silent.stop();
    }
  });

  it("an answer without complete Credentials is refused, not handed on", async () => {
    const answer = (credentials: object, expired: unknown = 2_000_000_000) =>
      JSON.stringify({
        Response: { Credentials: credentials, ExpiredTime: expired, RequestId: "rid-1" },
      });
    const full = { TmpSecretId: "AKIDTMPx", TmpSecretKey: "k", Token: "t" };
    for (const body of [
      answer({ ...full, TmpSecretId: "" }),
      answer({ ...full, TmpSecretKey: "" }),
      answer({ ...full, Token: "" }),
      answer(full, "2000000000"),
      JSON.stringify({ Response: { ExpiredTime: 2_000_000_000, RequestId: "rid-1" } }),
    ]) {
      local.recorder.answerWith({ status: 200, body });
      const src = assumeRoleSource(
        { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
        base,
        transport(),
        LABEL,
      );
      await assert.rejects(src.fetch(), (e: CredentialError) => {
        assert.ok(e instanceof CredentialError);
        assert.equal(
          e.message,
          `Credentials from ${LABEL} are not available: AssumeRole failed: the answer carried no complete Credentials`,
        );
        return true;
      });
    }
    local.recorder.answerWith({ status: 200, body: answer(full) });
    const ok = await assumeRoleSource(
      { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
      base,
      transport(),
      LABEL,
    ).fetch();
    assert.deepEqual(ok, {
      secretId: "AKIDTMPx",
      secretKey: "k",
      token: "t",
      expiresAtMs: 2_000_000_000_000,
    });
  });
  it("an STS error without a message, and an answer the SDK cannot read: 'no message', and no RequestId made up", async () => {
    const fetchWith = (body: string) => {
      local.recorder.answerWith({ status: 200, body });
      return credentialError(
        assumeRoleSource(
          { roleArn: ROLE, sessionName: "ci", sessionDuration: 900 },
          base,
          transport(),
          LABEL,
        ).fetch(),
      );
    };
    const silent = await fetchWith(
      JSON.stringify({
        Response: { Error: { Code: "InternalError", Message: "" }, RequestId: "rid-2" },
      }),
    );
    assert.equal(
      silent.message,
      `Credentials from ${LABEL} are not available: [InternalError] AssumeRole failed: no message (RequestId rid-2)`,
    );
    // A 200 answer without a Response fails inside the SDK with an error that has no RequestId.
    const unreadable = await fetchWith("{}");
    assert.equal(unreadable.requestId, "");
    assert.equal(unreadable.code, "");
    assert.match(
      unreadable.message,
      new RegExp(`^Credentials from ${escape(LABEL)} are not available: AssumeRole failed: \\S`),
    );
    assert.ok(!unreadable.message.includes("RequestId"), unreadable.message);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
