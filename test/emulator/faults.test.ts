import assert from "node:assert/strict";
import {
  adminCall,
  expectApiError,
  makeLiveClient,
  minimalTemplate,
  sdkError,
  useTestEmulator,
} from "./helpers";

describe("emulator: fault injection, rate limit and latency", () => {
  const t = useTestEmulator();

  beforeEach(async () => {
    t.emulator.configure({ latencyMs: 0, rateLimitPerSecond: 0 });
  });

  const faults = (body: unknown) => adminCall(t.emulator, "POST", "/_emulator/faults", body);

  it("answers an injected API error `times` times without applying the call", async () => {
    const added = await faults({
      action: "CreateLiveCallbackTemplate",
      times: 2,
      error: { code: "InternalError", message: "boom" },
    });
    assert.deepEqual(added, { status: 200, json: { pending: 1 } });
    for (let i = 0; i < 2; i += 1) {
      const err = await expectApiError(
        t.client.CreateLiveCallbackTemplate(minimalTemplate()),
        "InternalError",
      );
      assert.equal(err.message, "boom");
    }
    assert.equal(t.emulator.state().templates.length, 0);
    await t.client.CreateLiveCallbackTemplate(minimalTemplate());
    assert.equal(t.emulator.state().templates.length, 1);
    assert.equal(t.emulator.state().calls.CreateLiveCallbackTemplate, 3);
  });

  it("only fails the action it names", async () => {
    await faults({ action: "DeleteLiveCallbackRule", times: 1, error: { code: "InternalError" } });
    await t.client.DescribeLiveCallbackRules();
    const pending = await adminCall(t.emulator, "GET", "/_emulator/faults");
    assert.equal((pending.json as { pending: number }).pending, 1);
  });

  it("answers HTTP 500 without applying the call", async () => {
    await faults([{ action: "CreateLiveCallbackTemplate", times: 1, mode: "http-500" }]);
    const err = await sdkError(t.client.CreateLiveCallbackTemplate(minimalTemplate()));
    assert.equal(err.httpCode, 500);
    assert.equal(err.code, undefined);
    assert.equal(t.emulator.state().templates.length, 0);
  });

  it("drops the connection after committing with drop-after-commit", async () => {
    await faults([{ action: "CreateLiveCallbackTemplate", times: 1, mode: "drop-after-commit" }]);
    const err = await sdkError(t.client.CreateLiveCallbackTemplate(minimalTemplate("dropped")));
    assert.equal(err.code, undefined);
    assert.equal(err.httpCode, undefined);
    const state = await adminCall(t.emulator, "GET", "/_emulator/state");
    const names = (state.json as { templates: { TemplateName: string }[] }).templates.map(
      (x) => x.TemplateName,
    );
    assert.deepEqual(names, ["dropped"]);
  });

  it("applies the call but answers too late with delay", async () => {
    await faults([
      { action: "CreateLiveCallbackTemplate", times: 1, mode: "delay", delayMs: 1500 },
    ]);
    const impatient = makeLiveClient(t.emulator, { reqTimeout: 0.3 });
    const started = Date.now();
    const err = await sdkError(impatient.CreateLiveCallbackTemplate(minimalTemplate("late")));
    assert.ok(Date.now() - started < 1400, "the client gave up before the answer");
    assert.equal(err.code, undefined);
    assert.match(err.message, /timeout/i);
    assert.deepEqual(
      t.emulator.state().templates.map((x) => x.TemplateName),
      ["late"],
    );
  });

  it("answers after the delay when the client waits", async () => {
    await faults([{ action: "DescribeLiveCallbackRules", times: 1, mode: "delay", delayMs: 150 }]);
    const started = Date.now();
    const answer = await t.client.DescribeLiveCallbackRules();
    assert.ok(answer.RequestId);
    assert.ok(Date.now() - started >= 140);
  });

  it("fails only every k-th matching call with `every`", async () => {
    await faults({ action: "*", times: 2, every: 2, error: { code: "InternalError.SystemError" } });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      try {
        await t.client.DescribeLiveCallbackRules();
        outcomes.push("ok");
      } catch (err) {
        outcomes.push((err as { code: string }).code);
      }
    }
    assert.deepEqual(outcomes, [
      "ok",
      "InternalError.SystemError",
      "ok",
      "InternalError.SystemError",
      "ok",
      "ok",
    ]);
  });

  it("lists, clears and validates pending faults", async () => {
    await faults([
      { action: "CreateLiveCallbackRule", times: 3, error: { code: "InternalError" } },
      { action: "*", times: 1, mode: "http-500" },
    ]);
    const listed = await adminCall(t.emulator, "GET", "/_emulator/faults");
    const body = listed.json as {
      pending: number;
      faults: { action: string; seen: number; failed: number }[];
    };
    assert.equal(body.pending, 2);
    assert.deepEqual(
      body.faults.map((f) => [f.action, f.seen, f.failed]),
      [
        ["CreateLiveCallbackRule", 0, 0],
        ["*", 0, 0],
      ],
    );
    assert.deepEqual((await adminCall(t.emulator, "DELETE", "/_emulator/faults")).json, {
      pending: 0,
    });
    assert.equal(
      ((await adminCall(t.emulator, "GET", "/_emulator/faults")).json as { pending: number })
        .pending,
      0,
    );

    for (const bad of [
      { action: "NoSuchAction", times: 1, mode: "http-500" },
      { action: "*", times: 1 },
      { action: "*", times: 1, mode: "http-500", error: { code: "X" } },
      { action: "*", times: 1, mode: "delay" },
      { action: "*", times: 0, mode: "http-500" },
      [
        { action: "*", times: 1, mode: "http-500" },
        { action: "*", mode: "explode" },
      ],
    ]) {
      const answer = await faults(bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
    }
    assert.equal(
      ((await adminCall(t.emulator, "GET", "/_emulator/faults")).json as { pending: number })
        .pending,
      0,
    );
  });

  it("throttles calls beyond the per-action rate limit with RequestLimitExceeded", async () => {
    const limit = 2;
    await adminCall(t.emulator, "POST", "/_emulator/config", { rateLimitPerSecond: limit });
    // Start early in a wall-clock second so the burst most likely stays within one second.
    while (Date.now() % 1000 > 300) await new Promise((r) => setTimeout(r, 20));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => t.client.DescribeLiveCallbackRules()),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const throttled = results.filter(
      (r) =>
        r.status === "rejected" && (r.reason as { code: string }).code === "RequestLimitExceeded",
    );
    assert.equal(ok + throttled.length, 10);
    assert.ok(ok >= 1 && ok <= 2 * limit, `${ok} calls passed`);
    assert.ok((throttled[0] as PromiseRejectedResult).reason.requestId);
    assert.equal(t.emulator.state().calls.DescribeLiveCallbackRules, 10);
    // The limit is per action.
    assert.ok((await t.client.DescribeLiveCallbackTemplates()).RequestId);
  });

  it("waits latencyMs before answering", async () => {
    await adminCall(t.emulator, "POST", "/_emulator/config", { latencyMs: 200 });
    const started = Date.now();
    await t.client.DescribeLiveCallbackRules();
    assert.ok(Date.now() - started >= 190);
  });

  it("reads and validates the run-time config", async () => {
    const current = await adminCall(t.emulator, "GET", "/_emulator/config");
    assert.deepEqual(current.json, {
      duplicateRules: "reject",
      unsafeUrls: "allow",
      ruleDomainCase: "exact",
      latencyMs: 0,
      rateLimitPerSecond: 0,
      propagationSeconds: 0,
      stsLifetimeSeconds: 0,
    });
    for (const bad of [
      { duplicateRules: "merge" },
      { unsafeUrls: "sometimes" },
      { ruleDomainCase: "lower" },
      { latencyMs: -1 },
      { rateLimitPerSecond: 1.5 },
      { colour: 1 },
    ]) {
      assert.equal(
        (await adminCall(t.emulator, "POST", "/_emulator/config", bad)).status,
        400,
        JSON.stringify(bad),
      );
    }
    assert.deepEqual((await adminCall(t.emulator, "GET", "/_emulator/config")).json, current.json);
  });
});
