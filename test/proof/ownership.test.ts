// One owner per cloud object, proven the way `pulumi up` runs: the PACKED library in a consumer
// project, Pulumi's own dynamic-provider host over gRPC, and steps in flight at once as the
// engine schedules them (one provider process per deployment), against the emulator under both
// duplicate-rule behaviours and under faults.
import { writeCount } from "../support/writes";
import assert from "node:assert/strict";
import { useHostProject } from "../support/hostProject";
import {
  outputOf,
  resourceUrn,
  runDeployment,
  upAll,
  type DeclaredResource,
  type EngineState,
  type UpOutcome,
} from "../harness";

/** The engine's default is several steps at once per CPU; more than enough to overlap all. */
const PARALLELISM = 8;

function template(name: string, inputs: Record<string, unknown>): DeclaredResource {
  return { urn: resourceUrn("template", name), kind: "template", inputs };
}

function binding(name: string, inputs: Record<string, unknown>): DeclaredResource {
  return {
    urn: resourceUrn("binding", name),
    kind: "binding",
    inputs: { appName: "live", ...inputs },
  };
}

const hooks = (tag: string) => ({
  streamBeginNotifyUrl: `https://${tag}.example.com/begin`,
  callbackKey: `Key${tag.replace(/[^A-Za-z0-9]/g, "")}0123`,
});

