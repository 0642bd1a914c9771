import assert from "node:assert/strict";

import sinon from "sinon";

import type { CallBackRuleInfo, CallBackTemplateInfo } from "../../src/api/models";
import { UNKNOWN } from "../../src/provider/context";
import { decideNameRace } from "../../src/provider/template/race";
import { templateLabel } from "../../src/provider/template/scope";
import { createTemplateProvider, type CallbackTemplateOutputs } from "../../src/provider/index";
import { apiError, assertNoWrites, rejection, stubContext } from "./stubClient";

const KEY = "LiveKey7Secret";
const OTHER_KEY = "RotatedKey99";
const BEGIN = "https://hooks.example.com/begin";
const END = "https://hooks.example.com/end";
const STATUS = "https://hooks.example.com/record-status";

/** Every managed API field, unset: what Modify receives for a template that declares nothing. */
const ALL_CLEARED = {
  TemplateName: "",
  Description: "",
  StreamBeginNotifyUrl: "",
  StreamEndNotifyUrl: "",
  RecordNotifyUrl: "",
  RecordStatusNotifyUrl: "",
  SnapshotNotifyUrl: "",
  PornCensorshipNotifyUrl: "",
  PushExceptionNotifyUrl: "",
  AudioAuditNotifyUrl: "",
  RecordExceptionNotifyUrl: "",
  RecordExceptionLevels: [] as string[],
  CallbackKey: "",
};

/** The template as Describe returns it: every field, RecordStatusNotifyUrl never. */
function liveTemplate(over: Partial<CallBackTemplateInfo> = {}): CallBackTemplateInfo {
  return {
    TemplateId: 12,
    TemplateName: "main",
    Description: "primary",
    StreamBeginNotifyUrl: BEGIN,
    StreamEndNotifyUrl: END,
    RecordNotifyUrl: "",
    SnapshotNotifyUrl: "",
    PornCensorshipNotifyUrl: "",
    StreamMixNotifyUrl: "",
    PushExceptionNotifyUrl: "",
    AudioAuditNotifyUrl: "",
    RecordExceptionNotifyUrl: "",
    RecordExceptionLevels: ["warning", "error"],
    CallbackKey: KEY,
    ...over,
  };
}

/** The inputs that match {@link liveTemplate}. */
function declared(over: Record<string, unknown> = {}) {
  return {
    templateName: "main",
    description: "primary",
    streamBeginNotifyUrl: BEGIN,
    streamEndNotifyUrl: END,
    recordStatusNotifyUrl: STATUS,
    recordExceptionLevels: ["error", "warning"],
    callbackKey: KEY,
    ...over,
  };
}

function olds(over: Record<string, unknown> = {}): CallbackTemplateOutputs {
  return { ...declared(), templateId: 12, __provider: "old-provider", ...over } as never;
}

function setup() {
  const s = stubContext();
  return { ...s, template: createTemplateProvider(s.ctx) };
}

