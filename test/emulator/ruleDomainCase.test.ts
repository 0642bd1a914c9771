// Rule domains that differ only in case: two rules by default (`exact`, the stricter test of a
// client), one rule keeping its first spelling with `ruleDomainCase: "insensitive"`; for create
// (duplicates and overwrites), delete and the event routes alike.
import assert from "node:assert/strict";
import { once } from "node:events";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseCommandLine } from "../../src/emulator/cli";
import {
  adminCall,
  expectApiError,
  minimalTemplate,
  startTestEmulator,
  useTestEmulator,
} from "./helpers";

const MIXED = "Push.Example.com";
const LOWER = "push.example.com";
const UPPER = "PUSH.EXAMPLE.COM";

describe("emulator: rule domain case", () => {
  const t = useTestEmulator();
  let receiver: Server;
  let hits: string[];
  let first: number;
  let second: number;

  before(async () => {
    receiver = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
  });
  after(() => {
    receiver.closeAllConnections();
    receiver.close();
  });

  beforeEach(async () => {
    hits = [];
    t.emulator.configure({ duplicateRules: "reject", ruleDomainCase: "exact" });
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    first = (
      await t.client.CreateLiveCallbackTemplate({
        ...minimalTemplate("first"),
        StreamBeginNotifyUrl: `${base}/first`,
      })
    ).TemplateId as number;
    second = (
      await t.client.CreateLiveCallbackTemplate({
        ...minimalTemplate("second"),
        StreamBeginNotifyUrl: `${base}/second`,
      })
    ).TemplateId as number;
  });

  const rule = (DomainName: string, TemplateId: number) => ({
    DomainName,
    AppName: "live",
    TemplateId,
  });
  const event = (domainName: string) =>
    adminCall(t.emulator, "POST", "/_emulator/events", {
      domainName,
      streamId: "s1",
      eventType: "streamBegin",
    });
  const described = async () =>
    ((await t.client.DescribeLiveCallbackRules()).Rules ?? []).map((r) => [
      r.DomainName,
      r.TemplateId,
    ]);

  it("exact (default): spellings are separate rules, each kept as given", async () => {
    await t.client.CreateLiveCallbackRule(rule(MIXED, first));
    await t.client.CreateLiveCallbackRule(rule(LOWER, second));
    assert.deepEqual(await described(), [
      [MIXED, first],
      [LOWER, second],
    ]);

    assert.equal((await event(MIXED)).status, 200);
    assert.equal((await event(LOWER)).status, 200);
    assert.deepEqual(hits, ["/first", "/second"]);
    assert.equal((await event(UPPER)).status, 404);

    await expectApiError(
      t.client.DeleteLiveCallbackRule({ DomainName: UPPER, AppName: "live" }),
      "FailedOperation.NotFound",
    );
    await t.client.DeleteLiveCallbackRule({ DomainName: MIXED, AppName: "live" });
    assert.deepEqual(await described(), [[LOWER, second]]);
  });

  it("insensitive: one rule, first spelling kept; duplicates, overwrites, delete, events", async () => {
    const switched = await adminCall(t.emulator, "POST", "/_emulator/config", {
      ruleDomainCase: "insensitive",
    });
    assert.equal((switched.json as { ruleDomainCase: string }).ruleDomainCase, "insensitive");

    await t.client.CreateLiveCallbackRule(rule(MIXED, first));
    await expectApiError(
      t.client.CreateLiveCallbackRule(rule(LOWER, second)),
      "FailedOperation.RuleAlreadyExist",
    );
    t.emulator.configure({ duplicateRules: "overwrite" });
    await t.client.CreateLiveCallbackRule(rule(UPPER, second));
    assert.deepEqual(await described(), [[MIXED, second]]);

    assert.equal((await event(LOWER)).status, 200);
    assert.deepEqual(hits, ["/second"]);

    await t.client.DeleteLiveCallbackRule({ DomainName: LOWER, AppName: "live" });
    assert.deepEqual(await described(), []);
    // The app name still matches exactly.
    await t.client.CreateLiveCallbackRule(rule(MIXED, first));
    await expectApiError(
      t.client.DeleteLiveCallbackRule({ DomainName: LOWER, AppName: "Live" }),
      "FailedOperation.NotFound",
    );
  });

  it("takes the switch as an option and a CLI flag, and refuses other values", async () => {
    const own = await startTestEmulator({ ruleDomainCase: "insensitive" });
    try {
      const id = (await own.client.CreateLiveCallbackTemplate(minimalTemplate())).TemplateId;
      await own.client.CreateLiveCallbackRule(rule(MIXED, id as number));
      await own.client.DeleteLiveCallbackRule({ DomainName: LOWER, AppName: "live" });
      assert.deepEqual(own.emulator.state().rules, []);
    } finally {
      await own.emulator.stop();
    }
    assert.equal(
      parseCommandLine(["--rule-domain-case", "insensitive"])?.ruleDomainCase,
      "insensitive",
    );
    assert.equal("ruleDomainCase" in (parseCommandLine([]) ?? {}), false);
    assert.throws(() => parseCommandLine(["--rule-domain-case", "lower"]), /--rule-domain-case/);
    const bad = await adminCall(t.emulator, "POST", "/_emulator/config", { ruleDomainCase: "x" });
    assert.equal(bad.status, 400);
    assert.throws(() => t.emulator.configure({ ruleDomainCase: "x" as never }), /ruleDomainCase/);
  });
});
