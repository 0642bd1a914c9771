// Claims inside one provider process: a template name or (domain, app) pair is held by one
// operation at a time, and giving a claim back frees it exactly once.
import assert from "node:assert/strict";

import { createClaims, withClaim } from "../../src/provider/claims";

describe("provider/claims", () => {
  it("a second take of a held key is refused until the first gives it back", () => {
    const claims = createClaims();
    const release = claims.take("rule:a");
    assert.ok(release);
    assert.equal(claims.take("rule:a"), undefined);
    assert.ok(claims.take("rule:b"), "another key is free");
    release();
    assert.ok(claims.take("rule:a"), "given back, the key can be claimed again");
  });

  it("giving a claim back twice does not free the key its next holder took", () => {
    const claims = createClaims();
    const first = claims.take("template:hooks");
    assert.ok(first);
    first();
    const second = claims.take("template:hooks");
    assert.ok(second);
    // A stale release (say, a retried failure path) must not hand the second holder's claim out.
    first();
    assert.equal(claims.take("template:hooks"), undefined);
    second();
    assert.ok(claims.take("template:hooks"));
  });

  it("withClaim keeps the claim when fn succeeds and gives it back when fn fails", async () => {
    const claims = createClaims();
    const refused = () => new Error("held");
    await assert.rejects(
      withClaim(claims, "k", refused, () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await withClaim(claims, "k", refused, async () => 1), 1);
    await assert.rejects(
      withClaim(claims, "k", refused, async () => 2),
      /held/,
    );
  });
});
