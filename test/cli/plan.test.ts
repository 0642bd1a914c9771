// What an import declares for an account: every readable field exactly as the API returned it
// (so adopting writes nothing), keys only as secrets, and whatever cannot be adopted left out
// with the reason.
import assert from "node:assert/strict";
import type { CallBackRuleInfo, CallBackTemplateInfo } from "../../src/api/models";
import { planImport, type AccountListing } from "../../src/cli/import/plan";
import { compare } from "../../src/provider/template/fields";

const full: CallBackTemplateInfo = {
  TemplateId: 1001,
  TemplateName: "生产回调",
  Description: "生产环境直播回调",
  StreamBeginNotifyUrl: "https://hooks.example.com/begin",
  StreamEndNotifyUrl: "https://hooks.example.com/end",
  RecordNotifyUrl: "https://hooks.example.com/record",
  SnapshotNotifyUrl: "https://hooks.example.com/snapshot",
  PornCensorshipNotifyUrl: "https://hooks.example.com/porn",
  PushExceptionNotifyUrl: "https://hooks.example.com/push-exception",
  AudioAuditNotifyUrl: "https://hooks.example.com/audio",
  RecordExceptionNotifyUrl: "https://hooks.example.com/record-exception",
  RecordExceptionLevels: ["warning", "error"],
  CallbackKey: "ProdKey2024",
};

// Unset fields as the real API may return them: missing, null or "".
const sparse = {
  TemplateId: 1002,
  TemplateName: "backup_hooks",
  Description: "",
  StreamBeginNotifyUrl: "https://backup.example.com/begin",
  StreamEndNotifyUrl: null,
  RecordExceptionLevels: [],
  CallbackKey: "",
} as unknown as CallBackTemplateInfo;

const alarm: CallBackTemplateInfo = {
  TemplateId: 1003,
  TemplateName: "alarm_levels",
  RecordExceptionNotifyUrl: "https://alarm.example.com/rex",
  RecordExceptionLevels: ["alarm", "info"],
  CallbackKey: "AlarmKey1",
};

function rule(domain: string, app: string, templateId: number): CallBackRuleInfo {
  return {
    DomainName: domain,
    AppName: app,
    TemplateId: templateId,
    CreateTime: "2026-01-01 00:00:00",
    UpdateTime: "2026-01-01 00:00:00",
  };
}

