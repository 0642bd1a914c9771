// The rotation outputs of CallbackTemplate (previousCallbackKey, callbackKeyChangedAt) after
// every kind of write, and the one line per diff and per update on the propagation window.
import assert from "node:assert/strict";

import sinon from "sinon";

import type { CallBackTemplateInfo } from "../../src/api/models";
import { UNKNOWN } from "../../src/provider/context";
import { PROPAGATION_WINDOW_MS } from "../../src/provider/propagation";
import { createTemplateProvider, type CallbackTemplateOutputs } from "../../src/provider/index";
import { apiError, rejection, stubContext } from "./stubClient";

const KEY_A = "RotationKeyAlpha1";
const KEY_B = "RotationKeyBravo2";
const CONSOLE_KEY = "ConsoleRotated33";
const OLDER_KEY = "OlderKeyZulu9";
const KEYS = [KEY_A, KEY_B, CONSOLE_KEY, OLDER_KEY];
const BEGIN = "https://hooks.example.com/begin";
const END = "https://hooks.example.com/end";
const STATUS = "https://hooks.example.com/status";
const LABEL = 'CallbackTemplate "rot" (TemplateId 12)';
const EARLIER = "2026-01-02T03:04:05.000Z";

function live(over: Partial<CallBackTemplateInfo> = {}): CallBackTemplateInfo {
  return {
    TemplateId: 12,
    TemplateName: "rot",
    Description: "",
    StreamBeginNotifyUrl: BEGIN,
    StreamEndNotifyUrl: END,
    RecordNotifyUrl: "",
    SnapshotNotifyUrl: "",
    PornCensorshipNotifyUrl: "",
    PushExceptionNotifyUrl: "",
    AudioAuditNotifyUrl: "",
    RecordExceptionNotifyUrl: "",
    RecordExceptionLevels: [],
    CallbackKey: KEY_A,
    ...over,
  };
}

function declared(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    templateName: "rot",
    streamBeginNotifyUrl: BEGIN,
    streamEndNotifyUrl: END,
    recordStatusNotifyUrl: STATUS,
    callbackKey: KEY_A,
    ...over,
  };
}

function olds(over: Record<string, unknown> = {}): CallbackTemplateOutputs {
  return { ...declared(), templateId: 12, __provider: "p", ...over } as never;
}

/** A provider over a stub client whose listing holds `info` (`null`: an empty account). */
function setup(info: CallBackTemplateInfo | null = live()) {
  const s = stubContext();
  s.client.describeLiveCallbackTemplates.resolves(info ? [info] : []);
  s.client.modifyLiveCallbackTemplate.resolves();
  return { ...s, template: createTemplateProvider(s.ctx) };
}

/** The lines about the propagation window (drift lines have a `≠`). */
const windowLines = (lines: string[]) => lines.filter((l) => l.includes("5-10 minutes"));

function assertNoKeyIn(lines: readonly string[]) {
  for (const line of lines) {
    for (const key of KEYS) {
      assert.ok(!line.toLowerCase().includes(key.toLowerCase()), `a key in: ${line}`);
    }
  }
}

