// The examples run as a user runs them: each program, compiled in a consumer project that
// installed the packed library, registers under Pulumi's mocks (its real __provider, its
// config), and its first up then runs through Pulumi's dynamic-provider host against the
// emulator. examples/adopt takes over a template and a rule made "in the console" first.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import * as net from "node:net";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import ts from "typescript";
import {
  programFromRegistrations,
  runDeployment,
  runUnderMocks,
  startLocalLive,
  TYPE_TOKENS,
  upAll,
  type EngineState,
  type LocalLive,
} from "../harness";
import { writesByAction } from "../support/writes";
import { removeTypesConsumer, typesConsumer } from "../types/consumerProject";

after(removeTypesConsumer);

const REPO = path.resolve(__dirname, "../..");
const KEY = "ExampleCallbackKey0123";

/**
 * Compiles every `.ts` module of `examples/<name>/` into `<consumer>/example-<name>/` (so
 * `index.js` finds its siblings); returns the folder.
 */
async function compileExample(consumerDir: string, name: string): Promise<string> {
  const dir = path.join(consumerDir, `example-${name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  const sources = (await readdir(path.join(REPO, "examples", name))).filter((f) =>
    f.endsWith(".ts"),
  );
  for (const file of sources) {
    const source = await readFile(path.join(REPO, "examples", name, file), "utf8");
    const { outputText, diagnostics } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      reportDiagnostics: true,
    });
    assert.deepEqual(diagnostics ?? [], []);
    await writeFile(path.join(dir, file.replace(/\.ts$/, ".js")), outputText);
  }
  return dir;
}

/** The emulator's credentials in the environment, as a user exports them for lookups. */
const liveEnv = (live: LocalLive) => ({
  TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
  TENCENTCLOUD_LIVE_ENDPOINT: live.emulator.url,
});

describe("the examples run: under Pulumi's mocks, then their first up through the host", function () {
  this.timeout(120_000);
  let live: LocalLive;
  let consumerDir: string;
  before(async function () {
    this.timeout(300_000);
    consumerDir = (await typesConsumer()).dir;
  });
  // An account of its own for each example.
  beforeEach(async () => {
    live = await startLocalLive();
  });
  afterEach(async () => live?.stop());

  it("multi-env: one template per environment, a binding per push domain and app", async () => {
    const project = "live-callbacks-multi-env";
    const dir = await compileExample(consumerDir, "multi-env");
    const domains = ["push.example.com", "push-eu.example.com"];
    const registrations = await runUnderMocks(dir, {
      program: path.join(dir, "index.js"),
      project,
      expected: 1 + domains.length * 2,
      config: {
        environment: "prod",
        hooksBaseUrl: "https://hooks.example.com/",
        pushDomains: JSON.stringify(domains),
        apps: JSON.stringify(["live", "events"]),
        callbackKey: KEY,
      },
      secretKeys: ["callbackKey"],
    });
    assert.equal(registrations.length, 5);
    const program = programFromRegistrations(registrations);
    const state: EngineState = new Map();
    const { result } = await runDeployment(
      consumerDir,
      live.stackConfig,
      (host) => upAll(host, state, program, { parallelism: 8 }),
      { project, workDir: dir },
    );
    assert.deepEqual(
      result.failures.map((f) => f.error.message),
      [],
    );
    const { templates, rules } = await live.state();
    assert.equal(templates.length, 1);
    const [t] = templates;
    assert.equal(t.TemplateName, "prod_hooks");
    assert.equal(t.StreamBeginNotifyUrl, "https://hooks.example.com/prod/live/begin");
    assert.equal(
      t.RecordExceptionNotifyUrl,
      "https://hooks.example.com/prod/live/record-exception",
    );
    assert.equal(t.CallbackKey, KEY);
    assert.deepEqual(
      rules.map((r) => `${r.DomainName}/${r.AppName}→${r.TemplateId}`).sort(),
      domains.flatMap((d) => ["live", "events"].map((a) => `${d}/${a}→${t.TemplateId}`)).sort(),
    );
  });

  it("adopt: takes over a console template and re-points its rule, creating nothing", async () => {
    const project = "live-callbacks-adopt";
    // The console's objects: the template to adopt and a rule pointing at another template.
    const { TemplateId: consoleId } = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "console_hooks",
      StreamBeginNotifyUrl: "https://old.example.com/begin",
    });
    const { TemplateId: otherId } = await live.console.CreateLiveCallbackTemplate({
      TemplateName: "other_hooks",
      StreamEndNotifyUrl: "https://other.example.com/end",
    });
    await live.console.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: otherId!,
    });
    const before = await live.state();
    const dir = await compileExample(consumerDir, "adopt");
    const registrations = await runUnderMocks(dir, {
      program: path.join(dir, "index.js"),
      project,
      expected: 2,
      config: { callbackKey: KEY },
      // The program's lookup (rulesBefore) reads the account with these.
      env: liveEnv(live),
    });
    // Its lookup (rulesBefore) read the account's rules.
    const calls = (await live.state()).calls as Record<string, number | undefined>;
    const before0 = before.calls as Record<string, number | undefined>;
    assert.ok(
      (calls.DescribeLiveCallbackRules ?? 0) > (before0.DescribeLiveCallbackRules ?? 0),
      "the program's getCallbackBindings did not read the account",
    );
    assert.deepEqual(registrations.map((r) => [r.type, r.object.adopt]).sort(), [
      [TYPE_TOKENS.template, true],
      [TYPE_TOKENS.binding, true],
    ]);
    const program = programFromRegistrations(registrations);
    const state: EngineState = new Map();
    const { result } = await runDeployment(
      consumerDir,
      live.stackConfig,
      (host) => upAll(host, state, program, { parallelism: 8 }),
      { project, workDir: dir },
    );
    assert.deepEqual(
      result.failures.map((f) => f.error.message),
      [],
    );
    const template = result.steps.find((s) => s.urn.includes(`::${TYPE_TOKENS.template}::`));
    assert.equal(template?.id, String(consoleId), "the console template was not adopted");
    const after = await live.state();
    const writes = writesByAction(after);
    const was = writesByAction(before);
    assert.equal(writes.CreateLiveCallbackTemplate, was.CreateLiveCallbackTemplate);
    assert.equal(writes.ModifyLiveCallbackTemplate, was.ModifyLiveCallbackTemplate + 1);
    const adopted = after.templates.find((t) => t.TemplateId === consoleId);
    assert.equal(adopted?.StreamBeginNotifyUrl, "https://hooks.example.com/live/begin");
    assert.equal(adopted?.CallbackKey, KEY);
    const rule = after.rules.find((r) => r.DomainName === "push.example.com");
    assert.equal(rule?.TemplateId, consoleId, "the rule was not re-pointed");
    assert.equal(after.rules.length, 1);
  });

  it("rotation: a key change up makes, and the receiver the program configures verifies every event of the window", async function () {
    this.timeout(180_000);
    const project = "live-callbacks-rotation";
    // An emulator of its own, with the platform's window shortened to a second.
    await live.stop();
    live = await startLocalLive({ propagationSeconds: 1 });
    const dir = await compileExample(consumerDir, "rotation");
    const port = await freePort();
    const hooksBaseUrl = `http://127.0.0.1:${port}`;
    const state: EngineState = new Map();
    const deploy = async (callbackKey: string) => {
      const registrations = await runUnderMocks(dir, {
        program: path.join(dir, "index.js"),
        project,
        expected: 2,
        config: { callbackKey, hooksBaseUrl },
        secretKeys: ["callbackKey"],
      });
      const { result } = await runDeployment(
        consumerDir,
        live.stackConfig,
        (host) => upAll(host, state, programFromRegistrations(registrations)),
        { project, workDir: dir },
      );
      assert.deepEqual(
        result.failures.map((f) => f.error.message),
        [],
      );
      return state.get([...state.keys()].find((u) => u.includes(TYPE_TOKENS.template))!)!.outputs;
    };
    // The program's own receiverKeys, as its callbackKeys output computes them.
    const { receiverKeys } = require(path.join(dir, "keys.js")) as {
      receiverKeys: (k: string, p?: string, at?: string) => unknown;
    };
    const OLD = "RotationExampleOld01";
    const NEW = "RotationExampleNew02";
    const first = await deploy(OLD);
    assert.deepEqual(receiverKeys(OLD, first.previousCallbackKey as undefined, undefined), [OLD]);
    let receiver = await startExampleReceiver(dir, port, receiverKeys(OLD, undefined, undefined));
    try {
      await sleep(1_300);
      assert.deepEqual(await emitBegin(live, "before"), { delivered: true });
      const rotated = await deploy(NEW);
      assert.equal(rotated.previousCallbackKey, OLD);
      const keys = receiverKeys(
        NEW,
        rotated.previousCallbackKey as string,
        rotated.callbackKeyChangedAt as string,
      );
      assert.deepEqual(keys, [
        NEW,
        { key: OLD, notAfter: Date.parse(rotated.callbackKeyChangedAt as string) + 600_000 },
      ]);
      // The same up redeploys the receiver with both keys: the window's event is still signed
      // with the old one, the next one (after the window) with the new one.
      await receiver.stop();
      receiver = await startExampleReceiver(dir, port, keys);
      assert.deepEqual(await emitBegin(live, "window"), { delivered: true });
      await sleep(1_300);
      assert.deepEqual(await emitBegin(live, "after"), { delivered: true });
      // Its log lines reach this process's pipe a moment after its answers.
      for (let i = 0; i < 100 && receiver.lines().length < 2; i += 1) await sleep(20);
      assert.deepEqual(receiver.lines(), [
        "event 1, verified by key #1",
        "event 1, verified by key #0",
      ]);
    } finally {
      await receiver.stop();
    }
  });
});

/** A free port on 127.0.0.1, for a receiver whose URL the template needs before it starts. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the emulator for a stream begin on the example's domain; what delivery said. */
async function emitBegin(live: LocalLive, streamId: string): Promise<{ delivered: boolean }> {
  const record = await live.emulator.deliverEvent({
    domainName: "push.example.com",
    streamId,
    eventType: "streamBegin",
  });
  return { delivered: record.delivered };
}

/** Runs the example's receiver.js with CALLBACK_KEYS; resolves once it accepts connections. */
async function startExampleReceiver(dir: string, port: number, keys: unknown) {
  const child = spawn(process.execPath, [path.join(dir, "receiver.js")], {
    cwd: dir,
    env: { ...process.env, CALLBACK_KEYS: JSON.stringify(keys), PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  for (let i = 0; i < 200; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null) throw new Error(`receiver.js exited: ${out}`);
    await sleep(50);
  }
  return {
    lines: () => out.split("\n").filter(Boolean),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, "exit");
    },
  };
}
