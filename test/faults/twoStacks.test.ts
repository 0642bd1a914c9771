// Two stacks, one name, one moment: two provider processes (separate Node processes, two
// states) create a template of one name, or the rule of one domain and app, at the same moment,
// against one emulator with latency and faults. Each round must end with one object in the
// account, one success, and nothing orphaned.
import assert from "node:assert/strict";
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { FaultSpec } from "../../src/emulator";
import {
  freshRun,
  injectFaults,
  settleFaults,
  startFaultEnv,
  stopFaultEnv,
  type FaultEnv,
} from "./env";
import { apiError, delayFault, modeFault } from "./faultSpecs";
import { ADDRESS_ENV, type StackAnswer, type StackRequest } from "./stackProcess";

/** Rounds per case: enough to meet each fault a few times, few enough to stay well under 30 s. */
const ROUNDS = 20;
/** Emulator latency per call: both stacks look before either writes, as in a real race. */
const LATENCY_MS = 15;

/** One stack's provider process. */
interface Stack {
  name: string;
  child: ChildProcess;
  create(req: StackRequest): Promise<StackAnswer>;
}

async function startStack(env: FaultEnv, name: string): Promise<Stack> {
  const { url, credentials } = env.emulator;
  const child = fork(path.join(__dirname, "stackProcess.ts"), [], {
    execArgv: ["--require", "tsx/cjs"],
    env: { ...process.env, [ADDRESS_ENV]: JSON.stringify({ url, credentials }) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const answers = new Map<number, (a: StackAnswer) => void>();
  child.on("message", (a: StackAnswer) => answers.get(a.round)?.(a));
  await new Promise<void>((resolve, reject) => {
    answers.set(-1, () => resolve());
    child.once("exit", (code) =>
      reject(new Error(`stack ${name} exited (${code}) before it was ready`)),
    );
  });
  return {
    name,
    child,
    create: (req) =>
      new Promise((resolve) => {
        answers.set(req.round, resolve);
        child.send(req);
      }),
  };
}

/** Both stacks create at the same moment; answers in the order of `stacks`. */
function bothCreate(
  stacks: readonly Stack[],
  round: number,
  kind: StackRequest["kind"],
  inputsOf: (stack: Stack) => Record<string, unknown>,
): Promise<StackAnswer[]> {
  return Promise.all(stacks.map((s) => s.create({ round, kind, inputs: inputsOf(s) })));
}

/** The faults of round `i`: none, then each kind in turn, on the action under test. */
function roundFaults(
  i: number,
  create: "CreateLiveCallbackTemplate" | "CreateLiveCallbackRule",
): FaultSpec[] {
  const list =
    create === "CreateLiveCallbackTemplate"
      ? "DescribeLiveCallbackTemplates"
      : "DescribeLiveCallbackRules";
  const kinds: FaultSpec[][] = [
    [],
    [modeFault(create, "drop-after-commit", 1)],
    [modeFault(list, "http-500", 1, 2)],
    [apiError(create, "RequestLimitExceeded", 1)],
    [delayFault(create, 120, 1)],
    [apiError(list, "InternalError", 1, 3)],
    [modeFault(create, "http-500", 1)],
    [modeFault("DeleteLiveCallbackTemplate", "drop-after-commit", 1)],
  ];
  return kinds[i % kinds.length];
}

describe("faults: two stacks, one name, one moment", function () {
  this.timeout(60_000);
  let env: FaultEnv;
  let stacks: Stack[];

  before(async function () {
    this.timeout(30_000);
    env = await startFaultEnv({ latencyMs: LATENCY_MS, duplicateRules: "reject" });
    stacks = await Promise.all(["a", "b"].map((n) => startStack(env, n)));
  });
  after(async () => {
    for (const s of stacks ?? []) s.child.kill();
    if (env) await stopFaultEnv(env);
  });
  afterEach(() => settleFaults(env));

  /** Exactly one answer succeeded; returns it and the other. */
  function oneSuccess(answers: StackAnswer[], round: number): [StackAnswer, StackAnswer] {
    const won = answers.filter((a) => a.ok);
    assert.equal(
      won.length,
      1,
      `round ${round}: ${won.length} successes: ${JSON.stringify(answers)}`,
    );
    return [won[0], answers.find((a) => !a.ok) as StackAnswer];
  }

  it(`template of one name, ${ROUNDS} rounds: one template, one success, the loser names the winner`, async () => {
    let raced = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const name = `race_${round}`;
      injectFaults(env, roundFaults(round, "CreateLiveCallbackTemplate"));
      const answers = await bothCreate(stacks, round, "template", (s) => ({
        templateName: name,
        // Two stacks' declarations differ, so a lost create is recognized by its own values.
        streamBeginNotifyUrl: `https://hooks.example.com/${s.name}/begin`,
      }));
      await settleFaults(env);
      const [won, lost] = oneSuccess(answers, round);
      const named = env.emulator.state().templates.filter((t) => t.TemplateName === name);
      assert.deepEqual(
        named.map((t) => String(t.TemplateId)),
        [won.id],
        `round ${round}: the account holds ${JSON.stringify(named)}; answers ${JSON.stringify(answers)}`,
      );
      assert.ok(lost.error?.includes(`"${name}"`), `round ${round}: ${lost.error}`);
      assert.ok(lost.error?.includes(`TemplateId ${won.id}`), `round ${round}: ${lost.error}`);
      if (/at the same moment/.test(lost.error ?? "")) raced += 1;
      // Nothing orphaned: one template per round, none left by a loser.
      assert.equal(env.emulator.state().templates.length, round + 1, `round ${round}`);
    }
    // Both looked before either created in most rounds: the race itself was exercised.
    assert.ok(
      raced >= ROUNDS / 4,
      `only ${raced} of ${ROUNDS} rounds were decided after both created`,
    );
  });

  describe("the rule of one domain and app", () => {
    const templates: Record<string, number> = {};
    before(async () => {
      const run = freshRun(env);
      for (const s of ["a", "b"]) {
        const made = await run.template.create({
          templateName: `stack_${s}_hooks`,
          streamBeginNotifyUrl: `https://hooks.example.com/${s}/begin`,
        });
        templates[s] = Number(made.id);
      }
    });
    afterEach(() => void env.emulator.configure({ duplicateRules: "reject" }));

    /** Both stacks bind `domain`; checks one rule, one success, and the loser's error. */
    async function bindRound(round: number, domain: string): Promise<StackAnswer[]> {
      const answers = await bothCreate(stacks, 1000 + round, "binding", (s) => ({
        domainName: domain,
        appName: "live",
        templateId: templates[s.name],
      }));
      await settleFaults(env);
      const rules = env.emulator.state().rules.filter((r) => r.DomainName === domain);
      assert.equal(rules.length, 1, `round ${round}: ${JSON.stringify(rules)}`);
      return answers;
    }

    it(`when the API refuses a second rule, ${ROUNDS} rounds: one rule, one success`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const domain = `push-${round}.example.com`;
        injectFaults(env, roundFaults(round, "CreateLiveCallbackRule"));
        const answers = await bindRound(round, domain);
        const [won, lost] = oneSuccess(answers, round);
        const rule = env.emulator.state().rules.find((r) => r.DomainName === domain);
        assert.equal(rule?.TemplateId, won.outs?.templateId, `round ${round}`);
        assert.match(
          lost.error ?? "",
          new RegExp(`template ${rule?.TemplateId}\\b`),
          `round ${round}`,
        );
      }
      assert.equal(env.emulator.state().rules.length, ROUNDS);
    });

    it("when the API overwrites, the earlier create reads the later one's rule back and fails naming it", async () => {
      env.emulator.configure({ duplicateRules: "overwrite" });
      for (let round = 0; round < 5; round++) {
        const domain = `overwrite-${round}.example.com`;
        // The first create lands at once but is answered late: the second overwrites it meanwhile.
        injectFaults(env, [delayFault("CreateLiveCallbackRule", 300, 1)]);
        const answers = await bindRound(round, domain);
        const [won, lost] = oneSuccess(answers, round);
        const rule = env.emulator.state().rules.find((r) => r.DomainName === domain);
        assert.equal(rule?.TemplateId, won.outs?.templateId, `round ${round}`);
        assert.match(
          lost.error ?? "",
          new RegExp(`template ${rule?.TemplateId}\\b`),
          `round ${round}`,
        );
      }
    });
  });
});
