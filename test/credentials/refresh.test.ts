// The cache in front of every source: the SDK defects it replaces (a failure cached for ever, a
// tight loop near expiry, a refresh margin in the wrong unit) each have a case here.
import assert from "node:assert/strict";
import { CredentialError, refreshing } from "../../src/api/credentials";
import type { Credential } from "../../src/api/credentials";

/** A source answering from a script, counting fetches. */
function scripted(answers: (() => Credential | Error)[]) {
  let n = 0;
  return {
    label: "test source (env TEST)",
    fetches: () => n,
    fetch: () => {
      const next = answers[Math.min(n, answers.length - 1)];
      n += 1;
      const v = next();
      return v instanceof Error ? Promise.reject(v) : Promise.resolve(v);
    },
  };
}

const cred = (id: string, expiresAtMs?: number): Credential => ({
  secretId: id,
  secretKey: `key-${id}`,
  token: `tok-${id}`,
  expiresAtMs,
});

describe("credentials/refresh", () => {
  it("fetches again after a failed fetch (a rejection is never cached)", async () => {
    let t = 0;
    const src = scripted([() => new CredentialError("x", "down"), () => cred("a", 1e9)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await assert.rejects(p.getCredential(), /down/);
    t += 10;
    assert.equal((await p.getCredential()).secretId, "a");
    assert.equal(src.fetches(), 2);
  });

  it("renews minutes before expiry, not after, and shares one fetch among concurrent calls", async () => {
    let t = 0;
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, t + 3_600_000)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    const first = await Promise.all([p.getCredential(), p.getCredential(), p.getCredential()]);
    assert.deepEqual(new Set(first.map((c) => c.secretId)), new Set(["c0"]));
    t = 3_600_000 - 300_001; // just before the margin
    assert.equal((await p.getCredential()).secretId, "c0");
    t = 3_600_000 - 299_000; // inside the margin: renewed while still valid
    assert.equal((await p.getCredential()).secretId, "c1");
    assert.equal(src.fetches(), 2);
  });

  it("caps the margin at half the lifetime, so a 4 s credential is renewed after 2 s", async () => {
    let t = 0;
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, t + 4000)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await p.getCredential();
    t = 1900;
    assert.equal((await p.getCredential()).secretId, "c0");
    t = 2100;
    assert.equal((await p.getCredential()).secretId, "c1");
  });

  it("does not loop when a source hands out a credential already inside the margin", async () => {
    const t = 0;
    const src = scripted([() => cred("short", t + 20_000)]);
    const p = refreshing(src, { marginMs: 300_000, minIntervalMs: 1000, now: () => t });
    for (let k = 0; k < 50; k++) await p.getCredential();
    assert.equal(src.fetches(), 1, "50 calls at one instant fetched more than once");
  });

  it("keeps serving a still-valid credential when its renewal fails, and retries on the next call", async () => {
    let t = 0;
    const src = scripted([
      () => cred("a", 10_000),
      () => new CredentialError("x", "sts down"),
      () => cred("b", 20_000),
    ]);
    const p = refreshing(src, { marginMs: 5000, now: () => t });
    await p.getCredential();
    t = 6000;
    assert.equal((await p.getCredential()).secretId, "a");
    t = 7000;
    assert.equal((await p.getCredential()).secretId, "b");
  });

  it("invalidate(failed) renews once, however many calls failed with the old credential", async () => {
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, 1e12)]);
    const p = refreshing(src, { marginMs: 1000, now: () => 0 });
    const old = await p.getCredential();
    p.invalidate(old);
    const renewed = await p.getCredential();
    p.invalidate(old); // a late failure with the old one changes nothing
    assert.equal((await p.getCredential()).secretId, renewed.secretId);
    assert.equal(src.fetches(), 2);
  });

  it("passes the source's label on, and counts every fetch, failed ones too", async () => {
    const src = scripted([() => new CredentialError("x", "down"), () => cred("a")]);
    const p = refreshing(src, { marginMs: 0, now: () => 0 });
    assert.equal(p.label, "test source (env TEST)");
    assert.equal(p.fetches(), 0);
    await assert.rejects(p.getCredential());
    assert.equal(p.fetches(), 1);
    await p.getCredential();
    assert.equal(p.fetches(), 2);
  });

  it("static keys (no expiry) are fetched once, however late", async () => {
    let t = 0;
    const src = scripted([() => cred("static")]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await p.getCredential();
    for (t = 1; t < 1e13; t *= 100) assert.equal((await p.getCredential()).secretId, "static");
    assert.equal(src.fetches(), 1);
  });

  it("a renewal is shared by the concurrent callers that find the credential due", async () => {
    let t = 0;
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, t + 60_000)]);
    const p = refreshing(src, { marginMs: 10_000, now: () => t });
    await p.getCredential();
    t = 55_000;
    const renewed = await Promise.all([p.getCredential(), p.getCredential(), p.getCredential()]);
    assert.deepEqual(
      renewed.map((c) => c.secretId),
      ["c1", "c1", "c1"],
    );
    assert.equal(src.fetches(), 2);
  });

  it("within the minimum interval (1 s by default) a due credential is kept, but not once it has expired", async () => {
    let t = 0;
    let i = 0;
    // Each credential comes back already inside the margin.
    const src = scripted([() => cred(`c${i++}`, t + 1500)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await p.getCredential();
    t = 999;
    assert.equal((await p.getCredential()).secretId, "c0");
    t = 1000;
    assert.equal((await p.getCredential()).secretId, "c1");
    assert.equal(src.fetches(), 2);

    let u = 0;
    let j = 0;
    const short = scripted([() => cred(`s${j++}`, u + 500)]);
    const q = refreshing(short, { marginMs: 300_000, now: () => u });
    await q.getCredential();
    u = 400; // due (past half its life) and within 1 s of its fetch: kept
    assert.equal((await q.getCredential()).secretId, "s0");
    u = 600; // within 1 s of its fetch, but expired: fetched again
    assert.equal((await q.getCredential()).secretId, "s1");
    assert.equal(short.fetches(), 2);
  });

  it("the minimum interval counts from the fetch's time on a clock far from zero, and ends at the expiry itself", async () => {
    let t = 50_000;
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, t + 1500)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await p.getCredential();
    t = 50_999; // past half its life, but within 1 s of its fetch: kept
    assert.equal((await p.getCredential()).secretId, "c0");
    assert.equal(src.fetches(), 1);

    let u = 50_000;
    let j = 0;
    const short = scripted([() => cred(`s${j++}`, u + 500)]);
    const q = refreshing(short, { marginMs: 300_000, now: () => u });
    await q.getCredential();
    u = 50_500; // within 1 s of its fetch, at the very ms it expires: fetched again
    assert.equal((await q.getCredential()).secretId, "s1");
    assert.equal(short.fetches(), 2);
  });

  it("the margin is capped at half the lifetime counted from the fetch, not from the start of time", async () => {
    let t = 100_000;
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, t + 4000)]);
    const p = refreshing(src, { marginMs: 300_000, now: () => t });
    await p.getCredential();
    t = 101_900;
    assert.equal((await p.getCredential()).secretId, "c0");
    t = 102_000; // exactly half its life: due
    assert.equal((await p.getCredential()).secretId, "c1");
  });

  it("an expired credential whose renewal fails is not served: the failure is", async () => {
    let t = 0;
    const src = scripted([() => cred("a", 10_000), () => new CredentialError("x", "sts down")]);
    const p = refreshing(src, { marginMs: 1000, now: () => t });
    await p.getCredential();
    t = 10_000;
    await assert.rejects(p.getCredential(), /sts down/);
  });

  it("invalidate() renews once at the next call, even a credential far from expiry or without one", async () => {
    for (const expiry of [1e12, undefined]) {
      let i = 0;
      const src = scripted([() => cred(`c${i++}`, expiry)]);
      const p = refreshing(src, { marginMs: 1000, now: () => 0 });
      await p.getCredential();
      p.invalidate();
      assert.equal((await p.getCredential()).secretId, "c1");
      assert.equal((await p.getCredential()).secretId, "c1");
      assert.equal(src.fetches(), 2);
    }
  });

  it("an invalidated credential whose renewal fails is not served either", async () => {
    const src = scripted([() => cred("a", 1e12), () => new CredentialError("x", "sts down")]);
    const p = refreshing(src, { marginMs: 1000, now: () => 0 });
    const old = await p.getCredential();
    p.invalidate(old);
    await assert.rejects(p.getCredential(), /sts down/);
  });

  it("invalidate(failed) with another credential (other SecretId, or same SecretId and other token) changes nothing", async () => {
    let i = 0;
    const src = scripted([() => cred(`c${i++}`, 1e12)]);
    const p = refreshing(src, { marginMs: 1000, now: () => 0 });
    const held = await p.getCredential();
    p.invalidate({ ...held, secretId: "other" });
    p.invalidate({ ...held, token: "other-token" });
    assert.equal(src.fetches(), 1);
    assert.equal((await p.getCredential()).secretId, "c0");
    assert.equal(src.fetches(), 1);
  });

  it("invalidate before the first fetch is a no-op", async () => {
    const src = scripted([() => cred("a", 1e12)]);
    const p = refreshing(src, { marginMs: 1000, now: () => 0 });
    p.invalidate(cred("zzz"));
    p.invalidate();
    await p.getCredential();
    await p.getCredential();
    assert.equal(src.fetches(), 1);
  });
});
