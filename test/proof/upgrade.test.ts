// Upgrading a stack from 0.1.0, whose state holds the 0.1.0 __provider (2.3 KB of closures
// that require `pulumi-tencentcloud-live-callbacks/provider`) in every resource's inputs and
// outputs. The new package is installed in a consumer project; Pulumi's own host runs both
// texts against it, in the order the engine would, against the emulator.
import { writeCount } from "../support/writes";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { useHostProject } from "../support/hostProject";
import {
  destroy,
  preview,
  QUICKSTART_URNS,
  quickstartResources,
  quickstartTemplate,
  refresh,
  runDeployment,
  up,
  type EngineState,
  type ProviderHost,
  type SerializedProviders,
  type StepRecord,
} from "../harness";

const CALLBACK_KEY = "UpgradeKey0123456789";

/** The texts 0.1.0 stored (see test/fixtures/provider-0.1.0.json for how they were captured). */
const V010 = JSON.parse(
  readFileSync(path.join(__dirname, "../fixtures/provider-0.1.0.json"), "utf8"),
) as SerializedProviders & { version: string };

describe("upgrading a stack whose state holds the 0.1.0 __provider", function () {
  this.timeout(60_000);
  const suite = useHostProject();
  const state: EngineState = new Map();
  let declared = quickstartTemplate(CALLBACK_KEY);

  const emulator = suite.live;
  const project = suite.project;
  const current = () => project().providers;
  const program = (providers: SerializedProviders) => ({
    providers,
    resources: quickstartResources(declared),
  });
  const deploy = async <T>(fn: (host: ProviderHost) => Promise<T>) =>
    (await runDeployment(project().dir, emulator().stackConfig, fn)).result;
  const kindOf = (urn: string) => state.get(urn)?.kind ?? assert.fail(`no state for ${urn}`);
  /** Which text each resource holds, `0.1.0` or `new`, in its inputs and in its outputs. */
  const held = () =>
    Object.fromEntries(
      [...state].map(([urn, e]) => {
        const which = (text: unknown) =>
          text === V010[e.kind] ? "0.1.0" : text === current()[e.kind] ? "new" : "other";
        return [urn, [which(e.inputs.__provider), which(e.outputs.__provider)]];
      }),
    );
  const everywhere = (pair: string[]) =>
    Object.fromEntries(Object.values(QUICKSTART_URNS).map((urn) => [urn, pair]));

  it("the fixture is the 0.1.0 shim, and this version serializes something else", () => {
    for (const kind of ["template", "binding"] as const) {
      assert.match(V010[kind], /require\("pulumi-tencentcloud-live-callbacks\/provider"\)/);
      assert.notEqual(current()[kind], V010[kind]);
    }
  });

  it("0.1.0's state: up with the 0.1.0 texts stores them in every input and output", async () => {
    // The properties 0.1.0 stored are what the unchanged implementation returns; only
    // __provider differs between versions, and that is what this state carries.
    const steps = await deploy((host) => up(host, state, program(V010)));
    assert.deepEqual(
      steps.map((s) => s.op),
      ["create", "create", "create"],
    );
    assert.deepEqual(held(), everywhere(["0.1.0", "0.1.0"]));
  });

  it("the first preview after the upgrade shows no changes: Diff gets 0.1.0 in the olds, the new text in the news", async () => {
    const diffs: { urn: string; olds: unknown; news: unknown }[] = [];
    const steps = await deploy((host) => {
      // Record what the engine hands Diff, to show both texts really met.
      const recording: ProviderHost = {
        ...host,
        diff: (id, urn, olds, news) => {
          diffs.push({ urn, olds: olds.__provider, news: news.__provider });
          return host.diff(id, urn, olds, news);
        },
      };
      return preview(recording, state, program(current()));
    });
    assert.deepEqual(
      steps.map((s) => [s.op, s.diff?.changes]),
      [
        ["same", "none"],
        ["same", "none"],
        ["same", "none"],
      ],
    );
    assert.equal(diffs.length, 3);
    for (const d of diffs) {
      const kind = kindOf(d.urn);
      assert.equal(d.olds, V010[kind], `${d.urn}: olds`);
      assert.equal(d.news, current()[kind], `${d.urn}: news`);
    }
  });

  it("up changes nothing in the account, stores the new text in the inputs and keeps 0.1.0's in the outputs (a Same step)", async () => {
    const before = await emulator().state();
    const steps = await deploy((host) => up(host, state, program(current())));
    assert.deepEqual(
      steps.map((s) => [s.op, s.calls.join(",")]),
      [
        ["same", "Check,Diff"],
        ["same", "Check,Diff"],
        ["same", "Check,Diff"],
      ],
    );
    const after = await emulator().state();
    assert.equal(writeCount(after), writeCount(before), "up wrote to the account");
    assert.deepEqual(after.templates, before.templates);
    assert.deepEqual(after.rules, before.rules);
    // The engine's SameStep keeps the old outputs and records the new inputs.
    assert.deepEqual(held(), everywhere(["new", "0.1.0"]));
  });

  it("refresh reads through the 0.1.0 text in the outputs, and writes it back into the inputs", async () => {
    const steps = await deploy((host) => refresh(host, state));
    assert.deepEqual(
      steps.map((s) => s.op),
      ["refresh", "refresh", "refresh"],
    );
    // The host puts the request's __provider (the outputs') into both the properties and the
    // inputs Read returns; the next up's Check records the new one in the inputs again.
    assert.deepEqual(held(), everywhere(["0.1.0", "0.1.0"]));
  });

  it("an update stores the new text in that resource's outputs too", async () => {
    declared = { ...declared, streamEndNotifyUrl: "https://hooks.example.com/live/v2/end" };
    const steps: StepRecord[] = await deploy((host) => up(host, state, program(current())));
    assert.deepEqual(
      steps.map((s) => [s.urn, s.op]),
      [
        [QUICKSTART_URNS.template, "update"],
        [QUICKSTART_URNS.main, "same"],
        [QUICKSTART_URNS.backup, "same"],
      ],
    );
    const [t] = (await emulator().state()).templates;
    assert.equal(t.StreamEndNotifyUrl, "https://hooks.example.com/live/v2/end");
    assert.deepEqual(held(), {
      [QUICKSTART_URNS.template]: ["new", "new"],
      [QUICKSTART_URNS.main]: ["new", "0.1.0"],
      [QUICKSTART_URNS.backup]: ["new", "0.1.0"],
    });
  });

  it("destroy deletes the bindings through the 0.1.0 text and the template through the new one", async () => {
    const deletes: { urn: string; provider: unknown }[] = [];
    const steps = await deploy((host) => {
      const recording: ProviderHost = {
        ...host,
        delete: (id, urn, props) => {
          deletes.push({ urn, provider: props.__provider });
          return host.delete(id, urn, props);
        },
      };
      return destroy(recording, state);
    });
    assert.deepEqual(
      steps.map((s) => s.op),
      ["delete", "delete", "delete"],
    );
    assert.deepEqual(
      deletes.map((d) => [d.urn, d.provider === V010.binding, d.provider === current().template]),
      [
        [steps[0].urn, true, false],
        [steps[1].urn, true, false],
        [QUICKSTART_URNS.template, false, true],
      ],
    );
    const { templates, rules } = await emulator().state();
    assert.deepEqual({ templates, rules }, { templates: [], rules: [] });
  });
});