/** The ISO 8601 UTC time the provider stamped, taken between `before` and now. */
function assertStamped(at: unknown, before: number) {
  assert.equal(typeof at, "string", "callbackKeyChangedAt is set");
  assert.match(at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const t = Date.parse(at as string);
  assert.ok(t >= before && t <= Date.now(), `${String(at)} is not the time of the write`);
}

/** Diff then update, as `pulumi up` runs them in one provider process. */
async function diffThenUpdate(
  s: ReturnType<typeof setup>,
  prior: CallbackTemplateOutputs,
  news: Record<string, unknown>,
) {
  const diff = await s.template.diff("12", prior, news);
  const diffLines = s.lines();
  s.log.resetHistory();
  const before = Date.now();
  const result = await s.template.update("12", prior, news as never);
  return {
    diff,
    diffLines,
    updateLines: s.lines(),
    outs: result.outs as CallbackTemplateOutputs,
    before,
  };
}

describe("provider/template: rotation outputs and the propagation window", () => {
  it("create: a new template has neither output", async () => {
    const s = setup(null);
    s.client.createLiveCallbackTemplate.resolves(12);
    const result = await s.template.create(declared() as never);
    assert.equal("previousCallbackKey" in result.outs, false);
    assert.equal("callbackKeyChangedAt" in result.outs, false);
  });

  it("a key change: previousCallbackKey is the old key, callbackKeyChangedAt the time; one line in diff and one in update, no key in either", async () => {
    const s = setup();
    const run = await diffThenUpdate(s, olds(), declared({ callbackKey: KEY_B }));
    assert.equal(run.diff.changes, true);
    assert.equal(run.outs.callbackKey, KEY_B);
    assert.equal(run.outs.previousCallbackKey, KEY_A);
    assertStamped(run.outs.callbackKeyChangedAt, run.before);
    assert.deepEqual(windowLines(run.diffLines), [
      `${LABEL}: callbackKey changes; the platform applies it 5-10 minutes after up: ` +
        `keep accepting both keys (previousCallbackKey) for at least 10 minutes.`,
    ]);
    assert.deepEqual(run.updateLines, [
      `${LABEL}: callbackKey changed at ${run.outs.callbackKeyChangedAt}; the platform applies ` +
        `it within 5-10 minutes: keep accepting both keys (previousCallbackKey) for at least 10 minutes.`,
    ]);
    assertNoKeyIn([...run.diffLines, ...run.updateLines]);
  });

  it("PROPAGATION_WINDOW_MS covers exactly the minutes the key-change line asks to keep both keys", async () => {
    // A receiver keeps the previous key until callbackKeyChangedAt + PROPAGATION_WINDOW_MS (the
    // package exports it for that, README): it must span the window the line names.
    const s = setup();
    const run = await diffThenUpdate(s, olds(), declared({ callbackKey: KEY_B }));
    const minutes =
      /keep accepting both keys \(previousCallbackKey\) for at least (\d+) minutes/.exec(
        run.updateLines.join("\n"),
      );
    assert.ok(minutes, `no window in ${JSON.stringify(run.updateLines)}`);
    assert.equal(PROPAGATION_WINDOW_MS, Number(minutes[1]) * 60_000);
  });

  it("an update without a diff in this process takes the old declared key", async () => {
    const s = setup();
    const result = await s.template.update("12", olds(), declared({ callbackKey: KEY_B }) as never);
    assert.equal((result.outs as CallbackTemplateOutputs).previousCallbackKey, KEY_A);
    sinon.assert.notCalled(s.client.describeLiveCallbackTemplates);
  });

  it("a removed key: previousCallbackKey is the old key; the line says to accept it and unsigned events", async () => {
    const s = setup();
    const { callbackKey: _k, ...withoutKey } = declared();
    const run = await diffThenUpdate(s, olds(), withoutKey);
    assert.equal(run.outs.callbackKey, undefined);
    assert.equal(run.outs.previousCallbackKey, KEY_A);
    assertStamped(run.outs.callbackKeyChangedAt, run.before);
    assert.equal(windowLines(run.diffLines).length, 1);
    assert.match(
      run.updateLines[0],
      /keep accepting the old key \(previousCallbackKey\) and unsigned events for at least 10 minutes\.$/,
    );
    assertNoKeyIn([...run.diffLines, ...run.updateLines]);
  });

  it("an added key: no previous key, but the time is set; the line says to accept unsigned events", async () => {
    const s = setup(live({ CallbackKey: "" }));
    const { callbackKey: _k, ...noKey } = olds();
    const run = await diffThenUpdate(s, noKey as never, declared({ callbackKey: KEY_B }));
    assert.equal(run.outs.callbackKey, KEY_B);
    assert.equal("previousCallbackKey" in run.outs, false);
    assertStamped(run.outs.callbackKeyChangedAt, run.before);
    assert.match(run.updateLines[0], /keep accepting unsigned events for at least 10 minutes\.$/);
    assertNoKeyIn([...run.diffLines, ...run.updateLines]);
  });

  it("a key changed in the console that up repairs: previousCallbackKey is the console's key (the one the platform signed with)", async () => {
    const s = setup(live({ CallbackKey: CONSOLE_KEY }));
    const run = await diffThenUpdate(s, olds(), declared());
    assert.equal(run.diff.changes, true);
    assert.equal(run.outs.callbackKey, KEY_A);
    assert.equal(run.outs.previousCallbackKey, CONSOLE_KEY);
    assertStamped(run.outs.callbackKeyChangedAt, run.before);
    // The drift line and the window line, both without a key.
    assert.equal(run.diffLines.length, 2, run.diffLines.join("\n"));
    assert.equal(windowLines(run.diffLines).length, 1);
    assertNoKeyIn([...run.diffLines, ...run.updateLines]);
  });

  it("a key the console set to the program's new one: previousCallbackKey is the last applied key, still possibly in flight", async () => {
    const s = setup(live({ CallbackKey: KEY_B }));
    const run = await diffThenUpdate(s, olds(), declared({ callbackKey: KEY_B }));
    assert.equal(run.diff.changes, true);
    assert.equal(run.outs.previousCallbackKey, KEY_A);
    assertStamped(run.outs.callbackKeyChangedAt, run.before);
    assert.equal(windowLines(run.diffLines).length, 1);
  });

  it("an update that leaves the key alone keeps both outputs, and logs no window line", async () => {
    const s = setup();
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    const run = await diffThenUpdate(s, prior, declared({ description: "edited" }));
    assert.equal(run.diff.changes, true);
    assert.equal(run.outs.previousCallbackKey, OLDER_KEY);
    assert.equal(run.outs.callbackKeyChangedAt, EARLIER);
    assert.deepEqual(windowLines(run.diffLines), []);
    assert.deepEqual(run.updateLines, []);
  });

  it("a URL change keeps the rotation outputs and names the old URL to keep serving", async () => {
    const s = setup();
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    const run = await diffThenUpdate(
      s,
      prior,
      declared({ streamEndNotifyUrl: "https://new.example.com/end" }),
    );
    assert.equal(run.outs.previousCallbackKey, OLDER_KEY);
    assert.equal(run.outs.callbackKeyChangedAt, EARLIER);
    assert.deepEqual(windowLines(run.diffLines), [
      `${LABEL}: streamEndNotifyUrl changes; the platform applies it 5-10 minutes after up: ` +
        `keep the old URL ${END} serving for at least 10 minutes.`,
    ]);
    assert.equal(run.updateLines.length, 1);
    assert.match(
      run.updateLines[0],
      /^CallbackTemplate "rot" \(TemplateId 12\): streamEndNotifyUrl changed at \S+Z; /,
    );
    assert.ok(
      run.updateLines[0].endsWith(`keep the old URL ${END} serving for at least 10 minutes.`),
    );
  });

  it("a key and several URLs in one update: still one line, naming each", async () => {
    const s = setup();
    const { streamBeginNotifyUrl: _b, ...rest } = declared({
      callbackKey: KEY_B,
      streamEndNotifyUrl: "https://new.example.com/end",
      recordStatusNotifyUrl: "https://new.example.com/status",
      snapshotNotifyUrl: "https://new.example.com/snap",
    });
    const run = await diffThenUpdate(s, olds(), rest);
    assert.deepEqual(windowLines(run.diffLines), [
      `${LABEL}: callbackKey, streamBeginNotifyUrl, streamEndNotifyUrl, recordStatusNotifyUrl, ` +
        `snapshotNotifyUrl change; the platform applies it 5-10 minutes after up: keep accepting ` +
        `both keys (previousCallbackKey) for at least 10 minutes; keep the old URLs ${BEGIN}, ` +
        `${END}, ${STATUS} serving for at least 10 minutes; snapshotNotifyUrl gets events only ` +
        `once the change takes effect.`,
    ]);
    assert.equal(run.updateLines.length, 1);
    assertNoKeyIn([...run.diffLines, ...run.updateLines]);
  });

  it("a URL changed in the console names the console's URL as the one still in use", async () => {
    const s = setup(live({ StreamEndNotifyUrl: "https://console.example.com/end" }));
    const run = await diffThenUpdate(s, olds(), declared());
    assert.ok(
      run.diffLines.some((l) =>
        l.includes('streamEndNotifyUrl: live "https://console.example.com/end"'),
      ),
      "drift is still reported",
    );
    assert.match(
      windowLines(run.diffLines)[0],
      /keep the old URL https:\/\/console\.example\.com\/end serving/,
    );
    assert.match(
      run.updateLines[0],
      /keep the old URL https:\/\/console\.example\.com\/end serving/,
    );
  });

  it("an unknown key in preview counts as a key change", async () => {
    // check lets a value through as unknown when it is, or holds, Pulumi's unknown (a program in
    // plain JavaScript may pass a list): either way it is planned as a change, never a removal.
    for (const callbackKey of [UNKNOWN, [UNKNOWN]]) {
      const s = setup();
      const diff = await s.template.diff("12", olds(), declared({ callbackKey }));
      assert.deepEqual(diff, { changes: true, stables: ["templateId"] });
      assert.deepEqual(s.lines(), [
        `${LABEL}: callbackKey changes; the platform applies it 5-10 minutes after up: ` +
          `keep accepting both keys (previousCallbackKey) for at least 10 minutes.`,
      ]);
    }
  });

  it("diff ignores the rotation outputs: no change, nothing logged", async () => {
    const s = setup();
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    assert.deepEqual(await s.template.diff("12", prior, declared()), {
      changes: false,
      stables: ["templateId"],
    });
    assert.deepEqual(s.lines(), []);
  });

  it("refresh keeps both outputs, and never puts them in the inputs", async () => {
    const s = setup(live({ CallbackKey: CONSOLE_KEY }));
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    const read = await s.template.read("12", prior);
    assert.equal(read.props?.previousCallbackKey, OLDER_KEY);
    assert.equal(read.props?.callbackKeyChangedAt, EARLIER);
    // The console's key is read back under callbackKey (a secret input) and changes nothing else.
    assert.equal(read.props?.callbackKey, CONSOLE_KEY);
    assert.equal(read.inputs?.previousCallbackKey, undefined);
    assert.equal(read.inputs?.callbackKeyChangedAt, undefined);
    // And the refreshed state diffs clean against the same declaration.
    const diff = await s.template.diff(
      "12",
      read.props as never,
      declared({ callbackKey: CONSOLE_KEY }),
    );
    assert.equal(diff.changes, false);
  });

  it("check refuses both as inputs, naming each and never showing the key", async () => {
    const s = setup();
    const result = await s.template.check(
      {},
      declared({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER }),
    );
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ["previousCallbackKey", "callbackKeyChangedAt"],
    );
    assert.match(
      result.failures?.[0].reason ?? "",
      /is an output of CallbackTemplate.*got \[secret\]$/,
    );
    assert.match(result.failures?.[1].reason ?? "", new RegExp(`got "${EARLIER}"$`));
    assert.ok(!JSON.stringify(result.failures).includes(OLDER_KEY));
    // Without them the same declaration passes.
    assert.deepEqual((await s.template.check({}, declared())).failures ?? [], []);
  });

  it("a failed update changes nothing: no outputs, no line after the write, and the next diff plans the same", async () => {
    const s = setup();
    s.client.modifyLiveCallbackTemplate.rejects(
      apiError("ModifyLiveCallbackTemplate", "InvalidParameter", "rid-rot"),
    );
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    const news = declared({ callbackKey: KEY_B });
    await s.template.diff("12", prior, news);
    s.log.resetHistory();
    const err = await rejection(s.template.update("12", prior, news as never));
    assert.match(err.message, /rid-rot/);
    assert.deepEqual(s.lines(), []);
    assert.equal(prior.previousCallbackKey, OLDER_KEY, "the stored outputs are untouched");
    // A retry in the same process (no new diff) still replaces the same key.
    s.client.modifyLiveCallbackTemplate.resolves();
    const retried = await s.template.update("12", prior, news as never);
    assert.equal((retried.outs as CallbackTemplateOutputs).previousCallbackKey, KEY_A);
  });

  it("adopting a template with another key: previousCallbackKey is the key it had", async () => {
    const s = setup(live({ CallbackKey: CONSOLE_KEY, TemplateId: 30 }));
    const before = Date.now();
    const result = await s.template.create(declared({ adopt: true }) as never);
    const outs = result.outs as CallbackTemplateOutputs;
    assert.equal(outs.previousCallbackKey, CONSOLE_KEY);
    assertStamped(outs.callbackKeyChangedAt, before);
    assert.equal(windowLines(s.lines()).length, 1);
    assertNoKeyIn(s.lines());
  });

  it("adopting a template with the same key records no key change", async () => {
    const s = setup(live({ TemplateId: 30 }));
    const result = await s.template.create(declared({ adopt: true }) as never);
    assert.equal("previousCallbackKey" in result.outs, false);
    assert.equal("callbackKeyChangedAt" in result.outs, false);
    // The write-only URL is sent (it cannot be compared), and may be new to the platform.
    sinon.assert.calledOnce(s.client.modifyLiveCallbackTemplate);
    assert.ok(!windowLines(s.lines()).some((l) => l.includes("callbackKey")));
  });

  it("tells the client of the previous key on every entry point, so no error can quote it", async () => {
    const s = setup();
    s.client.deleteLiveCallbackTemplate.resolves();
    const prior = olds({ previousCallbackKey: OLDER_KEY, callbackKeyChangedAt: EARLIER });
    const calls: [string, () => Promise<unknown>][] = [
      ["diff", () => s.template.diff("12", prior, declared())],
      ["read", () => s.template.read("12", prior)],
      ["update", () => s.template.update("12", prior, declared({ description: "x" }) as never)],
      ["delete", () => s.template.delete("12", prior)],
    ];
    for (const [name, call] of calls) {
      s.client.protectSecret.resetHistory();
      await call();
      assert.ok(s.client.protectSecret.calledWith(OLDER_KEY), `${name} did not protect it`);
    }
  });
});
