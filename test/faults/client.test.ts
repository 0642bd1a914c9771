// The client's retry contract, one action at a time against the emulator: what is retried and
// what is not, and how each non-idempotent write is reconciled after an ambiguous failure so
// that it is never applied twice.
import assert from "node:assert/strict";
import type { LiveClient } from "../../src/api/client";
import type { LiveAction } from "../../src/api/models";
import type { CallCounts, FaultSpec } from "../../src/emulator";
import { makeLiveClient, type LiveClient as SdkClient } from "../emulator/helpers";
import { callsOf, freshRun, injectFaults, startFaultEnv, stopFaultEnv, type FaultEnv } from "./env";
import { apiError, delayFault, modeFault } from "./faultSpecs";

const TEMPLATE = {
  TemplateName: "client_tpl",
  StreamBeginNotifyUrl: "https://hooks.example.com/b",
};
const RULE = { DomainName: "push.example.com", AppName: "live" };

describe("faults: the client's retries", function () {
  this.timeout(30_000);
  let env: FaultEnv;
  let sdk: SdkClient;
  let templateId: number;
  let baseline: CallCounts;

  beforeEach(async () => {
    env = await startFaultEnv();
    sdk = makeLiveClient(env.emulator);
    templateId = (await sdk.CreateLiveCallbackTemplate({ ...TEMPLATE, TemplateName: "existing" }))
      .TemplateId!;
    baseline = env.emulator.state().calls;
  });

  /** Calls of `action` since the test's own setup. */
  const calls = (action: LiveAction) => callsOf(env.emulator, action) - (baseline[action] ?? 0);
  afterEach(() => stopFaultEnv(env));

  /** One call of each action, on objects that exist (a rule is made for the rule actions). */
  const CALLS: Record<LiveAction, (c: LiveClient) => Promise<unknown>> = {
    CreateLiveCallbackTemplate: (c) => c.createLiveCallbackTemplate(TEMPLATE),
    ModifyLiveCallbackTemplate: (c) =>
      c.modifyLiveCallbackTemplate({ TemplateId: templateId, Description: "changed" }),
    DeleteLiveCallbackTemplate: (c) => c.deleteLiveCallbackTemplate(templateId),
    DescribeLiveCallbackTemplate: (c) => c.describeLiveCallbackTemplate(templateId),
    DescribeLiveCallbackTemplates: (c) => c.describeLiveCallbackTemplates(),
    CreateLiveCallbackRule: (c) => c.createLiveCallbackRule({ ...RULE, TemplateId: templateId }),
    DeleteLiveCallbackRule: async (c) => {
      await sdk.CreateLiveCallbackRule({ ...RULE, TemplateId: templateId });
      return c.deleteLiveCallbackRule(RULE);
    },
    DescribeLiveCallbackRules: (c) => c.describeLiveCallbackRules(),
  };

  describe("never retried", () => {
    const cases: [string, LiveAction][] = [
      ["AuthFailure.SignatureFailure", "CreateLiveCallbackTemplate"],
      ["AuthFailure.SecretIdNotFound", "DescribeLiveCallbackTemplates"],
      ["UnauthorizedOperation", "ModifyLiveCallbackTemplate"],
      ["InvalidParameter", "CreateLiveCallbackRule"],
      ["InvalidParameterValue", "ModifyLiveCallbackTemplate"],
      ["MissingParameter", "DeleteLiveCallbackRule"],
      ["InternalError.ConfOutLimit", "CreateLiveCallbackTemplate"],
      ["FailedOperation.ConfInUsed", "DeleteLiveCallbackTemplate"],
      ["InternalError.ConfNotFound", "DescribeLiveCallbackTemplate"],
      ["FailedOperation.NotFound", "DeleteLiveCallbackRule"],
      ["FailedOperation.RuleAlreadyExist", "CreateLiveCallbackRule"],
      ["ResourceNotFound.ForbiddenUse", "DescribeLiveCallbackRules"],
    ];
    for (const [code, action] of cases) {
      it(`${code} on ${action}: one call, no retry`, async () => {
        injectFaults(env, [apiError(action, code, 1)]);
        await assert.rejects(CALLS[action](freshRun(env).client), (e: Error) =>
          e.message.includes(`[${code}]`),
        );
        assert.equal(calls(action), 1);
        assert.equal(env.retries, 0);
      });
    }

    it("a real signature failure (wrong secretKey): one call, no retry", async () => {
      const run = freshRun(env, { "tencentcloud:secretKey": "WrongKeyForTheEmulator" });
      await assert.rejects(run.client.describeLiveCallbackRules(), /AuthFailure/);
      // The emulator counts only authenticated calls, so the client's own count is the witness.
      assert.equal(run.client.stats().calls.DescribeLiveCallbackRules, 1);
      assert.equal(env.retries, 0);
    });

    it("a real InvalidParameter from the API (bad key past check): one call, no retry", async () => {
      const run = freshRun(env);
      await assert.rejects(
        run.client.createLiveCallbackTemplate({ ...TEMPLATE, CallbackKey: "bad-key!" }),
        /\[InvalidParameter\]/,
      );
      assert.equal(calls("CreateLiveCallbackTemplate"), 1);
      assert.equal(env.retries, 0);
    });

    it("a real UnknownParameter from the API (a Create-only field on Modify): invalid input, no retry", async () => {
      const run = freshRun(env);
      await assert.rejects(
        run.client.modifyLiveCallbackTemplate({
          TemplateId: templateId,
          StreamMixNotifyUrl: "https://hooks.example.com/mix",
        } as never),
        (e: Error & { code?: string; kind?: string }) =>
          e.code === "UnknownParameter" &&
          e.kind === "invalid-input" &&
          /StreamMixNotifyUrl/.test(e.message),
      );
      assert.equal(calls("ModifyLiveCallbackTemplate"), 1);
      assert.equal(env.retries, 0);
    });
  });

  describe("retried until it works", () => {
    const cases: [string, LiveAction, FaultSpec][] = [
      [
        "RequestLimitExceeded",
        "ModifyLiveCallbackTemplate",
        apiError("*", "RequestLimitExceeded", 1),
      ],
      [
        "RequestLimitExceeded.UinLimitExceeded",
        "CreateLiveCallbackRule",
        apiError("*", "RequestLimitExceeded.UinLimitExceeded", 1),
      ],
      [
        "InternalError on a read",
        "DescribeLiveCallbackTemplates",
        apiError("*", "InternalError", 2),
      ],
      ["HTTP 500 on a read", "DescribeLiveCallbackRules", modeFault("*", "http-500", 2)],
      ["HTTP 500 on a write", "DeleteLiveCallbackTemplate", modeFault("*", "http-500", 1)],
    ];
    for (const [label, action, fault] of cases) {
      it(`${label} on ${action}`, async () => {
        const client = freshRun(env).client;
        injectFaults(env, [{ ...fault, action }]);
        await CALLS[action](client);
        assert.equal(calls(action), fault.times + 1);
        assert.equal(env.retries, fault.times);
      });
    }
  });

  describe("reconciled after the answer was lost (drop-after-commit, or answered too late)", () => {
    const lost: [string, (a: LiveAction) => FaultSpec, Record<string, string>][] = [
      ["dropped connection", (a) => modeFault(a, "drop-after-commit", 1), {}],
      [
        "answer past the request timeout",
        (a) => delayFault(a, 800, 1),
        { "tencentcloud-live:requestTimeoutSeconds": "0.3" },
      ],
    ];
    for (const [how, fault, config] of lost) {
      it(`CreateLiveCallbackTemplate, ${how}: takes the template it made, makes no second one`, async () => {
        injectFaults(env, [fault("CreateLiveCallbackTemplate")]);
        const id = await freshRun(env, config).client.createLiveCallbackTemplate(TEMPLATE);
        const made = env.emulator.state().templates.filter((t) => t.TemplateName === "client_tpl");
        assert.deepEqual(
          made.map((t) => t.TemplateId),
          [id],
        );
        assert.equal(calls("CreateLiveCallbackTemplate"), 1);
        assert.ok(env.retries > 0);
      });

      it(`CreateLiveCallbackRule, ${how}: finds its rule, sends no second create`, async () => {
        injectFaults(env, [fault("CreateLiveCallbackRule")]);
        await freshRun(env, config).client.createLiveCallbackRule({
          ...RULE,
          TemplateId: templateId,
        });
        assert.deepEqual(
          env.emulator.state().rules.map((r) => r.TemplateId),
          [templateId],
        );
        assert.equal(calls("CreateLiveCallbackRule"), 1);
      });

      it(`DeleteLiveCallbackTemplate, ${how}: the retry finds it gone and succeeds`, async () => {
        injectFaults(env, [fault("DeleteLiveCallbackTemplate")]);
        await freshRun(env, config).client.deleteLiveCallbackTemplate(templateId);
        assert.deepEqual(env.emulator.state().templates, []);
      });

      it(`DeleteLiveCallbackRule, ${how}: the retry finds it gone and succeeds`, async () => {
        await sdk.CreateLiveCallbackRule({ ...RULE, TemplateId: templateId });
        injectFaults(env, [fault("DeleteLiveCallbackRule")]);
        await freshRun(env, config).client.deleteLiveCallbackRule(RULE);
        assert.deepEqual(env.emulator.state().rules, []);
      });

      it(`ModifyLiveCallbackTemplate, ${how}: re-sent (idempotent), values as asked`, async () => {
        injectFaults(env, [fault("ModifyLiveCallbackTemplate")]);
        await freshRun(env, config).client.modifyLiveCallbackTemplate({
          TemplateId: templateId,
          Description: "after_drop",
        });
        assert.equal(env.emulator.state().templates[0].Description, "after_drop");
        assert.equal(calls("ModifyLiveCallbackTemplate"), 2);
      });
    }
  });

  // The ambiguity of a lost answer must outlive the attempt right after it: a reconciliation
  // that could not look (its listing failed), or a throttled re-send, does not make the first
  // attempt any less likely to have landed.
  describe("reconciliation when the first look fails", () => {
    beforeEach(() => {
      env.config = { "tencentcloud-live:maxRetries": "2" };
    });

    it("CreateLiveCallbackTemplate: no second template when the reconcile listing is throttled", async () => {
      injectFaults(env, [
        modeFault("CreateLiveCallbackTemplate", "drop-after-commit", 1),
        apiError("DescribeLiveCallbackTemplates", "RequestLimitExceeded", 3),
      ]);
      await freshRun(env)
        .client.createLiveCallbackTemplate(TEMPLATE)
        .catch(() => undefined);
      const made = env.emulator.state().templates.filter((t) => t.TemplateName === "client_tpl");
      assert.equal(made.length, 1, `templates named client_tpl: ${made.length}`);
    });

    it("CreateLiveCallbackTemplate: a spent budget does not claim nothing was created", async () => {
      env.config = { "tencentcloud-live:maxRetries": "1" };
      injectFaults(env, [
        modeFault("CreateLiveCallbackTemplate", "drop-after-commit", 1),
        apiError("DescribeLiveCallbackTemplates", "RequestLimitExceeded", 2),
        apiError("CreateLiveCallbackTemplate", "RequestLimitExceeded", 1),
      ]);
      await assert.rejects(
        freshRun(env).client.createLiveCallbackTemplate(TEMPLATE),
        (e: Error) => {
          assert.equal(env.emulator.state().templates.length, 2, "the first attempt landed");
          assert.doesNotMatch(e.message, /No template was created/);
          assert.match(e.message, /may have been created/);
          return true;
        },
      );
    });

    it("CreateLiveCallbackRule: succeeds when its dropped create landed and the listing was throttled", async () => {
      injectFaults(env, [
        modeFault("CreateLiveCallbackRule", "drop-after-commit", 1),
        apiError("DescribeLiveCallbackRules", "RequestLimitExceeded", 3),
      ]);
      await freshRun(env).client.createLiveCallbackRule({
        ...RULE,
        TemplateId: templateId,
      });
      assert.deepEqual(
        env.emulator.state().rules.map((r) => r.TemplateId),
        [templateId],
      );
      assert.equal(calls("CreateLiveCallbackRule"), 1);
    });

    it("DeleteLiveCallbackTemplate: dropped, then throttled, then not found is a success", async () => {
      injectFaults(env, [
        modeFault("DeleteLiveCallbackTemplate", "drop-after-commit", 1),
        apiError("DeleteLiveCallbackTemplate", "RequestLimitExceeded", 1),
      ]);
      await freshRun(env).client.deleteLiveCallbackTemplate(templateId);
      assert.deepEqual(env.emulator.state().templates, []);
    });
  });
});
