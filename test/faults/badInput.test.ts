// Bad input never reaches the API: every invalid value is a CheckFailure naming its property,
// and the emulator sees no call at all. Valid values at the limits pass check AND are accepted
// by the API, so check is neither looser nor stricter than what it guards.
import assert from "node:assert/strict";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { makeLiveClient } from "../emulator/helpers";
import { freshRun, startFaultEnv, stopFaultEnv, type FaultEnv } from "./env";

const KEY = "BadInputSuiteKey0123456789abcdef";
const TEMPLATE = {
  templateName: "ok_name",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  callbackKey: KEY,
};
const BINDING = { domainName: "push.example.com", appName: "live", templateId: 1000 };

type Kind = "template" | "binding";

/** [what is wrong, resource, property that must be named, the inputs]. */
type Case = [string, Kind, string, Record<string, unknown>];

const t = (label: string, property: string, patch: Record<string, unknown>): Case => [
  label,
  "template",
  property,
  { ...TEMPLATE, ...patch },
];
const b = (label: string, property: string, patch: Record<string, unknown>): Case => [
  label,
  "binding",
  property,
  { ...BINDING, ...patch },
];
const without = (inputs: Record<string, unknown>, key: string) => {
  const copy = { ...inputs };
  delete copy[key];
  return copy;
};

