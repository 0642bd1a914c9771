// Propagation: emulated events follow the account as it was propagationSeconds ago (rules created,
// deleted and re-pointed; templates whose key, URL or levels changed, or that were deleted),
// while Describe shows the present at once. Windows of about a second, generous margins.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signCallback } from "../../src/callbacks/signature";
import { EventDeliveryError, startEmulator, type DeliveryRecord } from "../../src/emulator";
import { parseCommandLine } from "../../src/emulator/cli";
import { adminCall, makeLiveClient, useTestEmulator, type LiveClient } from "./helpers";
import { pause, startReceiver, type TestReceiver } from "./receiver";

const WINDOW_S = 1;
/** Long enough for any change made before it to be in effect, on a loaded machine. */
const settle = (): Promise<void> => pause(WINDOW_S * 1000 + 400);
const DOMAIN = "push.example.com";
const begin = { domainName: DOMAIN, streamId: "s1", eventType: "streamBegin" } as const;

async function template(client: LiveClient, name: string, url: string, key: string) {
  const { TemplateId } = await client.CreateLiveCallbackTemplate({
    TemplateName: name,
    StreamBeginNotifyUrl: url,
    RecordExceptionNotifyUrl: url,
    RecordExceptionLevels: ["error"],
    CallbackKey: key,
  });
  return TemplateId as number;
}

/** The event's rejection, asserting it is an EventDeliveryError. */
async function refusal(promise: Promise<unknown>): Promise<EventDeliveryError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof EventDeliveryError, String(err));
    return err;
  }
  assert.fail("expected the event to be refused");
}

function signedWith(record: DeliveryRecord, key: string): boolean {
  return record.body.sign === signCallback(key, record.body.t as number);
}

