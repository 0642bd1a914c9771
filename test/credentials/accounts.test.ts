// allowedAccountIds / forbiddenAccountIds in-process, against the emulator's GetCallerIdentity
// behind a recorder: checked once, signed with the credential being checked, a broken rule
// failing every call without asking again, a check that could not be made tried again.
import assert from "node:assert/strict";
import {
  accountChecked,
  checkAccountId,
  CredentialError,
  refreshing,
  staticSource,
  type CredentialProvider,
} from "../../src/api/credentials";
import { credentialError, signerOf, useRecordedEmulator } from "./support";

const LABEL = "static keys (env TENCENTCLOUD_SECRET_ID)";
const ACCOUNT = "100000000001";

describe("credentials/accounts (emulator)", function () {
  this.timeout(30_000);
  let inner: CredentialProvider;

  const local = useRecordedEmulator();
  beforeEach(() => {
    inner = refreshing(staticSource(local.emulator.credentials, LABEL), { marginMs: 0 });
  });

  const transport = () => ({
    endpoint: new URL(local.recorder.url),
    region: "ap-guangzhou",
    timeoutSeconds: 5,
  });
  const identityCalls = () => local.recorder.bodies("GetCallerIdentity").length;

  it("checkAccountId: a forbidden account (even if allowed), an account not allowed, an empty allowed list allowing all", () => {
    assert.throws(
      () => checkAccountId("1", { allowed: ["1"], forbidden: ["2", "1"] }, LABEL),
      (e: Error) =>
        e instanceof CredentialError &&
        e.message ===
          `Credentials from ${LABEL} are not available: account 1 is listed in tencentcloud:forbiddenAccountIds.`,
    );
    assert.throws(
      () => checkAccountId("3", { allowed: ["1", "2"], forbidden: [] }, LABEL),
      (e: Error) =>
        e instanceof CredentialError &&
        e.message ===
          `Credentials from ${LABEL} are not available: account 3 is not in tencentcloud:allowedAccountIds (1, 2).`,
    );
    checkAccountId("3", { allowed: [], forbidden: ["1"] }, LABEL);
    checkAccountId("2", { allowed: ["1", "2"], forbidden: ["1"] }, LABEL);
  });

  it("without rules the provider is passed on as it is, and STS is never asked", async () => {
    assert.equal(accountChecked(inner, { allowed: [], forbidden: [] }, transport()), inner);
  });

  it("an allowed account: GetCallerIdentity once, signed with the checked credential, for any number of calls", async () => {
    const checked = accountChecked(inner, { allowed: [ACCOUNT], forbidden: [] }, transport());
    assert.equal(checked.label, LABEL);
    const got = await Promise.all([checked.getCredential(), checked.getCredential()]);
    await checked.getCredential();
    assert.deepEqual(got[0], await inner.getCredential());
    assert.equal(got[0].secretId, local.emulator.credentials.secretId);
    assert.equal(identityCalls(), 1);
    assert.deepEqual(local.recorder.bodies("GetCallerIdentity"), [{}]);
    assert.equal(signerOf(local.recorder.seen[0]), local.emulator.credentials.secretId);
    assert.equal(local.recorder.seen[0].headers["x-tc-region"], "ap-guangzhou");
    // fetches and invalidate are the inner provider's.
    assert.equal(checked.fetches(), inner.fetches());
    checked.invalidate();
    await checked.getCredential();
    assert.equal(inner.fetches(), 2);
  });

  it("a forbidden account fails every call with the same error, asking STS once", async () => {
    const checked = accountChecked(inner, { allowed: [], forbidden: [ACCOUNT] }, transport());
    const first = await checked.getCredential().then(
      () => assert.fail("handed out"),
      (e: unknown) => e,
    );
    assert.ok(first instanceof CredentialError);
    assert.equal(
      first.message,
      `Credentials from ${LABEL} are not available: account ${ACCOUNT} is listed in tencentcloud:forbiddenAccountIds.`,
    );
    await assert.rejects(checked.getCredential(), (e) => e === first);
    assert.equal(identityCalls(), 1);
  });

  it("a check that could not be made (STS refused) fails naming the code, and is made again on the next call", async () => {
    local.recorder.answerWith({
      status: 200,
      body: JSON.stringify({
        Response: { Error: { Code: "InternalError", Message: "busy" }, RequestId: "rid-7" },
      }),
    });
    const checked = accountChecked(inner, { allowed: [ACCOUNT], forbidden: [] }, transport());
    const err = await credentialError(checked.getCredential());
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: [InternalError] GetCallerIdentity failed: busy (RequestId rid-7)`,
    );
    local.recorder.answerWith(undefined);
    assert.equal((await checked.getCredential()).secretId, local.emulator.credentials.secretId);
    assert.equal(identityCalls(), 2);
    await checked.getCredential();
    assert.equal(identityCalls(), 2);
  });

  it("a failing inner source fails as itself, before STS is asked", async () => {
    const refused = new CredentialError("tccli profile", "gone");
    const failing = refreshing(
      { label: "tccli profile", fetch: () => Promise.reject(refused) },
      { marginMs: 0 },
    );
    const checked = accountChecked(failing, { allowed: [ACCOUNT], forbidden: [] }, transport());
    await assert.rejects(checked.getCredential(), (e) => e === refused);
    assert.equal(local.recorder.seen.length, 0);
  });
});
