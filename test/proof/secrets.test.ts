// Callback keys stay secret on every path, proven through Pulumi's dynamic-provider host loading
// the PACKED library, and through the lookups as a program in the consumer project calls them.
// The host cannot return secrets: the engine re-marks a refreshed input secret only if it was
// secret before, and outputs only through additionalSecretOutputs. So no key may reach a Read's
// inputs unless the resource declared one, and none may reach an error or a log line at all.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { useHostProject } from "../support/hostProject";
import {
  preview,
  refresh,
  resourceUrn,
  run,
  runDeployment,
  up,
  type DeclaredResource,
  type EngineState,
  type ProviderHost,
} from "../harness";

const CONSOLE_KEY = "ConsoleOnlyKey2024";
const KEY_A = "RotatingKeyAlpha01";
const KEY_B = "RotatingKeyBravo02";
const URN = resourceUrn("template", "hooks");

/** True when `text` holds `key` in any letter case. */
const leaks = (text: string, key: string) => text.toLowerCase().includes(key.toLowerCase());

describe("callback keys stay secret on every path (host, packed library)", function () {
  this.timeout(60_000);
  const suite = useHostProject();
  const emulator = suite.live;
  const project = suite.project;

  async function deploy<T>(fn: (host: ProviderHost) => Promise<T>) {
    const { result, lines } = await runDeployment(project().dir, emulator().stackConfig, fn);
    return { result, lines: lines.map((l) => l.text) };
  }

  const program = (inputs: Record<string, unknown>) => ({
    providers: project().providers,
    resources: [{ urn: URN, kind: "template", inputs } as DeclaredResource],
  });

  beforeEach(() => emulator().emulator.reset());

  it("a key set only in the console never reaches Read's inputs; it shows as drift and up clears it", async () => {
    const declared = { templateName: "no_key", streamBeginNotifyUrl: "https://h.example.com/b" };
    const state: EngineState = new Map();
    await deploy((host) => up(host, state, program(declared)));
    const templateId = Number(state.get(URN)?.id);
    await emulator().console.ModifyLiveCallbackTemplate({
      TemplateId: templateId,
      CallbackKey: CONSOLE_KEY,
    });

    // pulumi refresh: what the engine would store.
    const refreshed = await deploy((host) => refresh(host, state));
    const entry = state.get(URN) ?? assert.fail("refresh dropped the template");
    assert.equal(refreshed.result[0].op, "refresh");
    assert.equal(entry.inputs.callbackKey, undefined, "a plain key in the refreshed inputs");
    assert.ok(!leaks(JSON.stringify(entry.inputs), CONSOLE_KEY));
    assert.ok(!leaks(JSON.stringify(entry.outputs), CONSOLE_KEY));
    assert.equal(entry.inputs.streamBeginNotifyUrl, declared.streamBeginNotifyUrl);

    // The next preview still sees the console's key, and names it only as [secret].
    const previewed = await deploy((host) => preview(host, state, program(declared)));
    assert.equal(previewed.result[0].op, "update");
    assert.ok(
      previewed.lines.some((l) => l.includes('callbackKey: live [secret] ≠ declared ""')),
      previewed.lines.join("\n"),
    );
    assert.ok(!previewed.lines.some((l) => leaks(l, CONSOLE_KEY)));

    // The program is the source of truth: up clears the key.
    const applied = await deploy((host) => up(host, state, program(declared)));
    assert.equal(applied.result[0].op, "update");
    const [template] = (await emulator().state()).templates;
    assert.equal(template.CallbackKey, "");
  });

  it("a key that the resource declares is read back on refresh, under callbackKey only", async () => {
    const declared = {
      templateName: "with_key",
      streamBeginNotifyUrl: "https://h.example.com/b",
      callbackKey: KEY_A,
    };
    const state: EngineState = new Map();
    await deploy((host) => up(host, state, program(declared)));
    await emulator().console.ModifyLiveCallbackTemplate({
      TemplateId: Number(state.get(URN)?.id),
      CallbackKey: KEY_B,
    });
    await deploy((host) => refresh(host, state));
    const { inputs, outputs } = state.get(URN) ?? assert.fail("refresh dropped the template");
    // Old inputs held a (secret) key, so the engine keeps this one secret too.
    assert.equal(inputs.callbackKey, KEY_B);
    assert.equal(outputs.callbackKey, KEY_B);
    const { callbackKey: _k, ...others } = outputs;
    assert.ok(!leaks(JSON.stringify(others), KEY_B));
  });

  it("a key change whose API error quotes the old key, in any case, never shows either key", async () => {
    const declared = {
      templateName: "rotating",
      streamBeginNotifyUrl: "https://h.example.com/b",
      callbackKey: KEY_A,
    };
    const state: EngineState = new Map();
    await deploy((host) => up(host, state, program(declared)));
    for (const quoted of [KEY_A, KEY_A.toUpperCase(), KEY_A.toLowerCase()]) {
      emulator().emulator.injectFaults({
        action: "ModifyLiveCallbackTemplate",
        times: 1,
        error: {
          code: "InvalidParameterValue",
          message: `CallbackKey ${quoted} cannot be replaced by ${KEY_B.toLowerCase()} now`,
        },
      });
      const failed = await deploy((host) =>
        up(host, state, program({ ...declared, callbackKey: KEY_B })).then(
          () => assert.fail("the update should have failed"),
          (e: Error) => e.message,
        ),
      );
      assert.match(failed.result, /Updating CallbackTemplate "rotating"/);
      assert.match(failed.result, /InvalidParameterValue/);
      assert.match(failed.result, /CallbackKey \[secret\] cannot be replaced by \[secret\]/);
      for (const key of [KEY_A, KEY_B]) {
        assert.ok(!leaks(failed.result, key), failed.result);
        assert.ok(!failed.lines.some((l) => leaks(l, key)));
      }
    }
  });

  it("a key rotation: previousCallbackKey holds the old key in no host line; refresh keeps both outputs; the next diff is clean", async () => {
    const declared = {
      templateName: "rotation",
      streamBeginNotifyUrl: "https://h.example.com/b",
      callbackKey: KEY_A,
    };
    const state: EngineState = new Map();
    await deploy((host) => up(host, state, program(declared)));
    const created = state.get(URN) ?? assert.fail("no state after create");
    assert.equal(created.outputs.previousCallbackKey, undefined);
    assert.equal(created.outputs.callbackKeyChangedAt, undefined);

    const before = Date.now();
    const rotated = await deploy((host) =>
      up(host, state, program({ ...declared, callbackKey: KEY_B })),
    );
    assert.equal(rotated.result[0].op, "update");
    const { outputs } = state.get(URN) ?? assert.fail("no state after the rotation");
    assert.equal(outputs.callbackKey, KEY_B);
    assert.equal(outputs.previousCallbackKey, KEY_A);
    const changedAt = Date.parse(String(outputs.callbackKeyChangedAt));
    assert.ok(changedAt >= before && changedAt <= Date.now(), String(outputs.callbackKeyChangedAt));
    // The emulator signs with the new key at once; the old one is in the outputs only.
    assert.equal((await emulator().state()).templates[0].CallbackKey, KEY_B);
    // One window line from Diff, one from Update; neither, nor any other line, names a key.
    const window = rotated.lines.filter((l) =>
      l.includes("keep accepting both keys (previousCallbackKey) for at least 10 minutes"),
    );
    assert.equal(window.length, 2, rotated.lines.join("\n"));
    for (const key of [KEY_A, KEY_B]) {
      assert.ok(!rotated.lines.some((l) => leaks(l, key)), rotated.lines.join("\n"));
      const { callbackKey: _c, previousCallbackKey: _p, ...others } = outputs;
      assert.ok(!leaks(JSON.stringify(others), key), "a key outside the secret outputs");
    }

    const refreshed = await deploy((host) => refresh(host, state));
    assert.equal(refreshed.result[0].op, "refresh");
    const after = state.get(URN) ?? assert.fail("refresh dropped the template");
    assert.equal(after.outputs.previousCallbackKey, KEY_A);
    assert.equal(after.outputs.callbackKeyChangedAt, outputs.callbackKeyChangedAt);
    assert.equal(after.inputs.previousCallbackKey, undefined, "an output among the inputs");
    assert.ok(!leaks(JSON.stringify(after.inputs), KEY_A));

    const previewed = await deploy((host) =>
      preview(host, state, program({ ...declared, callbackKey: KEY_B })),
    );
    assert.equal(previewed.result[0].op, "same");
    assert.deepEqual(previewed.lines, []);
  });

  it("the packed CallbackTemplate registers previousCallbackKey (and callbackKey) as secret outputs", async function () {
    this.timeout(60_000);
    const script = path.join(project().dir, "secret-outputs-probe.js");
    await writeFile(
      script,
      `"use strict";
const pulumi = require("@pulumi/pulumi");
(async () => {
  await pulumi.runtime.setMocks(
    { newResource: (a) => ({ id: "1", state: { ...a.inputs, templateId: 1 } }), call: () => ({}) },
    "probe", "dev", false,
  );
  const seen = [];
  const monitor = pulumi.runtime.getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    seen.push(req.getAdditionalsecretoutputsList());
    return original(req, cb);
  };
  const lib = require("pulumi-tencentcloud-live-callbacks");
  new lib.CallbackTemplate("probe", { templateName: "probe", streamBeginNotifyUrl: "https://h.example.com/b" });
  for (let i = 0; i < 500 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  process.stdout.write(JSON.stringify(seen) + "\\n", () => process.exit(0));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const { stdout } = await run(process.execPath, [script], {
      cwd: project().dir,
      timeoutMs: 60_000,
    });
    const seen = JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as string[][];
    assert.equal(seen.length, 1, stdout);
    assert.deepEqual([...seen[0]].sort(), ["callbackKey", "previousCallbackKey"]);
  });

  it("a failed listing whose message carries the stored key never shows it", async () => {
    const declared = {
      templateName: "listed",
      streamBeginNotifyUrl: "https://h.example.com/b",
      callbackKey: KEY_A,
    };
    const state: EngineState = new Map();
    await deploy((host) => up(host, state, program(declared)));
    emulator().emulator.injectFaults({
      action: "DescribeLiveCallbackTemplates",
      times: 1,
      error: { code: "InvalidParameter", message: `bad template with key ${KEY_A.toUpperCase()}` },
    });
    const failed = await deploy((host) =>
      preview(host, state, program(declared)).then(
        () => assert.fail("the preview should have failed"),
        (e: Error) => e.message,
      ),
    );
    assert.match(failed.result, /Diffing CallbackTemplate "listed"/);
    assert.match(failed.result, /bad template with key \[secret\]/);
    assert.ok(!leaks(failed.result, KEY_A), failed.result);
  });

  it("lookups from the packed package: promise forms carry keys only when asked, Output forms as secrets", async function () {
    this.timeout(60_000);
    await emulator().console.CreateLiveCallbackTemplate({
      TemplateName: "looked_up",
      StreamBeginNotifyUrl: "https://h.example.com/b",
      CallbackKey: CONSOLE_KEY,
    });
    const script = path.join(project().dir, "lookups-probe.js");
    await writeFile(
      script,
      `"use strict";
const pulumi = require("@pulumi/pulumi");
const lib = require("pulumi-tencentcloud-live-callbacks");
(async () => {
  const plain = await lib.getCallbackTemplate({ templateName: "looked_up" });
  const all = await lib.getCallbackTemplates();
  const withKey = await lib.getCallbackTemplate({ templateName: "looked_up" }, { includeCallbackKey: true });
  const output = lib.getCallbackTemplateOutput({ templateName: "looked_up" });
  const outputs = lib.getCallbackTemplatesOutput();
  const key = await new Promise((resolve) => output.apply((t) => resolve(t.callbackKey)));
  console.log(JSON.stringify({
    plain, all, withKey: withKey.callbackKey, outputKey: key,
    outputSecret: await pulumi.isSecret(output), outputsSecret: await pulumi.isSecret(outputs),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const { stdout } = await run(process.execPath, [script], {
      cwd: project().dir,
      env: {
        ...process.env,
        TENCENTCLOUD_SECRET_ID: emulator().stackConfig["tencentcloud:secretId"],
        TENCENTCLOUD_SECRET_KEY: emulator().stackConfig["tencentcloud:secretKey"],
        TENCENTCLOUD_LIVE_ENDPOINT: emulator().stackConfig["tencentcloud-live:endpoint"],
      },
      timeoutMs: 60_000,
    });
    const seen = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
    assert.ok(!leaks(JSON.stringify(seen.plain), CONSOLE_KEY), JSON.stringify(seen.plain));
    assert.ok(!leaks(JSON.stringify(seen.all), CONSOLE_KEY));
    assert.equal((seen.plain as { templateName?: string }).templateName, "looked_up");
    assert.equal(seen.withKey, CONSOLE_KEY);
    assert.equal(seen.outputKey, CONSOLE_KEY);
    assert.equal(seen.outputSecret, true);
    assert.equal(seen.outputsSecret, true);
  });
});
