// Faults that must NOT converge by retrying, and must say so clearly: the template quota, a
// template still bound by a rule the stack does not own, and a spent retry budget.
import assert from "node:assert/strict";
import type { StoredTemplate } from "../../src/emulator";
import { makeLiveClient } from "../emulator/helpers";
import { onlyTemplate, stackV1, withExtraTemplate, type StackDecl } from "./declared";
import {
  callsOf,
  freshRun,
  injectFaults,
  settleFaults,
  startFaultEnv,
  stopFaultEnv,
  type FaultEnv,
} from "./env";
import { apiError } from "./faultSpecs";
import { applyStack, emptyState, upUntilOk, type StackState } from "./stack";
import { checkConvergence } from "./verify";

const REQUEST_ID = /RequestId [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe("faults: clear errors where retrying cannot help", function () {
  this.timeout(30_000);
  let env: FaultEnv;
  let state: StackState;

  beforeEach(async () => {
    env = await startFaultEnv();
    state = emptyState();
  });
  afterEach(() => stopFaultEnv(env));

  /** Applies `stack` once, without faults, and insists that it worked. */
  async function applyClean(stack: StackDecl) {
    const up = await upUntilOk(() => freshRun(env), stack, state, 1);
    assert.ok(up.ok, up.errors.map((e) => e.message).join("\n"));
  }

  const failedSteps = (up: Awaited<ReturnType<typeof applyStack>>) =>
    up.steps.filter((s) => s.op === "fail");

  it("the 51st template: a quota error naming InternalError.ConfOutLimit, the 50 others unchanged", async () => {
    await applyClean(stackV1());
    const sdk = makeLiveClient(env.emulator);
    for (let i = 0; i < 46; i++) {
      await sdk.CreateLiveCallbackTemplate({
        TemplateName: `foreign_${i}`,
        StreamBeginNotifyUrl: `https://other.example.com/${i}`,
      });
    }
    const before = env.emulator.state();
    assert.equal(before.templates.length, 50);
    const createsBefore = callsOf(env.emulator, "CreateLiveCallbackTemplate");
    env.retries = 0;

    const up = await applyStack(freshRun(env), withExtraTemplate(stackV1(), 4), state);

    assert.equal(up.ok, false);
    assert.deepEqual(
      failedSteps(up).map((s) => s.name),
      ["t4"],
    );
    const message = failedSteps(up)[0].error!.message;
    assert.match(message, /InternalError\.ConfOutLimit/);
    assert.match(message, /50 callback templates/);
    assert.match(message, /delete unused templates/);
    assert.match(message, REQUEST_ID);
    // A quota is not retried: one call, no retry.
    assert.equal(callsOf(env.emulator, "CreateLiveCallbackTemplate") - createsBefore, 1);
    assert.equal(env.retries, 0);
    const after = env.emulator.state();
    assert.deepEqual(after.templates, before.templates);
    assert.deepEqual(after.rules, before.rules);
    assert.equal(state.templates.has("t4"), false, "a failed create leaves no state");

    // Once a slot is free, the next run converges.
    const foreign = before.templates.find((t) => t.TemplateName === "foreign_0")!;
    await sdk.DeleteLiveCallbackTemplate({ TemplateId: foreign.TemplateId });
    await applyClean(withExtraTemplate(stackV1(), 4));
    const c = checkConvergence(env.emulator.state(), withExtraTemplate(stackV1(), 4), state, {
      foreign: (t: StoredTemplate) => t.TemplateName.startsWith("foreign_"),
    });
    assert.deepEqual(c, { duplicates: [], orphans: [], drift: [] });
  });

  it("a callback URL the API refuses as not safe: the error explains it, nothing is created", async () => {
    env.emulator.configure({ unsafeUrls: "reject" });
    const stack = onlyTemplate(stackV1(), "t0");
    stack.templates[0].inputs.streamEndNotifyUrl = "http://10.20.30.40/live/end";
    env.retries = 0;

    const up = await applyStack(freshRun(env), stack, state);

    assert.equal(up.ok, false);
    const message = failedSteps(up)[0].error!.message;
    assert.match(message, /InvalidParameter\.UrlNotSafe/);
    assert.match(message, /StreamEndNotifyUrl/);
    assert.match(message, /refused the callback URL as not safe/);
    assert.match(message, /public http\(s\)/);
    assert.match(message, REQUEST_ID);
    assert.equal(env.retries, 0);
    assert.deepEqual(env.emulator.state().templates, []);
  });

  it("deleting a template bound by a rule the stack does not own: the rule is named, nothing is deleted", async () => {
    const v1 = stackV1();
    await applyClean(v1);
    const sdk = makeLiveClient(env.emulator);
    const t3 = Number(state.templates.get("t3")!.id);
    await sdk.CreateLiveCallbackRule({
      DomainName: "foreign.example.com",
      AppName: "console",
      TemplateId: t3,
    });
    const withoutT3: StackDecl = {
      templates: v1.templates.filter((t) => t.name !== "t3"),
      bindings: v1.bindings.filter((b) => b.template !== "t3"),
    };
    const t3Before = env.emulator.state().templates.find((t) => t.TemplateId === t3);
    const deletesBefore = callsOf(env.emulator, "DeleteLiveCallbackTemplate");

    const up = await applyStack(freshRun(env), withoutT3, state);

    assert.equal(up.ok, false);
    assert.deepEqual(
      failedSteps(up).map((s) => s.name),
      ["t3"],
    );
    const message = failedSteps(up)[0].error!.message;
    assert.match(message, /foreign\.example\.com\/console/);
    assert.match(message, /Nothing was deleted/);
    assert.match(message, /FailedOperation\.ConfInUsed/);
    assert.match(message, REQUEST_ID);
    assert.equal(callsOf(env.emulator, "DeleteLiveCallbackTemplate") - deletesBefore, 1);
    const live = env.emulator.state();
    assert.deepEqual(
      live.templates.find((t) => t.TemplateId === t3),
      t3Before,
    );
    assert.ok(live.rules.some((r) => r.DomainName === "foreign.example.com"));
    assert.ok(state.templates.has("t3"), "a failed delete keeps the state");

    // Once the foreign rule is gone, the next run deletes the template.
    await sdk.DeleteLiveCallbackRule({ DomainName: "foreign.example.com", AppName: "console" });
    await applyClean(withoutT3);
    assert.deepEqual(checkConvergence(env.emulator.state(), withoutT3, state), {
      duplicates: [],
      orphans: [],
      drift: [],
    });
  });

  describe("retry budget spent", () => {
    beforeEach(() => {
      env.config = { "tencentcloud-live:maxRetries": "2" };
    });

    it("names the action, the last code, its RequestId, the attempts and the state", async () => {
      injectFaults(env, [apiError("CreateLiveCallbackTemplate", "RequestLimitExceeded", 100_000)]);
      const up = await applyStack(freshRun(env), stackV1(), state);
      assert.equal(up.ok, false);
      const failed = failedSteps(up);
      assert.deepEqual(failed.map((s) => s.name).sort(), ["t0", "t1", "t2", "t3"]);
      for (const step of failed) {
        const message = step.error!.message;
        assert.match(message, /CreateLiveCallbackTemplate failed: \[RequestLimitExceeded\]/);
        assert.match(message, REQUEST_ID);
        assert.match(message, /after 3 attempts in \d+\.\d s \(the retry count of 2 ran out\)/);
        assert.match(message, /No template was created/);
      }
      assert.equal(callsOf(env.emulator, "CreateLiveCallbackTemplate"), 4 * 3);
      assert.equal(env.retries, 4 * 2);
      assert.ok(up.steps.filter((s) => s.kind === "binding").every((s) => s.op === "skip"));
      assert.equal(state.templates.size, 0);
      assert.deepEqual(env.emulator.state().templates, []);

      // When the API recovers, the next run converges.
      await settleFaults(env);
      await applyClean(stackV1());
      assert.deepEqual(checkConvergence(env.emulator.state(), stackV1(), state), {
        duplicates: [],
        orphans: [],
        drift: [],
      });
    });

    it("after ambiguous failures, says the template may exist and how the next run takes it over", async () => {
      injectFaults(env, [apiError("CreateLiveCallbackTemplate", "InternalError", 100_000)]);
      const run = freshRun(env);
      const inputs = stackV1().templates[0].inputs;
      await assert.rejects(run.template.create(inputs), (e: Error) => {
        assert.match(e.message, /CreateLiveCallbackTemplate failed: \[InternalError\]/);
        assert.match(e.message, REQUEST_ID);
        assert.match(e.message, /after 3 attempts/);
        assert.match(
          e.message,
          /may have been created\. If the next run reports that it already exists/,
        );
        assert.match(e.message, /set adopt: true/);
        return true;
      });
      // Before each re-send it looked for the template: once for the name check, then twice.
      assert.equal(callsOf(env.emulator, "DescribeLiveCallbackTemplates"), 3);
    });

    it("names the read action when a listing spends its budget", async () => {
      injectFaults(env, [apiError("*", "RequestLimitExceeded", 100_000)]);
      // One template: its create starts with exactly one listing, the one that gives up.
      const up = await applyStack(freshRun(env), onlyTemplate(stackV1(), "t0"), state);
      const message = failedSteps(up)[0].error!.message;
      assert.match(message, /DescribeLiveCallbackTemplates failed: \[RequestLimitExceeded\]/);
      assert.match(message, REQUEST_ID);
      assert.match(message, /after 3 attempts/);
      assert.equal(callsOf(env.emulator, "DescribeLiveCallbackTemplates"), 3);
      assert.equal(callsOf(env.emulator, "CreateLiveCallbackTemplate"), 0);
    });

    it("stops at the time budget (retryTimeoutSeconds) even with retries left", async () => {
      env.config = {
        "tencentcloud-live:maxRetries": "1000",
        "tencentcloud-live:retryTimeoutSeconds": "0.3",
      };
      injectFaults(env, [apiError("DescribeLiveCallbackRules", "RequestLimitExceeded", 100_000)]);
      const started = Date.now();
      await assert.rejects(freshRun(env).client.describeLiveCallbackRules(), (e: Error) => {
        assert.match(e.message, /DescribeLiveCallbackRules failed: \[RequestLimitExceeded\]/);
        assert.match(
          e.message,
          /after \d+ attempts in 0\.\d s \(the time budget of 0\.3 s ran out\)/,
        );
        return true;
      });
      assert.ok(Date.now() - started < 1500, "gave up near the 0.3 s budget");
      assert.ok(callsOf(env.emulator, "DescribeLiveCallbackRules") < 1000);
    });
  });
});
