// The read-back after a binding create (src/provider/binding/race.ts) shares listings with the
// rest of the provider process (src/api/readCache.ts), but never one that started before the
// create's answer arrived: such a listing may predate another stack's overwrite that landed
// after this create, and would let both stacks succeed with one rule between them.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { makeLiveClient } from "../emulator/helpers";
import { callsOf, freshRun, injectFaults, startFaultEnv, stopFaultEnv, type FaultEnv } from "./env";
import { delayFault } from "./faultSpecs";

const DOMAIN = "readback.example.com";

/** Polls `check` every 2 ms until it holds; fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

describe("faults: the read-back after a binding create", function () {
  this.timeout(30_000);
  let env: FaultEnv;

  beforeEach(async () => {
    env = await startFaultEnv();
    env.emulator.configure({ duplicateRules: "overwrite" });
  });
  afterEach(() => stopFaultEnv(env));

  it("is not answered by a listing that was in flight when the create's answer arrived", async () => {
    const run = freshRun(env);
    const template = async (name: string) =>
      Number(
        (
          await run.template.create({
            templateName: name,
            streamBeginNotifyUrl: `https://hooks.example.com/${name}`,
          })
        ).id,
      );
    const mine = await template("mine_hooks");
    const theirs = await template("theirs_hooks");
    await run.client.describeLiveCallbackRules();

    // This stack's create lands at once and is answered a second later.
    injectFaults(env, [delayFault("CreateLiveCallbackRule", 1000, 1)]);
    let answered = false;
    const creating = run.binding
      .create({ domainName: DOMAIN, appName: "live", templateId: mine })
      .then(
        (r) => ({ ok: true as const, r }),
        (e: Error) => ({ ok: false as const, e }),
      )
      .finally(() => (answered = true));
    await until(() => callsOf(env.emulator, "CreateLiveCallbackRule") === 1, "the create");

    // Meanwhile the process lists the rules (a diff, a read): this listing sees this stack's
    // rule and is answered late, after the create's answer.
    const listingsBefore = callsOf(env.emulator, "DescribeLiveCallbackRules");
    injectFaults(env, [delayFault("DescribeLiveCallbackRules", 2500, 1)]);
    const early = run.client.describeLiveCallbackRules({ fresh: true });
    await until(
      () => callsOf(env.emulator, "DescribeLiveCallbackRules") > listingsBefore,
      "the early listing",
    );
    assert.equal(answered, false, "the early listing started before the create was answered");

    // Another stack's create of the same rule lands after this one's, and overwrites it.
    await makeLiveClient(env.emulator).CreateLiveCallbackRule({
      DomainName: DOMAIN,
      AppName: "live",
      TemplateId: theirs,
    });

    const earlyRule = (await early).find((r) => r.DomainName === DOMAIN);
    assert.equal(earlyRule?.TemplateId, mine, "the early listing predates the overwrite");
    const outcome = await creating;
    if (outcome.ok) assert.fail("the overwritten create must not succeed");
    assert.match(outcome.e.message, new RegExp(`pointing at template ${theirs}\\b`));
    assert.match(outcome.e.message, /overwrote it/);
    // The rule is the other stack's, and nothing was deleted.
    const rules = env.emulator.state().rules.filter((r) => r.DomainName === DOMAIN);
    assert.deepEqual(
      rules.map((r) => r.TemplateId),
      [theirs],
    );
  });
});
