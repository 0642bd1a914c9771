// examples/receiver-fetch (the module, on Node's own Request, and its Node server) and
// examples/receiver-redis (two instances sharing a real redis-server) do what docs/receiving-callbacks.md says.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { signCallback } from "../../src/callbacks";
import { createReceiver, keysFromEnv } from "../../examples/receiver-fetch/receiver";
import { startRedisServer, type RedisServer } from "../support/redisServer";
import { SAMPLE_EVENTS } from "./fixtures";
import { HOSTILE_RAW_REQUESTS, sendRawRequests } from "./http-helpers";

const REPO = path.join(__dirname, "../..");
const KEY = "ExampleKey1";
const OLD = "ExampleOld0";

function signedBody(key: string, extra: Record<string, unknown> = {}): string {
  const t = Math.floor(Date.now() / 1000) + 600;
  return JSON.stringify({ ...SAMPLE_EVENTS.streamBegin, ...extra, t, sign: signCallback(key, t) });
}

function start(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, ["--require", "tsx/cjs", script], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (text += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (text += d));
  return { child, out: () => text };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

describe("examples/receiver-fetch", function () {
  this.timeout(60_000);

  it("verifies with the current key and, until notAfter, the previous one", async () => {
    const lines: string[] = [];
    const notAfter = new Date(Date.now() + 60_000).toISOString();
    const keys = keysFromEnv({
      CALLBACK_KEY: KEY,
      PREVIOUS_CALLBACK_KEY: OLD,
      PREVIOUS_KEY_NOT_AFTER: notAfter,
    });
    const receiver = createReceiver(keys, (line) => lines.push(line));
    const post = (body: string) => receiver(new Request("http://x/live", { method: "POST", body }));
    assert.equal((await post(signedBody(KEY))).status, 200);
    assert.equal((await post(signedBody(OLD))).status, 200);
    assert.equal((await post(signedBody("Nobody"))).status, 401);
    assert.deepEqual(lines, [
      "stream began room_1001 (key 0, 1:fields:701ece23dc3405ee36f1ceccee9e4c0ad915141717e42d936093f3c274966a35)",
      "stream began room_1001 (key 1, 1:fields:701ece23dc3405ee36f1ceccee9e4c0ad915141717e42d936093f3c274966a35)",
    ]);
    const expired = createReceiver(
      keysFromEnv({
        CALLBACK_KEY: KEY,
        PREVIOUS_CALLBACK_KEY: OLD,
        PREVIOUS_KEY_NOT_AFTER: "2020-01-01T00:00:00Z",
      }),
      () => undefined,
    );
    const late = await expired(
      new Request("http://x/live", { method: "POST", body: signedBody(OLD) }),
    );
    assert.equal(late.status, 401);
  });

  it("serves the module on Node through serve.ts", async () => {
    const { child, out } = start("examples/receiver-fetch/serve.ts", {
      CALLBACK_KEY: KEY,
      PORT: "0",
    });
    try {
      await waitFor(() => /listening on (http:\S+)/.test(out()), "the listening line");
      const url = /listening on (http:\S+)/.exec(out())![1];
      const answer = await fetch(url, { method: "POST", body: signedBody(KEY) });
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), { code: 0 });
      const big = await fetch(url, { method: "POST", body: "x".repeat(2 * 1024 * 1024) });
      assert.equal(big.status, 413);
      await waitFor(() => out().includes("stream began"), "the event line");
    } finally {
      await stop(child);
    }
  });
  it("survives hostile request lines and headers in serve.ts, and still receives", async () => {
    const { child, out } = start("examples/receiver-fetch/serve.ts", {
      CALLBACK_KEY: KEY,
      PORT: "0",
    });
    try {
      await waitFor(() => /listening on (http:\S+)/.test(out()), "the listening line");
      const url = /listening on (http:\S+)/.exec(out())![1];
      const port = Number(new URL(url).port);
      const lines = await sendRawRequests(port, HOSTILE_RAW_REQUESTS);
      for (const [index, line] of lines.entries()) {
        // Answered with a 4xx, or dropped by Node's parser: never a 2xx, never a 5xx.
        assert.ok(line === "" || /^HTTP\/1\.1 4\d\d /.test(line), `request ${index}: ${line}`);
      }
      assert.equal(child.exitCode, null, out());
      const answer = await fetch(url, { method: "POST", body: signedBody(KEY) });
      assert.equal(answer.status, 200, out());
    } finally {
      await stop(child);
    }
  });
});

describe("examples/receiver-redis", function () {
  this.timeout(60_000);
  let redis: RedisServer;
  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });

  it("handles an event delivered to two instances at once exactly once", async () => {
    const instances = ["a", "b"].map((name) =>
      start("examples/receiver-redis/server.ts", {
        CALLBACK_KEY: KEY,
        REDIS_URL: redis.url,
        PORT: "0",
        INSTANCE: name,
      }),
    );
    try {
      const urls: string[] = [];
      for (const { out } of instances) {
        await waitFor(() => /listening on (http:\S+)/.test(out()), "the listening line");
        urls.push(/listening on (http:\S+)/.exec(out())![1]);
      }
      const body = signedBody(KEY, { sequence: `seq-${Date.now()}` });
      const statuses = await Promise.all(
        urls.map(async (url) => (await fetch(url, { method: "POST", body })).status),
      );
      // The instance that lost the race answers 409 or, once the winner finished, 200 (duplicate).
      assert.ok(statuses.includes(200), String(statuses));
      for (const url of urls) {
        assert.equal((await fetch(url, { method: "POST", body })).status, 200);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const handled = instances.flatMap(({ out }) => out().match(/ handled /g) ?? []);
      assert.equal(handled.length, 1, instances.map(({ out }) => out()).join("\n"));
    } finally {
      await Promise.all(instances.map(({ child }) => stop(child)));
    }
  });
});