describe("one owner per cloud object, through Pulumi's dynamic-provider host", function () {
  this.timeout(60_000);
  // A little latency per call, so that concurrent steps really overlap inside the API.
  const suite = useHostProject({ emulator: { latencyMs: 15 } });
  const emulator = suite.live;

  /** One deployment: a fresh host process, the program's steps run concurrently. */
  async function deploy(state: EngineState, resources: DeclaredResource[]): Promise<UpOutcome> {
    const project = suite.project();
    const program = { providers: project.providers, resources };
    const { result } = await runDeployment(project.dir, emulator().stackConfig, (host) =>
      upAll(host, state, program, { parallelism: PARALLELISM }),
    );
    return result;
  }

  const opOf = (outcome: UpOutcome, urn: string) =>
    outcome.steps.find((s) => s.urn === urn)?.op ??
    (outcome.failures.some((f) => f.urn === urn) ? "failed" : "not run");

  beforeEach(async () => {
    await emulator().emulator.reset();
    emulator().emulator.configure({ duplicateRules: "reject", ruleDomainCase: "exact" });
  });

  describe("parallel creates of one template name", () => {
    const cases: [string, object | undefined][] = [
      ["no fault", undefined],
      ["an HTTP 500 on the first create", { mode: "http-500" }],
      ["a dropped answer to the first create", { mode: "drop-after-commit" }],
      ["throttling of the first create", { error: { code: "RequestLimitExceeded" } }],
    ];
    for (const [what, fault] of cases) {
      it(`one resource gets the name, the other is refused at once (${what})`, async () => {
        if (fault) {
          emulator().emulator.injectFaults({
            action: "CreateLiveCallbackTemplate",
            times: 1,
            ...fault,
          });
        }
        const a = template("copy-a", { templateName: "shared", ...hooks("a") });
        const b = template("copy-b", { templateName: "shared", ...hooks("b") });
        const other = template("other", { templateName: "other", ...hooks("o") });
        const state: EngineState = new Map();
        const outcome = await deploy(state, [a, b, other]);

        assert.equal(outcome.failures.length, 1, JSON.stringify(outcome.failures));
        const [failure] = outcome.failures;
        assert.ok([a.urn, b.urn].includes(failure.urn));
        assert.match(
          failure.error.message,
          /Creating CallbackTemplate "shared": another CallbackTemplate of this stack also declares the template named "shared"/,
        );
        const winner = failure.urn === a.urn ? b : a;
        const { templates } = await emulator().state();
        const shared = templates.filter((t) => t.TemplateName === "shared");
        assert.equal(shared.length, 1, JSON.stringify(templates));
        // The winner holds its own template, with its own values, and nobody else's id.
        assert.equal(state.get(winner.urn)?.id, String(shared[0].TemplateId));
        assert.equal(shared[0].StreamBeginNotifyUrl, winner.inputs.streamBeginNotifyUrl);
        assert.equal(state.has(failure.urn), false);
        // All three were in flight at once: the refusal did not disturb the unrelated create.
        assert.equal(opOf(outcome, other.urn), "create");
        assert.equal(templates.length, 2);
      });
    }
  });

  it("parallel renames onto one name: one succeeds, the other is refused, names stay unique", async () => {
    const state: EngineState = new Map();
    const a = template("rename-a", { templateName: "before_a", ...hooks("a") });
    const b = template("rename-b", { templateName: "before_b", ...hooks("b") });
    assert.deepEqual((await deploy(state, [a, b])).failures, []);
    const renamed = [a, b].map((r) => ({ ...r, inputs: { ...r.inputs, templateName: "after" } }));
    const outcome = await deploy(state, renamed);
    assert.equal(outcome.failures.length, 1);
    assert.match(
      outcome.failures[0].error.message,
      /Update failed: Updating CallbackTemplate "before_[ab]" \(TemplateId \d+\): another CallbackTemplate of this stack also declares the template named "after"/,
    );
    const names = (await emulator().state()).templates.map((t) => t.TemplateName).sort();
    assert.equal(names.filter((n) => n === "after").length, 1);
    assert.equal(new Set(names).size, 2);
  });

  const bindingCases = [
    ["reject", undefined],
    ["overwrite", undefined],
    ["reject", { mode: "drop-after-commit" }],
    ["overwrite", { error: { code: "RequestLimitExceeded" } }],
  ] as const;
  for (const [mode, fault] of bindingCases) {
    const faultName = fault ? ("mode" in fault ? `, ${fault.mode}` : `, ${fault.error.code}`) : "";
    it(`parallel bindings of one domain and app (${mode}${faultName}): one owns the rule, for good`, async () => {
      emulator().emulator.configure({ duplicateRules: mode });
      if (fault)
        emulator().emulator.injectFaults({ action: "CreateLiveCallbackRule", times: 1, ...fault });
      const state: EngineState = new Map();
      const t1 = template("hooks-1", { templateName: "hooks_1", ...hooks("one") });
      const t2 = template("hooks-2", { templateName: "hooks_2", ...hooks("two") });
      const b1 = binding("bind-1", {
        domainName: "push.example.com",
        templateId: outputOf(t1.urn, "templateId"),
      });
      const b2 = binding("bind-2", {
        domainName: "push.example.com",
        templateId: outputOf(t2.urn, "templateId"),
      });
      const first = await deploy(state, [t1, t2, b1, b2]);
      assert.equal(first.failures.length, 1, JSON.stringify(first.failures));
      assert.match(
        first.failures[0].error.message,
        /Create failed: Creating DomainCallbackBinding "push\.example\.com\/live": another DomainCallbackBinding of this stack also declares the callback rule of push\.example\.com\/live/,
      );
      const winner = first.failures[0].urn === b1.urn ? b2 : b1;
      const winnerTemplate = winner === b1 ? t1 : t2;
      const expectRule = async () => {
        const { rules } = await emulator().state();
        assert.deepEqual(
          rules.map((r) => [r.DomainName, r.AppName, String(r.TemplateId)]),
          [["push.example.com", "live", state.get(winnerTemplate.urn)?.id]],
        );
      };
      await expectRule();

      // The next runs: the winner is unchanged, the loser is refused before writing anything.
      for (let run = 0; run < 2; run++) {
        const before = writeCount(await emulator().state());
        const next = await deploy(state, [t1, t2, b1, b2]);
        assert.equal(opOf(next, winner.urn), "same");
        assert.equal(next.failures.length, 1);
        assert.match(next.failures[0].error.message, /already exists in the account .*adopt: true/);
        assert.equal(writeCount(await emulator().state()), before, "no flip-flop: nothing written");
        await expectRule();
      }
    });
  }

  it("a later deployment's copy of a managed template or binding is refused, nothing written; adopt accepts it", async () => {
    const state: EngineState = new Map();
    const original = template("original", { templateName: "managed", ...hooks("m") });
    const bound = binding("original-binding", {
      domainName: "push.example.com",
      templateId: outputOf(original.urn, "templateId"),
    });
    assert.deepEqual((await deploy(state, [original, bound])).failures, []);

    const copy = template("copy", { ...original.inputs });
    const copyBinding = binding("copy-binding", {
      domainName: "push.example.com",
      templateId: outputOf(original.urn, "templateId"),
    });
    const before = await emulator().state();
    const refused = await deploy(state, [original, bound, copy, copyBinding]);
    assert.deepEqual(refused.failures.map((f) => f.urn).sort(), [copy.urn, copyBinding.urn].sort());
    for (const f of refused.failures) {
      assert.match(f.error.message, /already exists in the account/);
      assert.match(f.error.message, /adopt: true/);
      assert.match(f.error.message, /aliases/);
    }
    const after = await emulator().state();
    assert.equal(writeCount(after), writeCount(before));
    assert.deepEqual(
      { t: after.templates, r: after.rules },
      { t: before.templates, r: before.rules },
    );

    const adopted = await deploy(state, [
      original,
      bound,
      { ...copy, inputs: { ...copy.inputs, adopt: true } },
      { ...copyBinding, inputs: { ...copyBinding.inputs, adopt: true } },
    ]);
    assert.deepEqual(adopted.failures, []);
    assert.equal(state.get(copy.urn)?.id, state.get(original.urn)?.id);
    assert.equal(state.get(copyBinding.urn)?.id, "push.example.com/live");
    // Both already matched: adopting them wrote nothing.
    assert.equal(writeCount(await emulator().state()), writeCount(after));
  });

  const caseModes = [
    ["reject", "exact"],
    ["overwrite", "exact"],
    ["reject", "insensitive"],
    ["overwrite", "insensitive"],
  ] as const;
  for (const [mode, ruleDomainCase] of caseModes) {
    it(`a console rule spelled Push.Example.com is adopted, re-pointed and destroyed as one rule (${mode}, domains ${ruleDomainCase})`, async () => {
      emulator().emulator.configure({ duplicateRules: mode, ruleDomainCase });
      const sdk = emulator().console;
      const { TemplateId: consoleTemplate } = await sdk.CreateLiveCallbackTemplate({
        TemplateName: "console_made",
        StreamEndNotifyUrl: "https://console.example.com/end",
      });
      await sdk.CreateLiveCallbackRule({
        DomainName: "Push.Example.com",
        AppName: "live",
        TemplateId: consoleTemplate ?? assert.fail("no TemplateId"),
      });
      const state: EngineState = new Map();
      const t = template("hooks", { templateName: "hooks", ...hooks("h") });
      const b = binding("push", {
        domainName: "Push.Example.com",
        templateId: outputOf(t.urn, "templateId"),
        adopt: true,
      });
      assert.deepEqual((await deploy(state, [t, b])).failures, []);
      const { rules } = await emulator().state();
      assert.deepEqual(
        rules.map((r) => [r.DomainName.toLowerCase(), r.AppName, String(r.TemplateId)]),
        [["push.example.com", "live", state.get(t.urn)?.id]],
      );
      // The next run finds the rule however the API spells it: nothing to do.
      const again = await deploy(state, [t, b]);
      assert.equal(opOf(again, b.urn), "same");

      // Removing the binding deletes the rule as the API spells it.
      const removed = await deploy(state, [t]);
      assert.deepEqual(removed.failures, []);
      assert.deepEqual((await emulator().state()).rules, []);
    });
  }

  it("an adopted template keeps the RecordStatusNotifyUrl the program never declared", async () => {
    const sdk = emulator().console;
    const status = "https://console.example.com/record-status";
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: "console_hooks",
      StreamBeginNotifyUrl: "https://console.example.com/begin",
      RecordStatusNotifyUrl: status,
    });
    const state: EngineState = new Map();
    // Adopted with another URL, so the adoption does write (a Modify).
    const t = template("adopted", {
      templateName: "console_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/begin",
      adopt: true,
    });
    assert.deepEqual((await deploy(state, [t])).failures, []);
    const after = await emulator().state();
    assert.equal(after.calls.ModifyLiveCallbackTemplate, 1);
    assert.equal(after.templates[0].StreamBeginNotifyUrl, "https://hooks.example.com/begin");
    assert.equal(after.templates[0].RecordStatusNotifyUrl, status);

    // A later update of the program leaves it alone too.
    const updated = {
      ...t,
      inputs: { ...t.inputs, streamEndNotifyUrl: "https://hooks.example.com/end" },
    };
    assert.equal(opOf(await deploy(state, [updated]), t.urn), "update");
    assert.equal((await emulator().state()).templates[0].RecordStatusNotifyUrl, status);
  });

  it("adopt causes no diff of its own: dropping it later changes nothing, ever", async () => {
    const sdk = emulator().console;
    await sdk.CreateLiveCallbackTemplate({
      TemplateName: "kept",
      StreamBeginNotifyUrl: "https://k.example.com/b",
    });
    const state: EngineState = new Map();
    const declared = { templateName: "kept", streamBeginNotifyUrl: "https://k.example.com/b" };
    const withAdopt = template("kept", { ...declared, adopt: true });
    assert.equal(opOf(await deploy(state, [withAdopt]), withAdopt.urn), "create");
    const before = writeCount(await emulator().state());
    for (const inputs of [declared, { ...declared, adopt: true }, declared]) {
      const outcome = await deploy(state, [{ ...withAdopt, inputs }]);
      assert.equal(opOf(outcome, withAdopt.urn), "same", JSON.stringify(inputs));
    }
    assert.equal(writeCount(await emulator().state()), before);
  });
});
