// Several receiver instances sharing a real redis-server: one event delivered to two instances at
// once and again later calls onEvent once between them; a failed onEvent leaves the event to the
// retry; a crashed instance's claim expires with its lease. With node-redis and with ioredis.
import assert from "node:assert/strict";
import Redis from "ioredis";
import RedisV5 from "ioredis-v5";
import { createClient } from "redis";
import { createClient as createClientV5 } from "redis-v5";
import {
  callbackEventKey,
  createCallbackHandler,
  createRedisDedupeStore,
  MAX_DEDUPE_KEY_LENGTH,
  signCallback,
  type CallbackDedupeStore,
  type RedisDedupeClient,
} from "../../src/callbacks";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T, type SampleBody } from "./fixtures";
import { listen, type TestServer } from "./http-helpers";
import { startRedisServer, type RedisServer } from "../support/redisServer";

const NOW_MS = (SAMPLE_T - 300) * 1000;

function signed(body: SampleBody, t = SAMPLE_T): string {
  return JSON.stringify({ ...body, t, sign: signCallback(SAMPLE_KEY, t) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("callbacks/dedupe: Redis shared by several instances", function () {
  this.timeout(60_000);
  let redis: RedisServer;
  const closers: (() => Promise<unknown>)[] = [];

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  // Each optional peer at every major the package accepts (the previous one through npm aliases
  // `redis-v5` and `ioredis-v5`): the peer ranges in package.json claim what these tests prove.
  const kept = (client: RedisDedupeClient, close: () => Promise<unknown>) => {
    closers.push(close);
    return client;
  };
  const clients = {
    "node-redis": async (): Promise<RedisDedupeClient> => {
      const client = await createClient({ url: redis.url }).connect();
      return kept(client, () => client.close());
    },
    ioredis: async (): Promise<RedisDedupeClient> => {
      const client = new Redis(redis.port, "127.0.0.1", { lazyConnect: true });
      await client.connect();
      return kept(client, () => client.quit());
    },
    "node-redis 5": async (): Promise<RedisDedupeClient> => {
      const client = await createClientV5({ url: redis.url }).connect();
      return kept(client, () => client.close());
    },
    "ioredis 5": async (): Promise<RedisDedupeClient> => {
      const client = new RedisV5(redis.port, "127.0.0.1", { lazyConnect: true });
      await client.connect();
      return kept(client, () => client.quit());
    },
  };
  type ClientKind = keyof typeof clients;

  /** One receiver instance: its own client, store and HTTP server. */
  async function instance(
    kind: ClientKind,
    onEvent: (event: unknown) => Promise<void>,
    prefix: string,
    leaseSeconds?: number,
  ): Promise<{ url: string; store: CallbackDedupeStore }> {
    const store = createRedisDedupeStore(await clients[kind](), {
      prefix,
      ttlSeconds: 600,
      leaseSeconds,
    });
    const server: TestServer = await listen(
      createCallbackHandler({
        callbackKey: SAMPLE_KEY,
        now: () => NOW_MS,
        onEvent,
        onError: () => undefined,
        dedupe: store,
      }),
    );
    closers.push(() => server.close());
    return { url: `http://127.0.0.1:${server.port}/live`, store };
  }

  const post = async (url: string, body: string): Promise<number> =>
    (await fetch(url, { method: "POST", body })).status;

  const pairs: [ClientKind, ClientKind][] = [
    ["node-redis", "node-redis"],
    ["ioredis", "ioredis"],
    ["node-redis", "ioredis"],
    ["node-redis 5", "node-redis 5"],
    ["ioredis 5", "ioredis 5"],
    // Instances upgraded one at a time share one store.
    ["node-redis 5", "node-redis"],
    ["ioredis 5", "ioredis"],
  ];
  for (const [a, b] of pairs) {
    it(`calls onEvent once for one event delivered to two instances at once and again later (${a} + ${b})`, async () => {
      const handled: string[] = [];
      const onEvent = async (): Promise<void> => {
        handled.push("call");
        await sleep(150);
      };
      const prefix = `test:${a}:${b}:`;
      const first = await instance(a, onEvent, prefix);
      const second = await instance(b, onEvent, prefix);
      const body = signed(SAMPLE_EVENTS.streamBegin);
      const together = await Promise.all([post(first.url, body), post(second.url, body)]);
      assert.deepEqual([...together].sort(), [200, 409]);
      assert.equal(handled.length, 1);
      // The platform's retries, later and signed anew: duplicates on both instances.
      const later = signed(SAMPLE_EVENTS.streamBegin, SAMPLE_T + 60);
      assert.deepEqual(
        await Promise.all([post(first.url, later), post(second.url, later)]),
        [200, 200],
      );
      assert.equal(handled.length, 1);
    });
  }

  for (const kind of Object.keys(clients) as ClientKind[]) {
    it(`processes the retry of an event whose onEvent failed on the first instance (${kind})`, async () => {
      let calls = 0;
      const done: string[] = [];
      const onEvent = async (): Promise<void> => {
        calls += 1;
        if (calls === 1) throw new Error("first delivery fails");
        done.push("ok");
      };
      const prefix = `test:fail:${kind}:`;
      const first = await instance(kind, onEvent, prefix);
      const second = await instance(kind, onEvent, prefix);
      const body = signed(SAMPLE_EVENTS.recordFile);
      assert.equal(await post(first.url, body), 500);
      assert.equal(await post(second.url, body), 200);
      assert.equal(await post(first.url, body), 200);
      assert.equal(calls, 2);
      assert.deepEqual(done, ["ok"]);
    });
  }

  it("lets a crashed instance's event be processed once its lease has expired", async () => {
    const handled: string[] = [];
    const prefix = "test:lease:";
    const survivor = await instance("node-redis", async () => void handled.push("ok"), prefix, 0.4);
    // A crashed instance: it claimed the event and never completed nor released it.
    const crashed = createRedisDedupeStore(await clients.ioredis(), { prefix, leaseSeconds: 0.4 });
    const key = callbackEventKey(SAMPLE_EVENTS.recordStatus);
    assert.equal((await crashed.claim(key)).status, "claimed");
    const body = signed(SAMPLE_EVENTS.recordStatus);
    assert.equal(await post(survivor.url, body), 409);
    await sleep(1_000);
    assert.equal(await post(survivor.url, body), 200);
    assert.deepEqual(handled, ["ok"]);
  });

  it("keeps a handled key under the prefix for ttlSeconds, and releases only its own claim", async () => {
    const client = await createClient({ url: redis.url }).connect();
    closers.push(() => client.close());
    const store = createRedisDedupeStore(client, {
      prefix: "test:ttl:",
      ttlSeconds: 120,
      leaseSeconds: 0.3,
    });
    const claim = await store.claim("k1");
    assert.equal(claim.status, "claimed");
    assert.match(String(await client.get("test:ttl:k1")), /^claim:/);
    assert.deepEqual(await store.claim("k1"), { status: "in-progress" });
    if (claim.status !== "claimed") throw new Error("unreachable");
    await claim.complete();
    assert.equal(await client.get("test:ttl:k1"), "done");
    const ttl = await client.pTTL("test:ttl:k1");
    assert.ok(ttl > 110_000 && ttl <= 120_000, `pttl ${ttl}`);
    assert.deepEqual(await store.claim("k1"), { status: "done" });

    // A claim whose lease expired and was taken over is not deleted by its late release.
    const stale = await store.claim("k2");
    await sleep(600);
    const fresh = await store.claim("k2");
    assert.equal(fresh.status, "claimed");
    if (stale.status === "claimed") await stale.release();
    assert.match(String(await client.get("test:ttl:k2")), /^claim:/);
    if (fresh.status === "claimed") await fresh.release();
    assert.equal(await client.get("test:ttl:k2"), null);
  });

  it("stores one short key per event, however large its fields, and refuses unbounded keys", async () => {
    const client = await createClient({ url: redis.url }).connect();
    closers.push(() => client.close());
    const prefix = "test:bounded:";
    const store = createRedisDedupeStore(client, { prefix });
    // 600 KB ids used to become 600 KB Redis keys held for a day.
    const huge = { ...SAMPLE_EVENTS.recordFile, file_id: "9".repeat(600_000) };
    const claim = await store.claim(callbackEventKey(huge));
    assert.equal(claim.status, "claimed");
    const keys = await client.keys(`${prefix}*`);
    assert.equal(keys.length, 1);
    assert.ok(keys[0].length <= prefix.length + 90, `${keys[0].length} characters`);
    for (const bad of ["x".repeat(MAX_DEDUPE_KEY_LENGTH + 1), "a\ud800"]) {
      await assert.rejects(store.claim(bad), { name: "TypeError", message: /claim\(key\)/ });
    }
    assert.equal((await client.keys(`${prefix}*`)).length, 1);
  });

  it("refuses a client without sendCommand or call", () => {
    assert.throws(() => createRedisDedupeStore({} as never), {
      name: "TypeError",
      message: /connected redis \(node-redis\) or ioredis client/,
    });
  });
});
