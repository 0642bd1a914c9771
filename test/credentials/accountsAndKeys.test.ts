// The account lists (checkAccountId, and accountChecked against a local STS that answers
// GetCallerIdentity as told), CredentialError's message and fields, and the config roots the
// provider watches for credential changes.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  accountChecked,
  checkAccountId,
  CREDENTIAL_CONFIG_ROOTS,
  CredentialError,
  type Credential,
  type CredentialProvider,
  type StsTransport,
} from "../../src/api/credentials";

const LABEL = "static keys (config tencentcloud:secretId)";
const ACCOUNT = "100000000001";
const unavailable = (reason: string) => `Credentials from ${LABEL} are not available: ${reason}`;

describe("credentials: account lists, CredentialError and the config roots", () => {
  describe("checkAccountId", () => {
    it("an account not forbidden passes when no allowed list is set", () => {
      assert.doesNotThrow(() =>
        checkAccountId(ACCOUNT, { allowed: [], forbidden: ["200000000002"] }, LABEL),
      );
    });
    it("an account in the allowed list passes", () => {
      assert.doesNotThrow(() =>
        checkAccountId(ACCOUNT, { allowed: ["200000000002", ACCOUNT], forbidden: [] }, LABEL),
      );
    });
    it("an account outside the allowed list fails, naming the account, the key and the list", () => {
      assert.throws(
        () =>
          checkAccountId(
            "300000000003",
            { allowed: [ACCOUNT, "200000000002"], forbidden: [] },
            LABEL,
          ),
        {
          name: "CredentialError",
          message: unavailable(
            `account 300000000003 is not in tencentcloud:allowedAccountIds (${ACCOUNT}, 200000000002).`,
          ),
        },
      );
    });
    it("a forbidden account fails even when it is allowed", () => {
      assert.throws(
        () => checkAccountId(ACCOUNT, { allowed: [ACCOUNT], forbidden: [ACCOUNT] }, LABEL),
        {
          name: "CredentialError",
          message: unavailable(`account ${ACCOUNT} is listed in tencentcloud:forbiddenAccountIds.`),
        },
      );
    });
  });

  describe("accountChecked (a local STS answers GetCallerIdentity)", function () {
    this.timeout(20_000);
    let server: Server;
    let transport: StsTransport;
    /** The answers to give, in order; the last one is repeated. */
    let answers: object[];
    let actions: string[];

    before(async () => {
      server = createServer((req, res) => {
        actions.push(String(req.headers["x-tc-action"]));
        req.resume();
        req.on("end", () => {
          const answer = answers.length > 1 ? answers.shift() : answers[0];
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ Response: answer }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      transport = {
        endpoint: new URL(`http://127.0.0.1:${port}`),
        region: "ap-guangzhou",
        timeoutSeconds: 10,
      };
    });
    after(() => new Promise((resolve) => server.close(resolve)));
    beforeEach(() => {
      actions = [];
      answers = [{ AccountId: ACCOUNT, RequestId: "r-ok" }];
    });

    /** A provider with one fixed credential that records what is asked of it. */
    function innerProvider() {
      const credential: Credential = { secretId: "AKIDinner", secretKey: "inner-key" };
      const seen = { gets: 0, invalidated: [] as (Credential | undefined)[] };
      const provider: CredentialProvider = {
        label: LABEL,
        getCredential: () => {
          seen.gets += 1;
          return Promise.resolve(credential);
        },
        invalidate: (failed) => {
          seen.invalidated.push(failed);
        },
        fetches: () => 7,
      };
      return { provider, credential, seen };
    }

    it("an allowed account: every call gets the credential, STS is asked once", async () => {
      const { provider, credential } = innerProvider();
      const checked = accountChecked(provider, { allowed: [ACCOUNT], forbidden: [] }, transport);
      assert.deepEqual(await checked.getCredential(), credential);
      assert.deepEqual(await checked.getCredential(), credential);
      assert.deepEqual(actions, ["GetCallerIdentity"]);
    });

    it("a refused account fails every call with the same error, without asking STS again", async () => {
      const { provider, seen } = innerProvider();
      const checked = accountChecked(provider, { allowed: [], forbidden: [ACCOUNT] }, transport);
      const refusal = {
        name: "CredentialError",
        message: unavailable(`account ${ACCOUNT} is listed in tencentcloud:forbiddenAccountIds.`),
      };
      await assert.rejects(checked.getCredential(), refusal);
      const gets = seen.gets;
      await assert.rejects(checked.getCredential(), refusal);
      assert.deepEqual(actions, ["GetCallerIdentity"]);
      assert.equal(seen.gets, gets, "the inner provider was asked again");
    });

    it("an STS failure fails that call, naming the action, the code and the RequestId; the next call asks again", async () => {
      answers = [
        { Error: { Code: "InternalError", Message: "try again" }, RequestId: "r-failed" },
        { AccountId: ACCOUNT, RequestId: "r-ok" },
      ];
      const { provider, credential } = innerProvider();
      const checked = accountChecked(provider, { allowed: [ACCOUNT], forbidden: [] }, transport);
      await assert.rejects(checked.getCredential(), (err: Error) => {
        assert.ok(err instanceof CredentialError);
        assert.equal(
          err.message,
          unavailable("[InternalError] GetCallerIdentity failed: try again (RequestId r-failed)"),
        );
        assert.equal(err.code, "InternalError");
        assert.equal(err.requestId, "r-failed");
        return true;
      });
      assert.deepEqual(await checked.getCredential(), credential);
      assert.deepEqual(actions, ["GetCallerIdentity", "GetCallerIdentity"]);
    });

    it("an answer without an AccountId is the empty account, which no allowed list holds", async () => {
      answers = [{ RequestId: "r-none" }];
      const { provider } = innerProvider();
      const checked = accountChecked(provider, { allowed: [ACCOUNT], forbidden: [] }, transport);
      await assert.rejects(checked.getCredential(), {
        name: "CredentialError",
        message: unavailable(`account  is not in tencentcloud:allowedAccountIds (${ACCOUNT}).`),
      });
    });

    it("keeps the inner provider's label and fetch count, and passes invalidate on", () => {
      const { provider, credential, seen } = innerProvider();
      const checked = accountChecked(provider, { allowed: [ACCOUNT], forbidden: [] }, transport);
      assert.equal(checked.label, LABEL);
      assert.equal(checked.fetches(), 7);
      checked.invalidate(credential);
      checked.invalidate();
      assert.deepEqual(seen.invalidated, [credential, undefined]);
      assert.deepEqual(actions, []);
    });

    it("without lists it is the inner provider itself", () => {
      const { provider } = innerProvider();
      assert.equal(accountChecked(provider, { allowed: [], forbidden: [] }, transport), provider);
    });
  });

  describe("CredentialError", () => {
    it("without a code or RequestId: the source and the reason only, empty code and RequestId", () => {
      const err = new CredentialError(LABEL, "the profile lacks a secret key.");
      assert.equal(err.message, unavailable("the profile lacks a secret key."));
      assert.equal(err.name, "CredentialError");
      assert.equal(err.code, "");
      assert.equal(err.requestId, "");
      assert.ok(err instanceof Error);
    });
    it("with a code and a RequestId: both in the message and on the error", () => {
      const err = new CredentialError(LABEL, "AssumeRole failed: denied", {
        code: "AuthFailure.UnauthorizedOperation",
        requestId: "r-1",
      });
      assert.equal(
        err.message,
        unavailable(
          "[AuthFailure.UnauthorizedOperation] AssumeRole failed: denied (RequestId r-1)",
        ),
      );
      assert.equal(err.code, "AuthFailure.UnauthorizedOperation");
      assert.equal(err.requestId, "r-1");
    });
  });

  it("CREDENTIAL_CONFIG_ROOTS: each top-level config key a credential setting lives under, once", () => {
    assert.deepEqual(CREDENTIAL_CONFIG_ROOTS, [
      "tencentcloud:assumeRole",
      "tencentcloud:assumeRoleWithWebIdentity",
      "tencentcloud:camRoleName",
      "tencentcloud:profile",
      "tencentcloud:sharedCredentialsDir",
      "tencentcloud:enablePodOidc",
      "tencentcloud:allowedAccountIds",
      "tencentcloud:forbiddenAccountIds",
      "tencentcloud-live:stsEndpoint",
      "tencentcloud-live:metadataEndpoint",
      "tencentcloud-live:credentialRefreshSeconds",
    ]);
  });
});
