// How a failed STS call becomes a CredentialError: an STS failure keeps its code and RequestId,
// an error that already is a CredentialError is passed on unchanged (not wrapped twice), and any
// other throw keeps its message; CredentialError's own message format.
import assert from "node:assert/strict";
import { CredentialError } from "../../src/api/credentials";
import { isStsFailure } from "../../src/api/credentials/sts";
import { stsCredentialError } from "../../src/api/credentials/stsError";

const LABEL = "assumed role (env TENCENTCLOUD_ASSUME_ROLE_ARN)";

describe("credentials/stsError", () => {
  it("an STS failure: its code and RequestId, on the error and in the message", () => {
    const err = stsCredentialError(LABEL, "AssumeRole", {
      code: "InternalError",
      message: "try later",
      requestId: "rid-9",
    });
    assert.ok(err instanceof CredentialError);
    assert.equal(err.code, "InternalError");
    assert.equal(err.requestId, "rid-9");
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: [InternalError] AssumeRole failed: try later (RequestId rid-9)`,
    );
  });

  it("a network failure (empty code and RequestId): neither shown", () => {
    const err = stsCredentialError(LABEL, "GetCallerIdentity", {
      code: "",
      message: "connect ECONNREFUSED",
      requestId: "",
    });
    assert.equal(err.code, "");
    assert.equal(err.requestId, "");
    assert.equal(
      err.message,
      `Credentials from ${LABEL} are not available: GetCallerIdentity failed: connect ECONNREFUSED`,
    );
  });

  it("a CredentialError is passed on as it is", () => {
    const inner = new CredentialError("tccli profile", "cannot read x: ENOENT", { code: "C" });
    assert.equal(stsCredentialError(LABEL, "AssumeRole", inner), inner);
  });

  it("any other throw keeps its message (or its text, when it is no Error)", () => {
    assert.equal(
      stsCredentialError(LABEL, "AssumeRole", new TypeError("bad thing")).message,
      `Credentials from ${LABEL} are not available: AssumeRole failed: bad thing`,
    );
    assert.equal(
      stsCredentialError(LABEL, "AssumeRole", "plain text").message,
      `Credentials from ${LABEL} are not available: AssumeRole failed: plain text`,
    );
    assert.equal(
      stsCredentialError(LABEL, "AssumeRole", undefined).message,
      `Credentials from ${LABEL} are not available: AssumeRole failed: undefined`,
    );
  });

  it("isStsFailure needs both a code and a RequestId on an object", () => {
    assert.equal(isStsFailure({ code: "", requestId: "" }), true);
    assert.equal(isStsFailure({ code: "X" }), false);
    assert.equal(isStsFailure({ requestId: "r" }), false);
    assert.equal(isStsFailure(null), false);
    assert.equal(isStsFailure("code requestId"), false);
  });
});