describe("emulator: propagation window", function () {
  this.timeout(30_000);
  const t = useTestEmulator({ propagationSeconds: WINDOW_S, duplicateRules: "overwrite" });
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.reset();
    t.emulator.configure({ propagationSeconds: WINDOW_S, ruleDomainCase: "exact" });
  });

  it("a new rule takes effect after the window; Describe shows it at once", async () => {
    const id = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
    const { Rules } = await t.client.DescribeLiveCallbackRules();
    assert.deepEqual(
      Rules?.map((r) => [r.DomainName, r.TemplateId]),
      [[DOMAIN, id]],
    );
    const early = await refusal(t.emulator.deliverEvent(begin));
    assert.equal(early.status, 404);
    assert.match(
      early.message,
      /no callback rule in effect yet for domain push\.example\.com and app live: .*takes effect at \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+\.\d s; propagationSeconds is 1\)/,
    );
    // The admin route answers the same, as today's "no rule" does.
    const answer = await adminCall(t.emulator, "POST", "/_emulator/events", begin);
    assert.equal(answer.status, 404);
    assert.match((answer.json as { error: string }).error, /in effect yet/);
    assert.equal(receiver.hits.length, 0);

    await settle();
    const record = await t.emulator.deliverEvent(begin);
    assert.equal(record.delivered, true);
    assert.ok(signedWith(record, "KeyA"));
    assert.deepEqual(
      receiver.hits.map((h) => h.path),
      ["/a"],
    );
  });

  it("a deleted rule keeps routing until the window has passed", async () => {
    const id = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
    await settle();
    await t.client.DeleteLiveCallbackRule({ DomainName: DOMAIN, AppName: "live" });
    assert.deepEqual((await t.client.DescribeLiveCallbackRules()).Rules, []);
    const during = await t.emulator.deliverEvent(begin);
    assert.equal(during.delivered, true);
    assert.equal(during.url, `${receiver.base}/a`);
    await settle();
    const after = await refusal(t.emulator.deliverEvent(begin));
    assert.equal(after.status, 404);
    assert.match(after.message, /^no callback rule for domain push\.example\.com and app live/);
  });

  it("a re-pointed rule goes to the old template, URL and key during the window", async () => {
    const a = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
    const b = await template(t.client, "b", `${receiver.base}/b`, "KeyB");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: a });
    await settle();
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: b });
    assert.equal((await t.client.DescribeLiveCallbackRules()).Rules?.[0].TemplateId, b);
    const during = await t.emulator.deliverEvent(begin);
    assert.equal(during.url, `${receiver.base}/a`);
    assert.ok(signedWith(during, "KeyA"));
    await settle();
    const after = await t.emulator.deliverEvent(begin);
    assert.equal(after.url, `${receiver.base}/b`);
    assert.ok(signedWith(after, "KeyB"));
    assert.deepEqual(
      receiver.hits.map((h) => h.path),
      ["/a", "/b"],
    );
  });

  it("a modified template keeps its old key, URL and levels during the window", async () => {
    const id = await template(t.client, "a", `${receiver.base}/old`, "OldKey");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
    await settle();
    await t.client.ModifyLiveCallbackTemplate({
      TemplateId: id,
      CallbackKey: "NewKey",
      StreamBeginNotifyUrl: `${receiver.base}/new`,
      RecordExceptionLevels: ["warning"],
    });
    // Describe shows the new template at once.
    const { Template } = await t.client.DescribeLiveCallbackTemplate({ TemplateId: id });
    assert.equal(Template?.StreamBeginNotifyUrl, `${receiver.base}/new`);
    assert.equal(Template?.CallbackKey, "NewKey");

    const during = await t.emulator.deliverEvent(begin);
    assert.equal(during.url, `${receiver.base}/old`);
    assert.ok(signedWith(during, "OldKey"));
    assert.ok(!signedWith(during, "NewKey"));
    const oldLevel = await t.emulator.deliverEvent({ ...begin, eventType: "recordException" });
    assert.equal(oldLevel.body.exception_level, "error");

    await settle();
    const after = await t.emulator.deliverEvent(begin);
    assert.equal(after.url, `${receiver.base}/new`);
    assert.ok(signedWith(after, "NewKey"));
    const newLevel = await t.emulator.deliverEvent({ ...begin, eventType: "recordException" });
    assert.equal(newLevel.body.exception_level, "warning");
  });

  it("a deleted template whose rule is still in effect keeps working with its last version", async () => {
    const id = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
    await settle();
    await t.client.DeleteLiveCallbackRule({ DomainName: DOMAIN, AppName: "live" });
    await t.client.DeleteLiveCallbackTemplate({ TemplateId: id });
    assert.deepEqual((await t.client.DescribeLiveCallbackTemplates()).Templates, []);
    assert.deepEqual(t.emulator.state().templates, []);
    const during = await t.emulator.deliverEvent(begin);
    assert.equal(during.delivered, true);
    assert.ok(signedWith(during, "KeyA"));
    await settle();
    assert.equal((await refusal(t.emulator.deliverEvent(begin))).status, 404);
  });

  it("keeps history with a window of 0, so raising the window at run time applies to recent changes", async () => {
    t.emulator.configure({ propagationSeconds: 0 });
    const id = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
    await t.client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
    assert.equal((await t.emulator.deliverEvent(begin)).delivered, true);
    // The rule was made well under a second ago: with a 1 s window it is not in effect yet.
    t.emulator.configure({ propagationSeconds: WINDOW_S });
    assert.match((await refusal(t.emulator.deliverEvent(begin))).message, /in effect yet/);
    await settle();
    assert.equal((await t.emulator.deliverEvent(begin)).delivered, true);
    // Back to 0: the present again, at once.
    await t.client.DeleteLiveCallbackRule({ DomainName: DOMAIN, AppName: "live" });
    t.emulator.configure({ propagationSeconds: 0 });
    assert.equal((await refusal(t.emulator.deliverEvent(begin))).status, 404);
  });

  for (const mode of ["exact", "insensitive"] as const) {
    it(`bodies carry the domain as the rule in effect spells it (ruleDomainCase ${mode})`, async () => {
      t.emulator.configure({ ruleDomainCase: mode });
      const id = await template(t.client, "a", `${receiver.base}/a`, "KeyA");
      await t.client.CreateLiveCallbackRule({
        DomainName: "Push.Example.com",
        AppName: "live",
        TemplateId: id,
      });
      await settle();
      const same = await t.emulator.deliverEvent({ ...begin, domainName: "Push.Example.com" });
      assert.equal(same.body.app, "Push.Example.com");
      if (mode === "exact") {
        assert.equal((await refusal(t.emulator.deliverEvent(begin))).status, 404);
      } else {
        const other = await t.emulator.deliverEvent(begin);
        assert.equal(other.body.app, "Push.Example.com");
        assert.equal((receiver.hits.at(-1)?.body as { app: string }).app, "Push.Example.com");
      }
    });
  }

  it("validates propagationSeconds as an option, a flag and a config key", async () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await assert.rejects(startEmulator({ propagationSeconds: bad }), /propagationSeconds/);
      assert.throws(() => t.emulator.configure({ propagationSeconds: bad }), /propagationSeconds/);
    }
    assert.equal(parseCommandLine(["--propagation-seconds", "0.5"])?.propagationSeconds, 0.5);
    assert.equal(parseCommandLine(["--propagation-seconds", "300"])?.propagationSeconds, 300);
    assert.equal("propagationSeconds" in (parseCommandLine([]) ?? {}), false);
    for (const bad of ["-1", "soon", ""]) {
      assert.throws(() => parseCommandLine(["--propagation-seconds", bad]), /propagation-seconds/);
    }
    const changed = await adminCall(t.emulator, "POST", "/_emulator/config", {
      propagationSeconds: 0.25,
    });
    assert.equal((changed.json as { propagationSeconds: number }).propagationSeconds, 0.25);
    const shown = await adminCall(t.emulator, "GET", "/_emulator/config");
    assert.equal((shown.json as { propagationSeconds: number }).propagationSeconds, 0.25);
    for (const bad of [{ propagationSeconds: -0.5 }, { propagationSeconds: "1" }]) {
      const answer = await adminCall(t.emulator, "POST", "/_emulator/config", bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.match((answer.json as { error: string }).error, /propagationSeconds/);
    }
    // A patch with one bad key changes nothing, not even its valid keys.
    const mixed = await adminCall(t.emulator, "POST", "/_emulator/config", {
      propagationSeconds: 3,
      deliveryTimeScale: 0,
    });
    assert.equal(mixed.status, 400);
    assert.equal(t.emulator.configure({}).propagationSeconds, 0.25);
  });

  it("after a restart, the state file's rules count as in effect since before the window", async () => {
    const dir = await mkdtemp(join(tmpdir(), "live-propagation-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startEmulator({ stateFile });
      const client = makeLiveClient(first);
      const id = await template(client, "a", `${receiver.base}/a`, "KeyA");
      await client.CreateLiveCallbackRule({ DomainName: DOMAIN, AppName: "live", TemplateId: id });
      await first.stop();
      const second = await startEmulator({ stateFile, propagationSeconds: 600 });
      try {
        const record = await second.deliverEvent(begin);
        assert.equal(record.delivered, true);
        assert.ok(signedWith(record, "KeyA"));
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
