import assert from "node:assert/strict";
import http from "node:http";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  isLoopbackHost,
  startEmulator,
  type EmulatorHandle,
} from "../../src/emulator";
import { adminCall, makeLiveClient, minimalTemplate, startTestEmulator } from "./helpers";

describe("emulator: state, admin routes and lifecycle", () => {
  const running: EmulatorHandle[] = [];
  let dir: string;

  async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorHandle> {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "live-emulator-"));
  });
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((e) => e.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it("uses the documented default credentials on 127.0.0.1", async () => {
    const emulator = await start();
    assert.deepEqual(emulator.credentials, {
      secretId: "AKIDLOCALEMULATOR",
      secretKey: "local-emulator-secret-key",
    });
    assert.deepEqual(DEFAULT_EMULATOR_CREDENTIALS, emulator.credentials);
    assert.equal(emulator.host, "127.0.0.1");
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    assert.ok(emulator.port > 0);
  });

  it("shows templates, rules and call counts on GET /_emulator/state and empties them on reset", async () => {
    const emulator = await start();
    const client = makeLiveClient(emulator);
    const { TemplateId } = await client.CreateLiveCallbackTemplate({
      ...minimalTemplate(),
      RecordStatusNotifyUrl: "https://a.example.com/status",
    });
    await client.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: TemplateId as number,
    });
    await adminCall(emulator, "POST", "/_emulator/faults", {
      action: "*",
      times: 5,
      mode: "http-500",
    });

    const { status, json } = await adminCall(emulator, "GET", "/_emulator/state");
    assert.equal(status, 200);
    const state = json as {
      templates: Record<string, unknown>[];
      rules: Record<string, unknown>[];
      calls: Record<string, number>;
      nextTemplateId: number;
    };
    assert.equal(state.templates.length, 1);
    assert.equal(state.templates[0].TemplateId, TemplateId);
    assert.equal(state.templates[0].RecordStatusNotifyUrl, "https://a.example.com/status");
    assert.deepEqual(
      state.rules.map((r) => [r.DomainName, r.AppName, r.TemplateId]),
      [["push.example.com", "live", TemplateId]],
    );
    assert.deepEqual(state.calls, { CreateLiveCallbackTemplate: 1, CreateLiveCallbackRule: 1 });
    assert.deepEqual(state, emulator.state());

    assert.deepEqual((await adminCall(emulator, "POST", "/_emulator/reset")).json, { ok: true });
    const after = emulator.state();
    assert.deepEqual([after.templates, after.rules, after.calls], [[], [], {}]);
    assert.equal(
      ((await adminCall(emulator, "GET", "/_emulator/faults")).json as { pending: number }).pending,
      0,
    );
    // Ids keep growing across a reset.
    const next = await client.CreateLiveCallbackTemplate(minimalTemplate());
    assert.equal(next.TemplateId, (TemplateId as number) + 1);
  });

  it("returns copies from state()", async () => {
    const emulator = await start();
    await makeLiveClient(emulator).CreateLiveCallbackTemplate(minimalTemplate());
    emulator.state().templates[0].TemplateName = "changed";
    assert.equal(emulator.state().templates[0].TemplateName, "tpl");
  });

  it("answers 404 with the route list for an unknown admin route, 400 for a bad JSON body", async () => {
    const emulator = await start();
    const missing = await adminCall(emulator, "GET", "/_emulator/nothing");
    assert.equal(missing.status, 404);
    assert.ok((missing.json as { routes: string[] }).routes.includes("GET /_emulator/state"));
    const wrongMethod = await adminCall(emulator, "PUT", "/_emulator/state");
    assert.equal(wrongMethod.status, 404);
    const bad = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: emulator.host,
          port: emulator.port,
          method: "POST",
          path: "/_emulator/faults",
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end("{not json");
    });
    assert.equal(bad, 400);
  });

  it("serves extra admin routes given in the options", async () => {
    const emulator = await start({
      adminRoutes: {
        "POST /_emulator/echo": (req, runtime) => ({
          status: 201,
          body: { got: req.body, templates: runtime.data.templates.length },
        }),
      },
    });
    const answer = await adminCall(emulator, "POST", "/_emulator/echo", { a: 1 });
    assert.deepEqual(answer, { status: 201, json: { got: { a: 1 }, templates: 0 } });
  });

  it("keeps templates, rules and the id counter in the state file across a restart", async () => {
    const stateFile = join(dir, "nested", "state.json");
    const first = await start({ stateFile });
    const client = makeLiveClient(first);
    const a = await client.CreateLiveCallbackTemplate({
      ...minimalTemplate("a"),
      RecordStatusNotifyUrl: "https://s.example.com",
    });
    const b = await client.CreateLiveCallbackTemplate(minimalTemplate("b"));
    await client.DeleteLiveCallbackTemplate({ TemplateId: b.TemplateId as number });
    await client.CreateLiveCallbackRule({
      DomainName: "push.example.com",
      AppName: "live",
      TemplateId: a.TemplateId as number,
    });

    // Saved on every change, before the answer: visible without stopping.
    const onDisk = JSON.parse(await readFile(stateFile, "utf8"));
    assert.equal(onDisk.templates.length, 1);
    assert.equal(onDisk.rules.length, 1);
    const before = first.state();
    await first.stop();
    assert.deepEqual(
      (await readdir(join(dir, "nested"))).filter((f) => f !== "state.json"),
      [],
      "no temporary files are left behind",
    );

    const second = await start({ stateFile });
    const restored = second.state();
    assert.deepEqual(restored.templates, before.templates);
    assert.deepEqual(restored.rules, before.rules);
    assert.equal(restored.nextTemplateId, (b.TemplateId as number) + 1);
    const c = await makeLiveClient(second).CreateLiveCallbackTemplate(minimalTemplate("c"));
    assert.equal(c.TemplateId, (b.TemplateId as number) + 1);
  });

  it("refuses to start on a state file it cannot read, leaving the file alone", async () => {
    const stateFile = join(dir, "state.json");
    await writeFile(stateFile, '{"templates": "oops"}');
    await assert.rejects(start({ stateFile }), (err: Error) => err.message.includes(stateFile));
    await writeFile(stateFile, "not json");
    await assert.rejects(start({ stateFile }), /not valid JSON/);
    assert.equal(await readFile(stateFile, "utf8"), "not json");
  });

  it("refuses a non-loopback host unless allowNonLoopback is set", async () => {
    await assert.rejects(start({ host: "0.0.0.0" }), /non-loopback/);
    await assert.rejects(start({ host: "192.0.2.10" }), /allow-non-loopback/);
    assert.equal(isLoopbackHost("127.0.0.1"), true);
    assert.equal(isLoopbackHost("127.8.9.10"), true);
    assert.equal(isLoopbackHost("localhost"), true);
    assert.equal(isLoopbackHost("::1"), true);
    assert.equal(isLoopbackHost("[::1]"), true);
    assert.equal(isLoopbackHost("::ffff:127.0.0.1"), true);
    assert.equal(isLoopbackHost("0.0.0.0"), false);
    assert.equal(isLoopbackHost("::"), false);
    assert.equal(isLoopbackHost("example.com"), false);
  });

  it("refuses invalid options", async () => {
    await assert.rejects(start({ port: 70000 }), /port/);
    await assert.rejects(start({ latencyMs: -5 }), /latencyMs/);
    await assert.rejects(start({ duplicateRules: "merge" as never }), /duplicateRules/);
    await assert.rejects(start({ credentials: { secretId: "", secretKey: "k" } }), /secretId/);
  });

  it("stops promptly even with an open keep-alive connection and a pending delayed answer", async () => {
    const emulator = await start();
    const keepAlive = new Client({
      credential: emulator.credentials,
      profile: {
        httpProfile: {
          endpoint: emulator.endpoint,
          protocol: "http://",
          reqTimeout: 5,
          agent: new http.Agent({ keepAlive: true }),
        },
      },
    });
    await keepAlive.DescribeLiveCallbackRules();
    // A second client whose keep-alive connection stays idle until the stop.
    const idle = makeLiveClient(emulator);
    (
      idle as unknown as { profile: { httpProfile: { agent: http.Agent } } }
    ).profile.httpProfile.agent = new http.Agent({ keepAlive: true });
    await idle.DescribeLiveCallbackRules();
    emulator.injectFaults({ action: "*", times: 1, mode: "delay", delayMs: 10_000 });
    const pending = keepAlive.DescribeLiveCallbackRules().catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await emulator.stop();
    assert.ok(Date.now() - started < 1000, `stop took ${Date.now() - started} ms`);
    assert.ok((await pending) instanceof Error);
    // stop() is idempotent.
    await emulator.stop();
  });

  it("offers the same behaviour switches programmatically", async () => {
    const { emulator } = await startTestEmulator({
      duplicateRules: "overwrite",
      unsafeUrls: "reject",
      ruleDomainCase: "insensitive",
      latencyMs: 5,
      rateLimitPerSecond: 7,
      propagationSeconds: 0,
      stsLifetimeSeconds: 0,
    });
    running.push(emulator);
    assert.deepEqual((await adminCall(emulator, "GET", "/_emulator/config")).json, {
      duplicateRules: "overwrite",
      unsafeUrls: "reject",
      ruleDomainCase: "insensitive",
      latencyMs: 5,
      rateLimitPerSecond: 7,
      propagationSeconds: 0,
      stsLifetimeSeconds: 0,
    });
    assert.deepEqual(emulator.configure({ latencyMs: 0 }), {
      duplicateRules: "overwrite",
      unsafeUrls: "reject",
      ruleDomainCase: "insensitive",
      latencyMs: 0,
      rateLimitPerSecond: 7,
      propagationSeconds: 0,
      stsLifetimeSeconds: 0,
    });
    assert.throws(() => emulator.injectFaults({ action: "*", times: 1 } as never));
  });
});
