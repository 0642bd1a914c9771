/**
 * The explicit-provider scenario a program in another language proves through the real CLI:
 * the program creates a `Provider` (the generated SDK's class) from stack config of its own
 * (`otherEndpoint`, `otherSecretId`, `otherSecretKey`) and a template and a binding through
 * it, while the stack's `tencentcloud-live:*` config (the default provider's) names the suite's
 * emulator. A second emulator, accepting only the other credentials, must get every call; the
 * suite's emulator none. The Provider's secret key never reaches the state in plain text.
 */
import assert from "node:assert/strict";
import {
  initPluginStack,
  pulumi,
  startLocalLive,
  stateFileText,
  type LocalLive,
  type ProgramResult,
  type PulumiCli,
} from "../harness";

/** The second account's credentials: the suite's emulator refuses them. */
const OTHER = { secretId: "AKIDotherAccountExplicit01", secretKey: "otherAccountSecretKeyXyz" };

/** What the scenario needs: the CLI, the suite's emulator, a project folder and a runner. */
export interface ExplicitProviderRun {
  cli: PulumiCli;
  live: LocalLive;
  /** The project folder (`writePluginProject`); the scenario makes its stack. */
  dir: string;
  project: string;
  stack: string;
  /** Runs the explicit-provider program; `expectNoChanges` for a preview gate. */
  run(
    command: "up" | "preview" | "destroy",
    options?: { expectNoChanges?: boolean },
  ): Promise<ProgramResult>;
}

/** Runs the scenario; throws an assertion error at the first step that goes wrong. */
export async function proveExplicitProvider(q: ExplicitProviderRun): Promise<void> {
  const other = await startLocalLive({ credentials: OTHER });
  try {
    await initPluginStack(q.cli, q.dir, q.stack, q.live);
    for (const [key, value, secret] of [
      ["otherEndpoint", other.emulator.url, false],
      ["otherSecretId", OTHER.secretId, false],
      ["otherSecretKey", OTHER.secretKey, true],
    ] as const) {
      const set = await pulumi(
        q.cli,
        ["config", "set", secret ? "--secret" : "--plaintext", key, value, "-s", q.stack],
        q.dir,
      );
      assert.equal(set.code, 0, set.stderr);
    }
    const ok = async (command: "up" | "preview" | "destroy", expectNoChanges = false) => {
      // Only a preview takes the gate (Python's destroy() refuses an unknown keyword).
      const r = await q.run(command, expectNoChanges ? { expectNoChanges } : {});
      assert.equal(r.code, 0, `${command} failed:\n${r.stdout}\n${r.stderr}`);
      return r;
    };
    const before = (await q.live.state()).calls;
    const up = await ok("up");
    // The Provider is a resource of the stack: the stack, it, a template and a binding.
    assert.deepEqual(up.changes, { create: 4 }, up.stdout);
    const there = await other.state();
    assert.deepEqual(
      there.templates.map((t) => t.TemplateName),
      ["other_hooks"],
    );
    assert.deepEqual(
      there.rules.map((r) => `${r.DomainName}:${r.TemplateId}`),
      [`push-other.example.com:${there.templates[0].TemplateId}`],
    );
    assert.equal(there.calls.CreateLiveCallbackTemplate, 1);
    assert.deepEqual((await q.live.state()).calls, before, "the stack config's account was called");

    const state = await stateFileText(q.cli, q.stack, q.project);
    assert.ok(
      state.includes("pulumi:providers:tencentcloud-live"),
      "no explicit provider in state",
    );
    assert.ok(!state.includes(OTHER.secretKey), "the Provider's secret key is in the state");
    await ok("preview", true);

    await ok("destroy");
    const gone = await other.state();
    assert.deepEqual([gone.templates.length, gone.rules.length], [0, 0]);
    assert.deepEqual((await q.live.state()).calls, before, "the stack config's account was called");
  } finally {
    await other.stop();
  }
}
