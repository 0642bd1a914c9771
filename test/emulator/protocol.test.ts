import assert from "node:assert/strict";
import { MAX_CLOCK_SKEW_SECONDS } from "../../src/emulator/protocol/signature";
import {
  errorCode,
  expectApiError,
  httpRequest,
  makeLiveClient,
  rawApiCall,
  requestIdOf,
  sdkError,
  startTestEmulator,
  tc3Sign,
  useTestEmulator,
} from "./helpers";

describe("emulator: API 3.0 protocol and authentication", () => {
  const t = useTestEmulator();

  it("accepts a request signed by the independent test signer", async () => {
    const answer = await rawApiCall(t.emulator, { action: "DescribeLiveCallbackRules" });
    assert.equal(answer.status, 200);
    assert.equal(errorCode(answer), undefined);
    assert.deepEqual((answer.json as { Response: { Rules: unknown[] } }).Response.Rules, []);
    assert.match(requestIdOf(answer), /^[0-9a-f-]{36}$/);
  });

  it("gives every answer a fresh RequestId", async () => {
    const a = await t.client.DescribeLiveCallbackRules();
    const b = await t.client.DescribeLiveCallbackRules();
    assert.ok(a.RequestId && b.RequestId);
    assert.notEqual(a.RequestId, b.RequestId);
  });

  it("rejects a wrong secret key with AuthFailure.SignatureFailure", async () => {
    const client = makeLiveClient(t.emulator, {
      credentials: { ...t.emulator.credentials, secretKey: "not-the-key" },
    });
    await expectApiError(client.DescribeLiveCallbackRules(), "AuthFailure.SignatureFailure");
  });

  it("rejects an unknown secret id with AuthFailure.SecretIdNotFound", async () => {
    const client = makeLiveClient(t.emulator, {
      credentials: { ...t.emulator.credentials, secretId: "AKIDSOMEONEELSE" },
    });
    await expectApiError(client.DescribeLiveCallbackRules(), "AuthFailure.SecretIdNotFound");
  });

  it("rejects a timestamp 10 minutes old with AuthFailure.SignatureExpire", async () => {
    const stale = Math.floor(Date.now() / 1000) - 600;
    const answer = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackRules",
      timestamp: stale,
    });
    assert.equal(errorCode(answer), "AuthFailure.SignatureExpire");
    assert.ok(requestIdOf(answer));
    const future = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackRules",
      timestamp: Math.floor(Date.now() / 1000) + MAX_CLOCK_SKEW_SECONDS + 60,
    });
    assert.equal(errorCode(future), "AuthFailure.SignatureExpire");
  });

  it("accepts a timestamp within the allowed skew", async () => {
    const answer = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackRules",
      timestamp: Math.floor(Date.now() / 1000) - 120,
    });
    assert.equal(errorCode(answer), undefined);
  });

  it("rejects a scope date that is not the UTC date of the timestamp", async () => {
    const answer = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackRules",
      date: "2001-01-01",
    });
    assert.equal(errorCode(answer), "AuthFailure.SignatureFailure");
  });

  it("accepts the service `live` and the label the SDK derives from the Host, nothing else", async () => {
    const call = (service: string, hostHeader?: string) =>
      rawApiCall(t.emulator, { action: "DescribeLiveCallbackRules", service, hostHeader });
    assert.equal(errorCode(await call("live")), undefined);
    assert.equal(errorCode(await call("127")), undefined);
    assert.equal(errorCode(await call("cvm")), "AuthFailure.SignatureFailure");
    // The SDK signs `localhost:PORT` (no dot, so the port stays in the label) for such an endpoint.
    const localhost = `localhost:${t.emulator.port}`;
    assert.equal(errorCode(await call(localhost, localhost)), undefined);
    assert.equal(errorCode(await call("localhost", localhost)), undefined);
    assert.equal(errorCode(await call("127", localhost)), "AuthFailure.SignatureFailure");
  });

  it("rejects a signature over another body", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = tc3Sign({
      ...t.emulator.credentials,
      timestamp,
      host: "127.0.0.1",
      contentType: "application/json",
      body: JSON.stringify({ TemplateId: 1 }),
    });
    const answer = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackTemplate",
      body: { TemplateId: 2 },
      timestamp,
      authorization,
    });
    assert.equal(errorCode(answer), "AuthFailure.SignatureFailure");
  });

  it("rejects a missing or malformed Authorization with AuthFailure.InvalidAuthorization", async () => {
    for (const authorization of [
      "",
      "Bearer abc",
      "TC3-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=00",
    ]) {
      const answer = await rawApiCall(t.emulator, {
        action: "DescribeLiveCallbackRules",
        authorization,
      });
      assert.equal(errorCode(answer), "AuthFailure.InvalidAuthorization", authorization);
      assert.ok(requestIdOf(answer));
    }
  });

  it("requires the session token when the emulator has one", async () => {
    const credentials = { secretId: "AKIDTOKEN", secretKey: "token-key", token: "session-token" };
    const withToken = await startTestEmulator({ credentials });
    try {
      assert.ok((await withToken.client.DescribeLiveCallbackRules()).RequestId);
      const { token: _token, ...noToken } = credentials;
      const missing = makeLiveClient(withToken.emulator, { credentials: noToken });
      await expectApiError(missing.DescribeLiveCallbackRules(), "AuthFailure.TokenFailure");
      const wrong = makeLiveClient(withToken.emulator, {
        credentials: { ...credentials, token: "other" },
      });
      await expectApiError(wrong.DescribeLiveCallbackRules(), "AuthFailure.TokenFailure");
    } finally {
      await withToken.emulator.stop();
    }
  });

  it("answers InvalidAction for an action it does not emulate", async () => {
    await expectApiError(t.client.request("DescribeLiveDomains", {}), "InvalidAction");
    assert.deepEqual(t.emulator.state().calls, {});
  });

  it("answers InvalidParameterValue for another API version", async () => {
    const answer = await rawApiCall(t.emulator, {
      action: "DescribeLiveCallbackRules",
      version: "2017-03-12",
    });
    assert.equal(errorCode(answer), "InvalidParameterValue");
  });

  it("answers InvalidParameter for a body that is not a JSON object", async () => {
    for (const body of ["[1,2]", "not json", "null", ""]) {
      const answer = await rawApiCall(t.emulator, { action: "DescribeLiveCallbackRules", body });
      assert.equal(errorCode(answer), "InvalidParameter", JSON.stringify(body));
    }
  });

  it("answers an API error with a RequestId to a method other than GET and POST", async () => {
    const answer = await httpRequest(t.emulator, "PUT", "/", "{}", {
      "Content-Type": "application/json",
    });
    assert.equal(answer.status, 200);
    assert.equal(errorCode(answer), "InvalidParameter");
    assert.ok(requestIdOf(answer));
  });

  it("refuses an unsigned GET with AuthFailure.InvalidAuthorization", async () => {
    const answer = await httpRequest(
      t.emulator,
      "GET",
      "/?Action=DescribeLiveCallbackRules&Version=2018-08-01",
      undefined,
    );
    assert.equal(answer.status, 200);
    assert.equal(errorCode(answer), "AuthFailure.InvalidAuthorization");
    assert.ok(requestIdOf(answer));
    assert.deepEqual(t.emulator.state().calls, {});
  });

  it("counts only authenticated calls of known actions", async () => {
    await t.client.DescribeLiveCallbackRules();
    await t.client.DescribeLiveCallbackTemplates();
    await t.client.DescribeLiveCallbackTemplates();
    await sdkError(
      makeLiveClient(t.emulator, {
        credentials: { ...t.emulator.credentials, secretKey: "bad" },
      }).DescribeLiveCallbackRules(),
    );
    await sdkError(t.client.DescribeLiveCallbackTemplate({ TemplateId: 1 }));
    assert.deepEqual(t.emulator.state().calls, {
      DescribeLiveCallbackRules: 1,
      DescribeLiveCallbackTemplates: 2,
      DescribeLiveCallbackTemplate: 1,
    });
  });
});