/** `at` is an ISO 8601 UTC time taken by the provider after `before` and before now. */
function assertChangedAt(at: string | undefined, before: number) {
  assert.equal(typeof at, "string", "callbackKeyChangedAt is set");
  assert.match(at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const t = Date.parse(at as string);
  assert.ok(t >= before && t <= Date.now(), `${at} is not the time of the call`);
}

function assertNoSecretIn(lines: string[], ...secrets: string[]) {
  for (const line of lines) {
    for (const secret of secrets) assert.ok(!line.includes(secret), `secret in: ${line}`);
  }
}

describe("provider/template", () => {
  describe("diff", () => {
    it("asks the API even when nothing changed, and reports changes: false", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ TemplateId: 3 }),
        liveTemplate(),
      ]);
      const result = await template.diff("12", olds(), declared());
      assert.deepEqual(result, { changes: false, stables: ["templateId"] });
      sinon.assert.calledOnce(client.describeLiveCallbackTemplates);
      assert.deepEqual(lines(), []);
      assertNoWrites(client);
    });

    it("ignores a different __provider", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const result = await template.diff("12", olds({ __provider: "exports.handler = old" }), {
        ...declared(),
        __provider: "exports.handler = new",
      });
      assert.equal(result.changes, false);
    });

    it("compares levels regardless of order", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ RecordExceptionLevels: ["error", "warning"] }),
      ]);
      const result = await template.diff(
        "12",
        olds(),
        declared({ recordExceptionLevels: ["warning", "error"] }),
      );
      assert.equal(result.changes, false);
    });

    it("reports drift made in the console with one log line per field", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({
          StreamEndNotifyUrl: "https://console.example.com/end",
          Description: "edited",
          RecordExceptionLevels: ["info"],
        }),
      ]);
      const result = await template.diff("12", olds(), declared());
      assert.equal(result.changes, true);
      assert.equal(result.replaces, undefined);
      const logged = lines().filter((l) => l.includes("≠"));
      assert.equal(logged.length, 3, lines().join("\n"));
      // And one line on the URL change's propagation window (see the rotation tests below).
      assert.equal(lines().length, 4, lines().join("\n"));
      assert.ok(
        logged.some((l) =>
          l.endsWith(
            `streamEndNotifyUrl: live "https://console.example.com/end" ≠ declared "${END}"`,
          ),
        ),
        logged.join("\n"),
      );
      assert.ok(logged.some((l) => l.endsWith(`description: live "edited" ≠ declared "primary"`)));
      assert.ok(
        logged.some((l) =>
          l.endsWith(`recordExceptionLevels: live ["info"] ≠ declared ["error","warning"]`),
        ),
      );
      for (const l of logged) assert.match(l, /CallbackTemplate "main" \(TemplateId 12\)/);
      assertNoWrites(client);
    });

    it("shows a changed key as [secret], never its value", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ CallbackKey: OTHER_KEY })]);
      const result = await template.diff("12", olds(), declared());
      assert.equal(result.changes, true);
      assert.deepEqual(
        lines().map((l) => l.replace(/^.*?\): /, "")),
        [
          "callbackKey: live [secret] ≠ declared [secret]",
          "callbackKey changes; the platform applies it 5-10 minutes after up: " +
            "keep accepting both keys (previousCallbackKey) for at least 10 minutes.",
        ],
      );
      assertNoSecretIn(lines(), KEY, OTHER_KEY);
    });

    it('shows a removed key as [secret] ≠ ""', async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const { callbackKey: _k, ...withoutKey } = declared();
      const result = await template.diff("12", olds(), withoutKey);
      assert.equal(result.changes, true);
      assert.equal(lines().length, 2);
      assert.ok(lines()[0].endsWith('callbackKey: live [secret] ≠ declared ""'), lines()[0]);
      assert.match(lines()[1], /keep accepting the old key \(previousCallbackKey\) and unsigned/);
      assertNoSecretIn(lines(), KEY);
    });

    it("reports a URL removed from the program (live still has it)", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const { streamEndNotifyUrl: _e, ...rest } = declared();
      const result = await template.diff("12", olds(), rest);
      assert.equal(result.changes, true);
      assert.ok(lines()[0].endsWith(`streamEndNotifyUrl: live "${END}" ≠ declared ""`), lines()[0]);
    });

    it("compares recordStatusNotifyUrl with the last applied value, not with live", async () => {
      const { template, client, lines } = setup();
      // Even if an answer carried the field, it must not be used.
      client.describeLiveCallbackTemplates.resolves([
        { ...liveTemplate(), ...{ RecordStatusNotifyUrl: "https://elsewhere.example.com/" } },
      ]);
      const same = await template.diff("12", olds(), declared());
      assert.equal(same.changes, false);
      assert.deepEqual(lines(), []);

      const changed = await template.diff(
        "12",
        olds(),
        declared({ recordStatusNotifyUrl: "https://new.example.com/status" }),
      );
      assert.equal(changed.changes, true);
      assert.equal(lines().length, 2, lines().join("\n"));
      assert.match(lines()[1], new RegExp(`keep the old URL ${STATUS} serving`));
      assert.ok(
        lines()[0].endsWith(
          `recordStatusNotifyUrl: last applied "${STATUS}" ≠ declared "https://new.example.com/status"`,
        ),
        lines()[0],
      );
    });

    it("sees no drift in recordStatusNotifyUrl when Describe omits it (as it always does)", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const result = await template.diff("12", olds(), declared());
      assert.equal(result.changes, false);
    });

    it("reports changes: true for an unknown value, without a drift line for it", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const result = await template.diff("12", olds(), declared({ streamEndNotifyUrl: UNKNOWN }));
      assert.deepEqual(result, { changes: true, stables: ["templateId"] });
      // Only the window: the URL may change, so the one in use now must keep serving.
      assert.deepEqual(lines(), [
        `CallbackTemplate "main" (TemplateId 12): streamEndNotifyUrl changes; the platform ` +
          `applies it 5-10 minutes after up: keep the old URL ${END} serving for at least 10 minutes.`,
      ]);
    });

    it("previews no change for an adopt not known yet: adopt only matters to create", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const result = await template.diff("12", olds(), declared({ adopt: UNKNOWN }));
      assert.equal(result.changes, false);
      assert.deepEqual(lines(), []);
    });

    it("treats a list holding an unknown value as unknown", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const result = await template.diff(
        "12",
        olds(),
        declared({ recordExceptionLevels: [UNKNOWN] }),
      );
      assert.equal(result.changes, true);
      assert.deepEqual(lines(), []);
    });

    // Fails against the current src/provider/check.ts (see check.test.ts): check drops every
    // known value when templateName is unknown, so diff logs false drift for all of them.
    it("logs no false drift after check when only the name is unknown", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const checked = await template.check(olds(), declared({ templateName: UNKNOWN }));
      assert.deepEqual(checked.failures ?? [], []);
      const result = await template.diff("12", olds(), checked.inputs ?? {});
      assert.equal(result.changes, true);
      assert.deepEqual(lines(), []);
    });

    it("plans a replacement when the template is gone", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ TemplateId: 13 })]);
      const result = await template.diff("12", olds(), declared());
      assert.equal(result.changes, true);
      // templateId is the output a replacement changes: bindings that use it follow.
      assert.deepEqual(result.replaces, ["templateId"]);
      assert.equal(lines().length, 1);
      assert.match(lines()[0], /TemplateId 12\) no longer exists/);
      assertNoWrites(client);
    });

    it("explains a failed Describe with the code and RequestId", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.rejects(
        apiError("DescribeLiveCallbackTemplates", "AuthFailure.SignatureExpire", "rid-diff"),
      );
      const err = await rejection(template.diff("12", olds(), declared()));
      assert.match(err.message, /^Diffing CallbackTemplate "main" \(TemplateId 12\)/);
      assert.match(err.message, /AuthFailure\.SignatureExpire/);
      assert.match(err.message, /rid-diff/);
      assert.match(err.message, /TENCENTCLOUD_SECRET_ID/);
    });
  });

  describe("create", () => {
    it("creates with only the declared fields when the name is free", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ TemplateName: "other" })]);
      client.createLiveCallbackTemplate.resolves(41);
      const inputs = {
        templateName: "fresh",
        streamBeginNotifyUrl: BEGIN,
        recordExceptionLevels: ["info", "error"],
        callbackKey: KEY,
        __provider: "p",
      };
      const result = await template.create(inputs as never);
      sinon.assert.calledOnceWithExactly(
        client.createLiveCallbackTemplate,
        {
          TemplateName: "fresh",
          StreamBeginNotifyUrl: BEGIN,
          RecordExceptionLevels: ["error", "info"],
          CallbackKey: KEY,
        },
        // What existed before: a lost answer may only be reconciled with a template not among them.
        { existingIds: [12] },
      );
      sinon.assert.calledWithExactly(client.describeLiveCallbackTemplates.firstCall, {
        fresh: true,
      });
      // The second listing follows the create: another stack may have made the name meanwhile.
      sinon.assert.calledTwice(client.describeLiveCallbackTemplates);
      assert.ok(
        client.describeLiveCallbackTemplates.secondCall.calledAfter(
          client.createLiveCallbackTemplate.firstCall,
        ),
      );
      sinon.assert.notCalled(client.modifyLiveCallbackTemplate);
      sinon.assert.notCalled(client.deleteLiveCallbackTemplate);
      assert.equal(result.id, "41");
      assert.deepEqual(result.outs, {
        templateName: "fresh",
        streamBeginNotifyUrl: BEGIN,
        recordExceptionLevels: ["info", "error"],
        callbackKey: KEY,
        templateId: 41,
      });
    });

    describe("another stack creating the same name at the same moment", () => {
      /** A create of "fresh" answered 41, after which the listing shows `after`. */
      function raced(after: CallBackTemplateInfo[]) {
        const s = setup();
        s.client.describeLiveCallbackTemplates.onFirstCall().resolves([]);
        s.client.describeLiveCallbackTemplates.onSecondCall().resolves(after);
        s.client.createLiveCallbackTemplate.resolves(41);
        s.client.deleteLiveCallbackTemplate.resolves();
        return s;
      }
      const named = (TemplateId: number) => liveTemplate({ TemplateId, TemplateName: "fresh" });

      it("loses to a lower TemplateId: deletes the template it made and names the winner", async () => {
        const { template, client } = raced([named(40), named(41)]);
        const err = await rejection(template.create(declared({ templateName: "fresh" }) as never));
        assert.equal(
          err.message,
          'Creating CallbackTemplate "fresh": another stack created a template named "fresh" at the ' +
            "same moment (TemplateId 40); the lowest TemplateId keeps the name; the template this " +
            "create made (TemplateId 41) was deleted. Two stacks declare one template name: decide " +
            "which stack manages it, and remove it from the other (or import it there with adopt: true).",
        );
        sinon.assert.calledOnceWithExactly(client.deleteLiveCallbackTemplate, 41);
      });

      it("wins against a higher TemplateId still listed: keeps its own, deletes nothing", async () => {
        const { template, client, lines } = raced([named(41), named(42), named(43)]);
        const result = await template.create(declared({ templateName: "fresh" }) as never);
        assert.equal(result.id, "41");
        sinon.assert.notCalled(client.deleteLiveCallbackTemplate);
        assert.deepEqual(lines(), [
          'CallbackTemplate "fresh" (TemplateId 41): template(s) 42, 43 of the same name appeared ' +
            "at the same moment (another stack?); the lowest TemplateId keeps the name, so this one " +
            "is kept and the other creates fail and remove theirs.",
        ]);
      });

      it("loses even when the listing does not show its own template yet", async () => {
        const { template, client } = raced([named(40)]);
        await rejection(template.create(declared({ templateName: "fresh" }) as never));
        sinon.assert.calledOnceWithExactly(client.deleteLiveCallbackTemplate, 41);
      });

      it("deletes its own and fails when the listing after the create cannot be read", async () => {
        const { template, client } = raced([]);
        client.describeLiveCallbackTemplates
          .onSecondCall()
          .rejects(apiError("DescribeLiveCallbackTemplates", "InternalError", "rid-list"));
        const err = await rejection(template.create(declared({ templateName: "fresh" }) as never));
        assert.match(err.message, /named "fresh" at the same moment failed/);
        assert.match(err.message, /rid-list/);
        sinon.assert.calledOnceWithExactly(client.deleteLiveCallbackTemplate, 41);
      });

      it("says the template may remain when deleting it fails too", async () => {
        const { template, client } = raced([named(40), named(41)]);
        client.deleteLiveCallbackTemplate.rejects(
          apiError("DeleteLiveCallbackTemplate", "InternalError", "rid-del"),
        );
        const err = await rejection(template.create(declared({ templateName: "fresh" }) as never));
        assert.match(
          err.message,
          /deleting the template this create made \(TemplateId 41\) failed too \(.*rid-del.*\): /,
        );
        assert.ok(
          err.message.endsWith(
            ": delete TemplateId 41 in the console, then decide which stack manages the name.",
          ),
          err.message,
        );
        // The delete's own error stays reachable (its code, RequestId) behind the explanation.
        const inner = err.cause as Error;
        assert.equal((inner.cause as { requestId?: string }).requestId, "rid-del");
      });

      it("both sides reach the same answer from any listing that holds both", () => {
        for (const listing of [
          [named(40), named(41)],
          [named(41), named(40), liveTemplate({ TemplateId: 7, TemplateName: "other" })],
        ]) {
          assert.deepEqual(decideNameRace(listing, "fresh", 40), { kind: "won", others: [41] });
          assert.deepEqual(decideNameRace(listing, "fresh", 41), { kind: "lost", winner: 40 });
        }
        assert.deepEqual(decideNameRace([named(40)], "fresh", 40), { kind: "alone" });
        // Describe may leave a field out: a template of the name without an id cannot be
        // compared, so it neither wins nor makes this create delete its own template.
        const noId = { ...named(0), TemplateId: undefined };
        assert.deepEqual(decideNameRace([named(40), noId], "fresh", 40), { kind: "alone" });
      });
    });

    it("refuses a name that several templates in the account bear, listing their ids", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ TemplateId: 12 }),
        liveTemplate({ TemplateId: 7, TemplateName: "other" }),
        liveTemplate({ TemplateId: 30 }),
      ]);
      const err = await rejection(template.create(declared({ adopt: true }) as never));
      assert.equal(
        err.message,
        'Creating CallbackTemplate "main": 2 templates in the account are named "main" ' +
          "(TemplateIds 12, 30); a name must identify one template for this library to manage " +
          "it. Rename or delete the extra ones in the console. Nothing was changed.",
      );
      assertNoWrites(client);
    });

    it("refuses a different template of the same name without adopt, writing nothing", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ StreamEndNotifyUrl: "" })]);
      const err = await rejection(template.create(declared() as never));
      assert.equal(
        err.message,
        'Creating CallbackTemplate "main": a callback template named "main" already exists in the ' +
          "account (TemplateId 12), and this resource does not manage it. Taking over an existing " +
          "template requires adopt: true. If it was made in the console, or by an earlier run that " +
          "was interrupted before Pulumi recorded it, set adopt: true on this CallbackTemplate to " +
          "manage it (it is changed to match the declaration). If you renamed this resource in the " +
          "program, add its old name to the aliases resource option instead, so that Pulumi keeps " +
          "managing the template under the new name. If an earlier pulumi up was interrupted " +
          "(killed) after making it, run the next pulumi up with TENCENTCLOUD_LIVE_ADOPT_MATCHING=true " +
          "(or config tencentcloud-live:adoptMatching=true): it takes over objects that already " +
          "match the program exactly, and nothing else. Nothing was changed.",
      );
      assertNoSecretIn([err.message], KEY);
      assertNoWrites(client);
    });

    it("with adopt, modifies the existing template with every readable field and its id", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ TemplateId: 30, TemplateName: "taken", SnapshotNotifyUrl: "https://s/" }),
      ]);
      client.modifyLiveCallbackTemplate.resolves();
      const before = Date.now();
      const result = await template.create({
        templateName: "taken",
        streamEndNotifyUrl: END,
        adopt: true,
      });
      // Adopting without a key removes the template's key: a key change like any other.
      const { callbackKeyChangedAt, ...outs } = result.outs as CallbackTemplateOutputs;
      assertChangedAt(callbackKeyChangedAt, before);
      // The write-only URL is not declared: whatever it holds is left as it is.
      const { RecordStatusNotifyUrl: _untouched, ...readableCleared } = ALL_CLEARED;
      sinon.assert.calledOnceWithExactly(client.modifyLiveCallbackTemplate, {
        ...readableCleared,
        TemplateId: 30,
        TemplateName: "taken",
        StreamEndNotifyUrl: END,
      });
      sinon.assert.notCalled(client.createLiveCallbackTemplate);
      assert.equal(result.id, "30");
      assert.deepEqual(outs, {
        templateName: "taken",
        streamEndNotifyUrl: END,
        adopt: true,
        templateId: 30,
        previousCallbackKey: KEY,
      });
      assert.equal(lines().length, 2, lines().join("\n"));
      assert.match(
        lines()[0],
        /adopting the existing template and setting description, streamBeginNotifyUrl/,
      );
      assertNoSecretIn(lines(), KEY);
    });

    it("refuses an identical template without adopt too, writing nothing", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const err = await rejection(template.create(declared() as never));
      assert.match(
        err.message,
        /^Creating CallbackTemplate "main": a callback template named "main" already exists/,
      );
      assertNoWrites(client);
    });

    it("with adopt, writes nothing to a template that already matches the declaration", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const { recordStatusNotifyUrl: _s, ...readable } = declared();
      const result = await template.create({ ...readable, adopt: true } as never);
      assertNoWrites(client);
      assert.equal(result.id, "12");
      assert.deepEqual(result.outs, { ...readable, adopt: true, templateId: 12 });
      assert.match(lines()[0], /adopting the existing template; it already matches/);
    });

    it("with adopt, sends a declared write-only URL even when everything readable matches", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      client.modifyLiveCallbackTemplate.resolves();
      await template.create({ ...declared(), adopt: true } as never);
      sinon.assert.calledOnce(client.modifyLiveCallbackTemplate);
      assert.equal(client.modifyLiveCallbackTemplate.args[0][0].RecordStatusNotifyUrl, STATUS);
    });

    it("refuses a second resource with the same name in one process before any call", async () => {
      const { template, client } = setup();
      client.createLiveCallbackTemplate.resolves(41);
      await template.create({ templateName: "once", streamEndNotifyUrl: END });
      client.describeLiveCallbackTemplates.resetHistory();
      const err = await rejection(
        template.create({ templateName: "once", streamEndNotifyUrl: END, adopt: true }),
      );
      assert.equal(
        err.message,
        'Creating CallbackTemplate "once": another CallbackTemplate of this stack also declares the ' +
          'template named "once". One template can be managed by one resource only: give each ' +
          "resource its own templateName, or remove the duplicate declaration. Nothing was changed.",
      );
      sinon.assert.notCalled(client.describeLiveCallbackTemplates);
      sinon.assert.calledOnce(client.createLiveCallbackTemplate);
      // A rename onto the claimed name is refused the same way.
      const renamed = await rejection(
        template.update("12", olds(), { ...declared(), templateName: "once" } as never),
      );
      assert.match(
        renamed.message,
        /another CallbackTemplate of this stack also declares the template named "once"/,
      );
      assertNoWrites({ ...client, createLiveCallbackTemplate: sinon.stub() } as never);
    });

    it("gives the name back when the create fails, so a corrected retry in the process may claim it", async () => {
      const { template, client } = setup();
      client.createLiveCallbackTemplate
        .onFirstCall()
        .rejects(apiError("CreateLiveCallbackTemplate", "InvalidParameter.UrlNotSafe"));
      client.createLiveCallbackTemplate.onSecondCall().resolves(42);
      await assert.rejects(template.create({ templateName: "retry", streamEndNotifyUrl: END }));
      const again = await template.create({ templateName: "retry", streamEndNotifyUrl: END });
      assert.equal(again.id, "42");
    });

    it("refuses when two templates carry the name, naming both, writing nothing", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ TemplateId: 5 }),
        liveTemplate({ TemplateId: 6 }),
      ]);
      const err = await rejection(template.create({ ...declared(), adopt: true } as never));
      assert.match(err.message, /^Creating CallbackTemplate "main"/);
      assert.match(err.message, /2 templates/);
      assert.match(err.message, /5, 6/);
      assertNoWrites(client);
    });

    it("explains the quota error with its code, RequestId and the limit of 50", async () => {
      const { template, client } = setup();
      client.createLiveCallbackTemplate.rejects(
        apiError("CreateLiveCallbackTemplate", "InternalError.ConfOutLimit", "rid-quota-7"),
      );
      const err = await rejection(template.create({ templateName: "n", streamEndNotifyUrl: END }));
      assert.match(err.message, /^Creating CallbackTemplate "n"/);
      assert.match(err.message, /InternalError\.ConfOutLimit/);
      assert.match(err.message, /rid-quota-7/);
      assert.match(err.message, /\b50\b/);
    });

    it("explains a failed listing and creates nothing", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.rejects(
        apiError("DescribeLiveCallbackTemplates", "ResourceNotFound.StopService", "rid-s"),
      );
      const err = await rejection(template.create({ templateName: "n", streamEndNotifyUrl: END }));
      assert.match(err.message, /ResourceNotFound\.StopService/);
      assert.match(err.message, /rid-s/);
      assert.match(err.message, /not active/);
      assertNoWrites(client);
    });

    it("explains a non-API failure too", async () => {
      const { template, client } = setup();
      client.createLiveCallbackTemplate.rejects(new TypeError("socket hang up"));
      const err = await rejection(template.create({ templateName: "n", streamEndNotifyUrl: END }));
      assert.equal(err.message, 'Creating CallbackTemplate "n": socket hang up');
    });
  });

  describe("update", () => {
    describe("a rename", () => {
      function renaming(listing: CallBackTemplateInfo[]) {
        const s = setup();
        s.client.describeLiveCallbackTemplates.resolves(listing);
        s.client.modifyLiveCallbackTemplate.resolves();
        return s;
      }

      it("asks a fresh listing and renames when no other template has the name", async () => {
        const { template, client } = renaming([
          liveTemplate(),
          liveTemplate({ TemplateId: 7, TemplateName: "other" }),
        ]);
        await template.update("12", olds(), declared({ templateName: "renamed" }) as never);
        sinon.assert.calledOnceWithExactly(client.describeLiveCallbackTemplates, { fresh: true });
        sinon.assert.calledOnce(client.modifyLiveCallbackTemplate);
        assert.equal(client.modifyLiveCallbackTemplate.args[0][0].TemplateName, "renamed");
      });

      it("goes ahead when the listing shows this template already bearing the name", async () => {
        const { template, client } = renaming([liveTemplate({ TemplateName: "renamed" })]);
        await template.update("12", olds(), declared({ templateName: "renamed" }) as never);
        sinon.assert.calledOnce(client.modifyLiveCallbackTemplate);
      });

      it("refuses a name another template has, writing nothing", async () => {
        const { template, client } = renaming([
          liveTemplate(),
          liveTemplate({ TemplateId: 30, TemplateName: "renamed" }),
        ]);
        const err = await rejection(
          template.update("12", olds(), declared({ templateName: "renamed" }) as never),
        );
        assert.equal(
          err.message,
          'Updating CallbackTemplate "main" (TemplateId 12): cannot rename it to "renamed": ' +
            "template 30 already has that name. Nothing was changed.",
        );
        assertNoWrites(client);
      });
    });

    it("a second update without a diff plans from its stored outputs, not from the listing an earlier diff read", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      client.modifyLiveCallbackTemplate.resolves();
      await template.diff("12", olds(), declared({ callbackKey: OTHER_KEY }));
      const first = await template.update(
        "12",
        olds(),
        declared({ callbackKey: OTHER_KEY }) as never,
      );
      const second = await template.update(
        "12",
        first.outs as CallbackTemplateOutputs,
        declared({ callbackKey: "ThirdKey33" }) as never,
      );
      // The key the first update wrote, not the one the diff saw before it.
      assert.equal((second.outs as CallbackTemplateOutputs).previousCallbackKey, OTHER_KEY);
    });

    it('sends every field, a dropped URL as ""', async () => {
      const { template, client } = setup();
      client.modifyLiveCallbackTemplate.resolves();
      const news = {
        templateName: "main",
        description: "primary",
        streamBeginNotifyUrl: BEGIN,
        recordExceptionLevels: ["warning", "error"],
        callbackKey: OTHER_KEY,
        __provider: "new",
      };
      const before = Date.now();
      const result = await template.update("12", olds(), news as never);
      const { callbackKeyChangedAt, ...outs } = result.outs as CallbackTemplateOutputs;
      assertChangedAt(callbackKeyChangedAt, before);
      sinon.assert.calledOnceWithExactly(client.modifyLiveCallbackTemplate, {
        ...ALL_CLEARED,
        TemplateId: 12,
        TemplateName: "main",
        Description: "primary",
        StreamBeginNotifyUrl: BEGIN,
        RecordExceptionLevels: ["error", "warning"],
        CallbackKey: OTHER_KEY,
      });
      assert.deepEqual(outs, {
        templateName: "main",
        description: "primary",
        streamBeginNotifyUrl: BEGIN,
        recordExceptionLevels: ["warning", "error"],
        callbackKey: OTHER_KEY,
        templateId: 12,
        previousCallbackKey: KEY,
      });
      sinon.assert.notCalled(client.createLiveCallbackTemplate);
    });

    it("explains a failed Modify with the code and RequestId", async () => {
      const { template, client } = setup();
      client.modifyLiveCallbackTemplate.rejects(
        apiError("ModifyLiveCallbackTemplate", "InvalidParameter.UrlNotSafe", "rid-m"),
      );
      const err = await rejection(template.update("12", olds(), declared() as never));
      assert.match(err.message, /^Updating CallbackTemplate "main" \(TemplateId 12\)/);
      assert.match(err.message, /InvalidParameter\.UrlNotSafe/);
      assert.match(err.message, /rid-m/);
    });
  });

  describe("read", () => {
    it("returns an empty id when the template is gone", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ TemplateId: 99 })]);
      assert.deepEqual(await template.read("12", olds()), { id: "" });
    });

    it("returns the live values, with recordStatusNotifyUrl and adopt from the old props", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ Description: "", StreamEndNotifyUrl: "https://console.example.com/e" }),
      ]);
      const result = await template.read("12", olds({ adopt: true }));
      const inputs = {
        templateName: "main",
        streamBeginNotifyUrl: BEGIN,
        streamEndNotifyUrl: "https://console.example.com/e",
        recordStatusNotifyUrl: STATUS,
        recordExceptionLevels: ["error", "warning"],
        callbackKey: KEY,
        adopt: true,
      };
      assert.deepEqual(result, { id: "12", props: { ...inputs, templateId: 12 }, inputs });
    });

    it("never returns a key the resource did not declare, in inputs or props", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ CallbackKey: "ConsoleSet123" }),
      ]);
      for (const previous of [olds({ callbackKey: undefined }), undefined]) {
        const result = await template.read("12", previous);
        assert.equal(result.inputs?.callbackKey, undefined);
        assert.equal(result.props?.callbackKey, undefined);
        assert.ok(!JSON.stringify(result).includes("ConsoleSet123"));
      }
      // Declared before: read back, so refresh shows the console's new key (kept secret).
      const declaredKey = await template.read("12", olds());
      assert.equal(declaredKey.inputs?.callbackKey, "ConsoleSet123");
    });

    it("at import under a host that keeps outputs secret (the plugin), returns the live key as an output only", async () => {
      const s = stubContext();
      const template = createTemplateProvider({ ...s.ctx, secretOutputs: true });
      s.client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ CallbackKey: "ConsoleSet123" }),
      ]);
      const imported = await template.read("12");
      // The CLI writes the program from the inputs, in plain text: never the key there.
      assert.equal(imported.inputs?.callbackKey, undefined);
      assert.equal(imported.props?.callbackKey, "ConsoleSet123");
      // A refresh of a resource that declared no key still reads none back.
      const refreshed = await template.read("12", olds({ callbackKey: undefined }));
      assert.ok(!JSON.stringify(refreshed).includes("ConsoleSet123"));
      // A template without a key gets no key output.
      s.client.describeLiveCallbackTemplates.resolves([liveTemplate({ CallbackKey: "" })]);
      assert.equal((await template.read("12")).props?.callbackKey, undefined);
    });

    it("tells the client of the stored key on every entry point, so errors cannot quote it", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      client.modifyLiveCallbackTemplate.resolves();
      client.deleteLiveCallbackTemplate.resolves();
      await template.diff("12", olds(), declared({ callbackKey: OTHER_KEY }));
      await template.read("12", olds());
      await template.update("12", olds(), declared({ callbackKey: OTHER_KEY }) as never);
      await template.delete("12", olds());
      const told = new Set(client.protectSecret.args.map(([v]) => v));
      assert.deepEqual([...told].sort(), [KEY, OTHER_KEY].sort());
      // The update told it of the old key as well as the new one.
      assert.ok(client.protectSecret.calledWith(KEY));
    });

    it("works without old props", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate({ CallbackKey: "" })]);
      const result = await template.read("12");
      assert.deepEqual(result.inputs, {
        templateName: "main",
        description: "primary",
        streamBeginNotifyUrl: BEGIN,
        streamEndNotifyUrl: END,
        recordExceptionLevels: ["error", "warning"],
      });
      assert.equal(result.props?.templateId, 12);
    });

    it("explains a failed listing", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.rejects(
        apiError("DescribeLiveCallbackTemplates", "InternalError", "rid-r"),
      );
      const err = await rejection(template.read("12", olds()));
      assert.match(err.message, /^Reading CallbackTemplate "main" \(TemplateId 12\)/);
      assert.match(err.message, /rid-r/);
    });
  });

  describe("how messages name a template", () => {
    it("an import's read that fails names the id, the name being unknown", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.rejects(new Error("ECONNRESET"));
      const err = await rejection(template.read("12"));
      assert.equal(err.message, 'Reading CallbackTemplate "?" (TemplateId 12): ECONNRESET');
    });

    it("a name not known yet (preview) is shown as ?, an empty id not at all", () => {
      assert.equal(
        templateLabel({ templateName: UNKNOWN }, 12),
        'CallbackTemplate "?" (TemplateId 12)',
      );
      assert.equal(templateLabel({ templateName: "main" }, ""), 'CallbackTemplate "main"');
      assert.equal(
        templateLabel({ templateName: "main" }, "12"),
        'CallbackTemplate "main" (TemplateId 12)',
      );
    });
  });

  describe("delete", () => {
    it("deletes by numeric id", async () => {
      const { template, client } = setup();
      client.deleteLiveCallbackTemplate.resolves();
      await template.delete("12", olds());
      sinon.assert.calledOnceWithExactly(client.deleteLiveCallbackTemplate, 12);
    });

    for (const code of ["InternalError.ConfNotFound", "FailedOperation.NotFound"]) {
      it(`succeeds when the template is already gone (${code})`, async () => {
        const { template, client } = setup();
        client.deleteLiveCallbackTemplate.rejects(apiError("DeleteLiveCallbackTemplate", code));
        await template.delete("12", olds());
        sinon.assert.calledOnce(client.deleteLiveCallbackTemplate);
      });
    }

    for (const code of ["FailedOperation.ConfInUsed", "InternalError.ConfInUsed"]) {
      it(`lists every binding that still uses it (${code})`, async () => {
        const { template, client } = setup();
        client.deleteLiveCallbackTemplate.rejects(
          apiError("DeleteLiveCallbackTemplate", code, "rid-inuse"),
        );
        const rules: CallBackRuleInfo[] = [
          { DomainName: "push.a.com", AppName: "live", TemplateId: 12 },
          { DomainName: "push.b.com", AppName: "app2", TemplateId: 12 },
          { DomainName: "push.c.com", AppName: "live", TemplateId: 13 },
        ];
        client.describeLiveCallbackRules.resolves(rules);
        const err = await rejection(template.delete("12", olds()));
        assert.match(err.message, /^Deleting CallbackTemplate "main" \(TemplateId 12\)/);
        assert.match(err.message, /push\.a\.com\/live, push\.b\.com\/app2/);
        assert.ok(!err.message.includes("push.c.com"), err.message);
        assert.match(err.message, /Remove those bindings first/);
        assert.ok(err.message.includes(code), err.message);
        assert.match(err.message, /rid-inuse/);
        sinon.assert.calledOnce(client.deleteLiveCallbackTemplate);
        sinon.assert.notCalled(client.deleteLiveCallbackRule);
      });
    }

    it("still explains in-use when no rule is found for it", async () => {
      const { template, client } = setup();
      client.deleteLiveCallbackTemplate.rejects(
        apiError("DeleteLiveCallbackTemplate", "FailedOperation.ConfInUsed", "rid-none"),
      );
      client.describeLiveCallbackRules.resolves([]);
      const err = await rejection(template.delete("12", olds()));
      assert.equal(
        err.message,
        'Deleting CallbackTemplate "main" (TemplateId 12): it is still bound by some callback ' +
          "rule(s). Remove those bindings first (delete their DomainCallbackBinding resources, or " +
          "the rules in the console), then run again. Nothing was deleted. " +
          "(FailedOperation.ConfInUsed, RequestId rid-none)",
      );
    });

    it("in use, and the rules cannot be listed: says both, keeping the listing's error as the cause", async () => {
      const { template, client } = setup();
      client.deleteLiveCallbackTemplate.rejects(
        apiError("DeleteLiveCallbackTemplate", "FailedOperation.ConfInUsed", "rid-bound"),
      );
      const listError = apiError("DescribeLiveCallbackRules", "InternalError", "rid-list");
      client.describeLiveCallbackRules.rejects(listError);
      const err = await rejection(template.delete("12", olds()));
      assert.equal(
        err.message,
        'Deleting CallbackTemplate "main" (TemplateId 12): it is still bound ' +
          "(FailedOperation.ConfInUsed, RequestId rid-bound), and listing the rules failed: " +
          listError.message,
      );
      assert.equal((err.cause as Error).cause, listError);
    });

    it("leaves a template adopted by a resource of this deployment, saying why", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([liveTemplate()]);
      const { recordStatusNotifyUrl: _s, ...readable } = declared();
      await template.create({ ...readable, adopt: true } as never);
      lines();
      await template.delete("12", olds());
      sinon.assert.notCalled(client.deleteLiveCallbackTemplate);
      assert.equal(
        lines().at(-1),
        'CallbackTemplate "main" (TemplateId 12): not deleted, a resource of this deployment ' +
          "adopted it (a resource renamed in the program?).",
      );
    });

    it("rethrows other API errors with the code and RequestId", async () => {
      const { template, client } = setup();
      client.deleteLiveCallbackTemplate.rejects(
        apiError("DeleteLiveCallbackTemplate", "AuthFailure.SignatureFailure", "rid-del"),
      );
      const err = await rejection(template.delete("12", olds()));
      assert.match(err.message, /^Deleting CallbackTemplate "main" \(TemplateId 12\)/);
      assert.match(err.message, /AuthFailure\.SignatureFailure/);
      assert.match(err.message, /rid-del/);
      sinon.assert.notCalled(client.describeLiveCallbackRules);
    });

    it("rethrows a non-API failure", async () => {
      const { template, client } = setup();
      client.deleteLiveCallbackTemplate.rejects(new Error("ECONNRESET"));
      const err = await rejection(template.delete("12", olds()));
      assert.match(err.message, /Deleting CallbackTemplate "main".*ECONNRESET/);
    });
  });

  describe("unset fields returned missing, as null or as empty, and the alarm level", () => {
    /** The live template with every unset field spelled one way. */
    function spelled(how: "missing" | "null" | "empty"): CallBackTemplateInfo {
      const unset = [
        "RecordNotifyUrl",
        "SnapshotNotifyUrl",
        "PornCensorshipNotifyUrl",
        "StreamMixNotifyUrl",
        "PushExceptionNotifyUrl",
        "AudioAuditNotifyUrl",
        "RecordExceptionNotifyUrl",
      ];
      const info: Record<string, unknown> = { ...liveTemplate() };
      for (const k of unset) {
        if (how === "missing") delete info[k];
        else info[k] = how === "null" ? null : "";
      }
      return info as CallBackTemplateInfo;
    }
    const { recordStatusNotifyUrl: _s, ...readable } = declared();

    for (const how of ["missing", "null", "empty"] as const) {
      it(`reads unset fields returned ${how} as unset: no drift, clean read, adoption writes nothing`, async () => {
        const { template, client, lines } = setup();
        client.describeLiveCallbackTemplates.resolves([spelled(how)]);
        const diff = await template.diff("12", olds(), declared());
        assert.equal(diff.changes, false);
        const read = await template.read("12", olds());
        assert.deepEqual(read.inputs, declared());
        const adopted = await template.create({ ...readable, adopt: true } as never);
        assert.equal(adopted.id, "12");
        assertNoWrites(client);
        assert.ok(!lines().some((l) => l.includes("≠")), lines().join("\n"));
      });
    }

    it("reads null levels and a null key as none", async () => {
      const { template, client } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ RecordExceptionLevels: null, CallbackKey: null } as never),
      ]);
      const read = await template.read("12", olds());
      assert.equal(read.inputs?.recordExceptionLevels, undefined);
      assert.equal(read.inputs?.callbackKey, undefined);
    });

    it("takes a live alarm level for the declared warning: no drift, and read says warning", async () => {
      const { template, client, lines } = setup();
      client.describeLiveCallbackTemplates.resolves([
        liveTemplate({ RecordExceptionLevels: ["error", "alarm"] }),
      ]);
      assert.equal((await template.diff("12", olds(), declared())).changes, false);
      assert.deepEqual(lines(), []);
      const read = await template.read("12", olds());
      assert.deepEqual(read.inputs?.recordExceptionLevels, ["error", "warning"]);
      // What read returns passes check, so a refreshed state can be applied again.
      const checked = await template.check({}, read.inputs as Record<string, unknown>);
      assert.equal(checked.failures?.length ?? 0, 0);
      // A live alarm against a declared info is real drift, shown as such.
      await template.diff("12", olds(), declared({ recordExceptionLevels: ["error", "info"] }));
      assert.ok(lines().some((l) => l.includes("recordExceptionLevels")));
    });
  });
});
