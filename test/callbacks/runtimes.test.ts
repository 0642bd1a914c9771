// Real frameworks in a consumer project that installed the packed library: Express 5 with and
// without express.json(), Hono on @hono/node-server, and the Fetch handler on Node's own Request,
// each receiving events the emulator delivers; and examples/receiver-scf/index.js answering API
// Gateway (plain, base64) and function URL events there, as SCF would call it.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { signCallback } from "../../src/callbacks";
import { startEmulator, type DeliveryRecord, type EmulatorHandle } from "../../src/emulator";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { ensureBuilt, installPackages, packLibrary } from "../harness/consumer";
import { run } from "../harness/run";
import { adminCall } from "../emulator/helpers";
import { newRun } from "../support/providerRun";
import { apiGatewayEvent, functionUrlEvent } from "./adapterDrivers";
import { SAMPLE_EVENTS } from "./fixtures";

const REPO = path.resolve(__dirname, "../..");
const KEY = "RuntimeKey2024";
const PREVIOUS = "PreviousKey2023";
const RECEIVERS = ["express", "express-json", "hono", "fetch"] as const;

describe("callbacks: receivers on real frameworks, from the packed library", function () {
  this.timeout(300_000);
  let root: string;
  let dir: string;
  let servers: ChildProcess | undefined;
  let output = "";
  let ports: Record<string, number>;
  let emulator: EmulatorHandle;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-runtimes-"));
    await ensureBuilt(REPO);
    const pack = await packLibrary(REPO, path.join(root, "packs"));
    dir = path.join(root, "app");
    await mkdir(dir);
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "runtimes-consumer", version: "0.0.0", private: true }),
    );
    await installPackages(dir, [pack.tarball, "express@5", "hono@4", "@hono/node-server@1"]);
    for (const file of ["servers.js", "scf.js"]) {
      await copyFile(path.join(__dirname, "consumer", file), path.join(dir, file));
    }
    await copyFile(path.join(REPO, "examples/receiver-scf/index.js"), path.join(dir, "index.js"));

    servers = spawn(process.execPath, ["servers.js"], {
      cwd: dir,
      env: { ...process.env, CALLBACK_KEY: KEY, PREVIOUS_KEY: PREVIOUS },
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.stdout!.setEncoding("utf8").on("data", (d: string) => (output += d));
    servers.stderr!.setEncoding("utf8").on("data", (d: string) => (output += d));
    const deadline = Date.now() + 30_000;
    while (!/READY (.*)\n/.test(output)) {
      if (servers.exitCode !== null || Date.now() > deadline) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    ports = JSON.parse(/READY (.*)\n/.exec(output)![1]) as Record<string, number>;
    emulator = await startEmulator({ deliveryRetries: 1, deliveryIntervalMs: 50 });
  });

  after(async () => {
    servers?.kill("SIGTERM");
    await emulator?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Lines the servers printed for `receiver`. */
  const linesOf = (receiver: string): Record<string, unknown>[] =>
    output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.receiver === receiver);

  for (const receiver of RECEIVERS) {
    it(`${receiver}: receives the emulator's events, signed with either key, and refuses forgeries`, async () => {
      const base = `http://127.0.0.1:${ports[receiver]}/live`;
      const domain = `${receiver}.push.example.com`;
      const providers = newRun(emulator);
      const inputs: CallbackTemplateInputs = {
        templateName: `runtime_${receiver.replace("-", "_")}`,
        streamBeginNotifyUrl: base,
        recordNotifyUrl: base,
        callbackKey: KEY,
      };
      const checked = await providers.template.check({}, inputs);
      const template = await providers.template.create(checked.inputs as CallbackTemplateInputs);
      const binding = await providers.binding.check(
        {},
        { domainName: domain, appName: "live", templateId: Number(template.id) },
      );
      await providers.binding.create(binding.inputs as never);

      for (const eventType of ["streamBegin", "recordFile"]) {
        const answer = await adminCall(emulator, "POST", "/_emulator/events", {
          domainName: domain,
          streamId: "cam_7",
          eventType,
        });
        const record = answer.json as DeliveryRecord;
        assert.equal(record.delivered, true, JSON.stringify(record));
        assert.deepEqual(
          record.attempts.map((a) => a.status),
          [200],
        );
      }
      // An event signed with the previous key, as during a rotation's propagation window.
      const t = Math.floor(Date.now() / 1000) + 600;
      const old = { ...SAMPLE_EVENTS.streamEnd, t, sign: signCallback(PREVIOUS, t) };
      const accepted = await fetch(base, { method: "POST", body: JSON.stringify(old) });
      assert.equal(accepted.status, 200);
      const forged = { ...old, sign: signCallback("Forger", t) };
      const refused = await fetch(base, { method: "POST", body: JSON.stringify(forged) });
      assert.equal(refused.status, 401);
      assert.deepEqual(await refused.json(), {
        code: -1,
        message: "sign does not match md5(any of the 2 CallbackKeys + t)",
      });

      const deadline = Date.now() + 5_000;
      while (linesOf(receiver).length < 4 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(
        linesOf(receiver).map(({ eventType, keyIndex, rejected }) => ({
          eventType,
          keyIndex,
          rejected,
        })),
        [
          { eventType: 1, keyIndex: 1, rejected: undefined },
          { eventType: 100, keyIndex: 1, rejected: undefined },
          { eventType: 0, keyIndex: 0, rejected: undefined },
          { eventType: undefined, keyIndex: undefined, rejected: 401 },
        ],
      );
    });
  }

  it("examples/receiver-scf answers API Gateway and function URL events as SCF requires", async () => {
    const t = Math.floor(Date.now() / 1000) + 600;
    const body = JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, t, sign: signCallback(KEY, t) });
    const events = [
      apiGatewayEvent("POST", body),
      apiGatewayEvent("POST", body, true),
      functionUrlEvent("POST", body),
      apiGatewayEvent("POST", body.replace(/"sign":"\w+"/, '"sign":"bad"')),
    ];
    const { stdout } = await run(process.execPath, ["scf.js", JSON.stringify(events)], {
      cwd: dir,
      env: { ...process.env, CALLBACK_KEY: KEY },
    });
    const answers = JSON.parse(/ANSWERS (.*)\n/.exec(stdout)![1]) as Record<string, unknown>[];
    const json = { "Content-Type": "application/json; charset=utf-8" };
    const ok = { statusCode: 200, headers: json, body: '{"code":0}' };
    assert.deepEqual(answers[0], { isBase64Encoded: false, ...ok });
    assert.deepEqual(answers[1], { isBase64Encoded: false, ...ok });
    assert.deepEqual(answers[2], ok);
    assert.equal(answers[3].statusCode, 401);
    assert.equal(answers[3].isBase64Encoded, false);
    assert.equal(
      stdout.match(
        /stream began room_1001 \(key 0, 1:fields:701ece23dc3405ee36f1ceccee9e4c0ad915141717e42d936093f3c274966a35\)/g,
      )?.length,
      3,
    );
  });
});
