import assert from "node:assert/strict";
import { MAX_CLOCK_SKEW_SECONDS } from "../../src/emulator/protocol/signature";
import { errorCode, requestIdOf, startTestEmulator, useTestEmulator } from "./helpers";
import { v1Call } from "./signers";

type Ok<T> = { Response: T & { RequestId: string } };

describe("emulator: signature v1 (HmacSHA1, HmacSHA256) over GET and form POST", () => {
  const t = useTestEmulator();
  const now = (): number => Math.floor(Date.now() / 1000);

  for (const method of ["GET", "POST"] as const) {
    for (const signatureMethod of [undefined, "HmacSHA1", "HmacSHA256"]) {
      it(`accepts ${method} signed with ${signatureMethod ?? "the default (HmacSHA1)"}`, async () => {
        const answer = await v1Call(t.emulator, {
          action: "DescribeLiveCallbackRules",
          method,
          signatureMethod,
        });
        assert.equal(answer.status, 200);
        assert.equal(errorCode(answer), undefined, JSON.stringify(answer.json));
        assert.deepEqual((answer.json as Ok<{ Rules: unknown[] }>).Response.Rules, []);
        assert.deepEqual(t.emulator.state().calls, { DescribeLiveCallbackRules: 1 });
      });
    }
  }

  it("turns flattened names and text values into the action's parameters", async () => {
    const created = await v1Call(t.emulator, {
      action: "CreateLiveCallbackTemplate",
      signatureMethod: "HmacSHA256",
      params: {
        TemplateName: "回调_v1",
        StreamBeginNotifyUrl: "https://hooks.example.com/a?x=1&y=a+b%20c",
        "RecordExceptionLevels.0": "error",
        "RecordExceptionLevels.1": "warning",
      },
    });
    assert.equal(errorCode(created), undefined, JSON.stringify(created.json));
    const id = (created.json as Ok<{ TemplateId: number }>).Response.TemplateId;
    assert.equal(typeof id, "number");
    const [stored] = t.emulator.state().templates;
    assert.equal(stored.StreamBeginNotifyUrl, "https://hooks.example.com/a?x=1&y=a+b%20c");
    assert.deepEqual(stored.RecordExceptionLevels, ["error", "warning"]);

    const described = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackTemplate",
      method: "GET",
      params: { TemplateId: String(id) },
    });
    assert.equal(
      (described.json as Ok<{ Template: { TemplateName: string } }>).Response.Template.TemplateName,
      "回调_v1",
    );
    const wrongType = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackTemplate",
      params: { TemplateId: "seven" },
    });
    assert.equal(errorCode(wrongType), "InvalidParameter");
    const unknown = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      params: { Offset: "0" },
    });
    assert.equal(errorCode(unknown), "UnknownParameter");
  });

  it("rejects a wrong key with AuthFailure.SignatureFailure, over each method", async () => {
    for (const signatureMethod of ["HmacSHA1", "HmacSHA256"]) {
      for (const method of ["GET", "POST"] as const) {
        const answer = await v1Call(t.emulator, {
          action: "DescribeLiveCallbackRules",
          method,
          signatureMethod,
          secretKey: "not-the-key",
        });
        assert.equal(
          errorCode(answer),
          "AuthFailure.SignatureFailure",
          `${method} ${signatureMethod}`,
        );
        assert.ok(requestIdOf(answer));
      }
    }
    assert.deepEqual(t.emulator.state().calls, {});
  });

  it("rejects a signature over other parameters, another method or another host", async () => {
    const tampered = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      signedHost: "live.tencentcloudapi.com",
    });
    assert.equal(errorCode(tampered), "AuthFailure.SignatureFailure");
    // Signed as HmacSHA256 but labelled HmacSHA1: the label is part of what is signed.
    const relabelled = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      signatureMethod: "HmacSHA1",
      signature: "AAAA",
    });
    assert.equal(errorCode(relabelled), "AuthFailure.SignatureFailure");
  });

  it("rejects a stale or future Timestamp with AuthFailure.SignatureExpire", async () => {
    for (const timestamp of [now() - 600, now() + MAX_CLOCK_SKEW_SECONDS + 60]) {
      const answer = await v1Call(t.emulator, { action: "DescribeLiveCallbackRules", timestamp });
      assert.equal(errorCode(answer), "AuthFailure.SignatureExpire", String(timestamp));
    }
    const within = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      timestamp: now() - 120,
    });
    assert.equal(errorCode(within), undefined);
  });

  it("rejects an unknown SecretId with AuthFailure.SecretIdNotFound", async () => {
    const answer = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      secretId: "AKIDSOMEONEELSE",
    });
    assert.equal(errorCode(answer), "AuthFailure.SecretIdNotFound");
  });

  it("names a missing or invalid common parameter", async () => {
    for (const omit of ["SecretId", "Nonce", "Timestamp", "Action", "Version"]) {
      const answer = await v1Call(t.emulator, {
        action: "DescribeLiveCallbackRules",
        omit: [omit],
      });
      assert.equal(errorCode(answer), "MissingParameter", omit);
      const message = (answer.json as { Response: { Error: { Message: string } } }).Response.Error
        .Message;
      assert.match(message, new RegExp(`\`${omit}\``));
    }
    const noSignature = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      omit: ["Signature"],
    });
    assert.equal(errorCode(noSignature), "AuthFailure.InvalidAuthorization");
    const badMethod = await v1Call(t.emulator, {
      action: "DescribeLiveCallbackRules",
      signatureMethod: "HmacMD5",
    });
    assert.equal(errorCode(badMethod), "InvalidParameterValue");
    const badNonce = await v1Call(t.emulator, { action: "DescribeLiveCallbackRules", nonce: "-4" });
    assert.equal(errorCode(badNonce), "InvalidParameter");
    const otherAction = await v1Call(t.emulator, { action: "DescribeLiveDomains" });
    assert.equal(errorCode(otherAction), "InvalidAction");
  });

  it("requires the session token of temporary credentials in Token", async () => {
    const credentials = { secretId: "AKIDTMP", secretKey: "tmp-key", token: "session-token" };
    const withToken = await startTestEmulator({ credentials });
    try {
      const call = (token?: string) =>
        v1Call(withToken.emulator, { action: "DescribeLiveCallbackRules", token });
      assert.equal(errorCode(await call("session-token")), undefined);
      assert.equal(errorCode(await call()), "AuthFailure.TokenFailure");
      const wrong = await call("other-token");
      assert.equal(errorCode(wrong), "AuthFailure.TokenFailure");
      assert.doesNotMatch(JSON.stringify(wrong.json), /session-token|other-token/);
    } finally {
      await withToken.emulator.stop();
    }
  });
});