const HAN = "回";
const INVALID: Case[] = [
  t("256 bytes", "templateName", { templateName: "n".repeat(256) }),
  t("86 Chinese characters (258 bytes)", "templateName", { templateName: HAN.repeat(86) }),
  t("empty", "templateName", { templateName: "" }),
  ["missing", "template", "templateName", without(TEMPLATE, "templateName")],
  t("a space", "templateName", { templateName: "has space" }),
  t("leading whitespace", "templateName", { templateName: " lead" }),
  t("a tab", "templateName", { templateName: "tab\tname" }),
  t("an emoji", "templateName", { templateName: "hooks😀" }),
  t("a dot", "templateName", { templateName: "a.b" }),
  t("a slash", "templateName", { templateName: "a/b" }),
  t("full-width punctuation", "templateName", { templateName: "名字！" }),
  t("a number", "templateName", { templateName: 42 }),
  t("1025 bytes", "description", { description: "d".repeat(1025) }),
  t("342 Chinese characters (1026 bytes)", "description", { description: HAN.repeat(342) }),
  t("spaces", "description", { description: "two words" }),
  t("an emoji", "description", { description: "ok👍" }),
  t("a newline", "description", { description: "line\nbreak" }),
  t("a non-http scheme (ftp)", "streamBeginNotifyUrl", {
    streamBeginNotifyUrl: "ftp://hooks.example.com",
  }),
  t("javascript:", "streamEndNotifyUrl", { streamEndNotifyUrl: "javascript:alert(1)" }),
  t("file:", "recordNotifyUrl", { recordNotifyUrl: "file:///etc/passwd" }),
  t("ws:", "recordStatusNotifyUrl", { recordStatusNotifyUrl: "ws://hooks.example.com/ws" }),
  t("no host", "snapshotNotifyUrl", { snapshotNotifyUrl: "https://" }),
  t("no host, three slashes", "snapshotNotifyUrl", { snapshotNotifyUrl: "http:///callbacks" }),
  t("no host, a query only", "pornCensorshipNotifyUrl", {
    pornCensorshipNotifyUrl: "https://?q=1",
  }),
  t("no scheme", "pushExceptionNotifyUrl", { pushExceptionNotifyUrl: "hooks.example.com/cb" }),
  t("a relative path", "audioAuditNotifyUrl", { audioAuditNotifyUrl: "/callbacks/audio" }),
  t("a space inside", "recordExceptionNotifyUrl", {
    recordExceptionNotifyUrl: "https://hooks.example.com/a b",
  }),
  t("surrounding whitespace", "streamBeginNotifyUrl", {
    streamBeginNotifyUrl: " https://hooks.example.com/b ",
  }),
  t("an empty string", "streamEndNotifyUrl", { streamEndNotifyUrl: "" }),
  t("a number", "recordNotifyUrl", { recordNotifyUrl: 8080 }),
  [
    "no callback URL at all",
    "template",
    "streamBeginNotifyUrl",
    without(TEMPLATE, "streamBeginNotifyUrl"),
  ],
  t("33 characters", "callbackKey", { callbackKey: "K".repeat(33) }),
  t("symbols", "callbackKey", { callbackKey: "bad-key!" }),
  t("a space", "callbackKey", { callbackKey: "key with space" }),
  t("empty", "callbackKey", { callbackKey: "" }),
  t("Chinese characters", "callbackKey", { callbackKey: "密钥abc123" }),
  t("an emoji", "callbackKey", { callbackKey: "key😀123" }),
  t("a number", "callbackKey", { callbackKey: 12345678 }),
  t("an unknown level", "recordExceptionLevels", { recordExceptionLevels: ["fatal"] }),
  t("an upper-case level", "recordExceptionLevels", { recordExceptionLevels: ["ERROR"] }),
  t("a repeated level", "recordExceptionLevels", { recordExceptionLevels: ["error", "error"] }),
  t("a string, not a list", "recordExceptionLevels", { recordExceptionLevels: "error" }),
  t("an empty level", "recordExceptionLevels", { recordExceptionLevels: [""] }),
  t("a string", "adopt", { adopt: "yes" }),
  b("no dot", "domainName", { domainName: "localhost" }),
  b("a leading hyphen", "domainName", { domainName: "-push.example.com" }),
  b("a trailing hyphen in a label", "domainName", { domainName: "push-.example.com" }),
  b("a label of 64 characters", "domainName", { domainName: `${"a".repeat(64)}.example.com` }),
  b("254 characters", "domainName", {
    domainName: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`,
  }),
  b("an underscore", "domainName", { domainName: "push_1.example.com" }),
  b("a space", "domainName", { domainName: "push example.com" }),
  b("an empty label", "domainName", { domainName: "push..example.com" }),
  b("a trailing dot", "domainName", { domainName: "push.example.com." }),
  b("a URL instead of a host", "domainName", { domainName: "https://push.example.com" }),
  b("non-ASCII", "domainName", { domainName: "推流.example.com" }),
  b("empty", "domainName", { domainName: "" }),
  ["missing", "binding", "domainName", without(BINDING, "domainName")],
  // The API refuses an IP address as a push domain (InvalidParameter.DomainFormatError).
  b("an IPv4 address", "domainName", { domainName: "192.0.2.1" }),
  b("a slash", "appName", { appName: "live/extra" }),
  b("a space", "appName", { appName: "my app" }),
  b("a trailing newline", "appName", { appName: "live\n" }),
  b("empty", "appName", { appName: "" }),
  b("129 characters", "appName", { appName: "a".repeat(129) }),
  b("not an integer", "templateId", { templateId: 1.5 }),
  b("negative", "templateId", { templateId: -3 }),
  b("zero", "templateId", { templateId: 0 }),
  b("a string", "templateId", { templateId: "1000" }),
  b("NaN", "templateId", { templateId: Number.NaN }),
  ["missing", "binding", "templateId", without(BINDING, "templateId")],
  b("a string", "adopt", { adopt: "true" }),
];

/** Valid values at the limits: [what, resource, inputs]. */
const VALID_EDGES: [string, Kind, Record<string, unknown>][] = [
  ["a name of exactly 30 Chinese characters", "template", { templateName: HAN.repeat(30) }],
  [
    "a name of exactly 30 characters with _ and -",
    "template",
    { templateName: `a_-${"z".repeat(27)}` },
  ],
  ["a description of exactly 100 characters", "template", { description: "d".repeat(100) }],
  ["a description of 100 Chinese characters", "template", { description: HAN.repeat(100) }],
  ["a name of exactly 255 bytes", "template", { templateName: "n".repeat(255) }],
  ["a name of 85 Chinese characters (255 bytes)", "template", { templateName: HAN.repeat(85) }],
  ["a description of exactly 1024 bytes", "template", { description: "d".repeat(1024) }],
  ["a key of exactly 32 characters", "template", { callbackKey: "K".repeat(31) + "9" }],
  ["all three levels", "template", { recordExceptionLevels: ["error", "warning", "info"] }],
  [
    "an http:// URL with a port and query",
    "template",
    { streamEndNotifyUrl: "http://hooks.example.com:8080/cb?x=1" },
  ],
  ["a label of exactly 63 characters", "binding", { domainName: `${"a".repeat(63)}.example.com` }],
  [
    "a domain of exactly 253 characters",
    "binding",
    {
      domainName: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
    },
  ],
  ["an upper-case domain (stored in lower case)", "binding", { domainName: "PUSH.Example.COM" }],
  ["an app name of exactly 128 characters", "binding", { appName: "a".repeat(128) }],
];

describe("faults: bad input is refused by check, before any call", function () {
  this.timeout(30_000);
  let env: FaultEnv;

  before(async () => {
    env = await startFaultEnv();
  });
  after(() => stopFaultEnv(env));
  beforeEach(() => env.emulator.reset());

  it("has at least 40 invalid inputs across both resources", () => {
    assert.ok(INVALID.length >= 40, `${INVALID.length}`);
    assert.ok(INVALID.some(([, kind]) => kind === "binding"));
  });

  for (const [label, kind, property, inputs] of INVALID) {
    it(`${kind} ${property}: ${label}`, async () => {
      const run = freshRun(env);
      const result: dynamic.CheckResult = await run[kind].check({}, inputs);
      const failures = result.failures ?? [];
      assert.ok(
        failures.some((f) => f.property === property || f.property.startsWith(`${property}.`)),
        `no failure names ${property}: ${JSON.stringify(failures)}`,
      );
      for (const f of failures) assert.ok(f.reason.includes(f.property.split(".")[0]), f.reason);
      // Neither the valid key nor a rejected one may be echoed.
      const reasons = failures.map((f) => f.reason).join("\n");
      assert.ok(!reasons.includes(KEY), reasons);
      const key = inputs.callbackKey;
      if (property === "callbackKey" && key !== "")
        assert.ok(!reasons.includes(String(key)), reasons);
      assert.deepEqual(env.emulator.state().calls, {}, "check made an API call");
      assert.deepEqual(run.client.stats().calls, {});
    });
  }

  for (const [label, kind, patch] of VALID_EDGES) {
    it(`accepts ${label}, and so does the API`, async () => {
      const sdk = makeLiveClient(env.emulator);
      const parent = await sdk.CreateLiveCallbackTemplate({
        TemplateName: "parent",
        StreamBeginNotifyUrl: "https://hooks.example.com/p",
      });
      const inputs =
        kind === "template"
          ? { ...TEMPLATE, ...patch }
          : { ...BINDING, templateId: parent.TemplateId, ...patch };
      const run = freshRun(env);
      const checked = await run[kind].check({}, inputs);
      assert.deepEqual(checked.failures ?? [], []);
      const created = await run[kind].create(checked.inputs as never);
      assert.ok(created.id);
    });
  }
});