describe("cli: planning an import", () => {
  it("declares every readable field as returned and nothing unset: adopting finds nothing to change", () => {
    const account: AccountListing = { templates: [full, sparse, alarm], rules: [] };
    const plan = planImport(account);
    assert.equal(plan.templates.length, 3);
    for (const planned of plan.templates) {
      const info = account.templates.find((t) => t.TemplateId === planned.templateId)!;
      const declared = { ...planned.inputs, callbackKey: planned.secret?.value };
      assert.deepEqual(compare(declared, info, {}), [], planned.templateName);
      assert.equal(planned.inputs.adopt, true);
      assert.equal("callbackKey" in planned.inputs, false, "the key is never an input value");
      // Unset fields are left out, never written as "" or [].
      for (const [k, v] of Object.entries(planned.inputs)) {
        assert.ok(v !== "" && !(Array.isArray(v) && v.length === 0), `${k} is empty`);
      }
    }
    assert.deepEqual(plan.templates[1].inputs, {
      templateName: "backup_hooks",
      streamBeginNotifyUrl: "https://backup.example.com/begin",
      adopt: true,
    });
    assert.equal(plan.templates[1].secret, undefined, "an empty key is no key");
    assert.deepEqual(plan.templates[2].inputs.recordExceptionLevels, ["info", "warning"]);
    assert.deepEqual(plan.templates[0].secret, {
      configKey: "callbackKey_template1001",
      value: "ProdKey2024",
    });
    // What compare is given matters: a changed field must show (the check above can fail).
    const changed = { ...plan.templates[1].inputs, streamEndNotifyUrl: "https://x.example.com" };
    assert.equal(compare(changed, sparse, {}).length, 1);
  });

  it("binds each rule to its template's declaration, in domain and app order", () => {
    const plan = planImport({
      templates: [full, sparse],
      rules: [
        rule("push.example.com", "live", 1001),
        rule("Push2.example.com", "live", 1001),
        rule("push.example.com", "game", 1001),
        rule("backup.example.com", "live", 1002),
      ],
    });
    assert.deepEqual(
      plan.bindings.map((b) => [b.resourceName, b.domainName, b.appName, b.template.variable]),
      [
        ["backup.example.com-live", "backup.example.com", "live", "backupHooks"],
        ["push.example.com-game", "push.example.com", "game", "template1001"],
        ["push.example.com-live", "push.example.com", "live", "template1001"],
        ["push2.example.com-live", "Push2.example.com", "live", "template1001"],
      ],
    );
    assert.deepEqual(plan.skippedRules, []);
  });

  it("leaves out a rule whose template no longer exists, saying so", () => {
    const plan = planImport({ templates: [sparse], rules: [rule("old.example.com", "live", 999)] });
    assert.deepEqual(plan.bindings, []);
    assert.deepEqual(plan.skippedRules, [
      { what: "rule old.example.com/live", reason: "its template 999 no longer exists." },
    ]);
  });

  it("leaves out templates that share a name, and the rules that use them", () => {
    const twin = { ...sparse, TemplateId: 1010, CallbackKey: "TwinKey1" };
    const plan = planImport({
      templates: [full, sparse, twin],
      rules: [rule("twin.example.com", "live", 1010)],
    });
    assert.deepEqual(
      plan.templates.map((t) => t.templateId),
      [1001],
    );
    assert.equal(plan.skippedTemplates.length, 2);
    for (const s of plan.skippedTemplates) {
      assert.match(s.what, /^template 10(02|10) "backup_hooks"$/);
      assert.match(
        s.reason,
        /2 templates in the account are named "backup_hooks" \(TemplateIds 1002, 1010\)/,
      );
    }
    assert.deepEqual(plan.skippedRules, [
      {
        what: "rule twin.example.com/live",
        reason: 'its template 1010 "backup_hooks" is not imported (see above).',
      },
    ]);
  });

  it("leaves out a template that check would refuse, with check's reasons and no key", () => {
    const spaced = {
      ...sparse,
      TemplateId: 1020,
      TemplateName: "bad name",
      CallbackKey: "Bad Key!",
    };
    const urlless = { TemplateId: 1021, TemplateName: "status_only", CallbackKey: "StatusKey1" };
    const plan = planImport({ templates: [spaced, urlless], rules: [] });
    assert.deepEqual(plan.templates, []);
    const [a, b] = plan.skippedTemplates;
    assert.match(a.reason, /templateName may contain only Chinese characters, letters, digits/);
    assert.match(a.reason, /callbackKey may contain only letters and digits; got \[secret\]/);
    assert.doesNotMatch(JSON.stringify(plan), /Bad Key!|StatusKey1/);
    assert.match(b.reason, /at least one callback URL must be set/);
    assert.match(b.reason, /recordStatusNotifyUrl, which the API never returns/);
  });

  it("keeps one rule of a domain spelled in two letter cases: the one a binding would adopt", () => {
    const plan = planImport({
      templates: [full],
      rules: [rule("Push.Example.com", "live", 1001), rule("push.example.com", "live", 1001)],
    });
    assert.deepEqual(
      plan.bindings.map((b) => b.domainName),
      ["push.example.com"],
    );
    assert.equal(plan.skippedRules.length, 1);
    assert.equal(plan.skippedRules[0].what, "rule Push.Example.com/live");
    assert.match(plan.skippedRules[0].reason, /push\.example\.com\/live has the same domain/);
  });

  it("with domains, declares only their rules and the templates those use", () => {
    const plan = planImport(
      {
        templates: [full, sparse, alarm],
        rules: [
          rule("Push.example.com", "live", 1001),
          rule("push.example.com", "game", 1003),
          rule("other.example.com", "live", 1002),
        ],
      },
      { domains: ["PUSH.example.com", "missing.example.com"] },
    );
    assert.deepEqual(
      plan.templates.map((t) => t.templateId),
      [1001, 1003],
    );
    assert.deepEqual(
      plan.bindings.map((b) => `${b.domainName}/${b.appName}`),
      ["push.example.com/game", "Push.example.com/live"],
    );
    assert.deepEqual(plan.unmatchedDomains, ["missing.example.com"]);
  });

  it("gives colliding names distinct, stable variables, resource and config names", () => {
    const a = { ...sparse, TemplateId: 1030, TemplateName: "prod_hooks", CallbackKey: "KeyA1" };
    const b = { ...sparse, TemplateId: 1031, TemplateName: "prod-hooks", CallbackKey: "KeyB1" };
    const c = { ...sparse, TemplateId: 1032, TemplateName: "prodHooks" };
    const plan = planImport({ templates: [c, b, a], rules: [] });
    assert.deepEqual(
      plan.templates.map((t) => [t.templateId, t.variable, t.resourceName, t.secret?.configKey]),
      [
        [1030, "prodHooks", "prod_hooks", "callbackKey_prodHooks"],
        [1031, "prodHooks1031", "prod-hooks", "callbackKey_prodHooks1031"],
        [1032, "prodHooks1032", "prodHooks", undefined],
      ],
    );
  });

  it("notes a template beyond the console's limits, which it still declares", () => {
    const long = { ...sparse, TemplateId: 1040, TemplateName: "n".repeat(40) };
    const [planned] = planImport({ templates: [long], rules: [] }).templates;
    assert.equal(planned.templateName, "n".repeat(40));
    assert.match(planned.notes.join(" "), /templateName has 40 characters, more than the 30/);
  });
});
