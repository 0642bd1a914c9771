// The dedupe stores' contracts that need no Redis server: option rules and defaults, the exact
// lease and ttl boundaries of the memory store, and the commands the Redis store sends (through
// a scripted client, which can stage the race a real server rarely shows: a claim that vanishes
// between the SET NX that lost and the GET).
import assert from "node:assert/strict";
import {
  createMemoryDedupeStore,
  createRedisDedupeStore,
  DEFAULT_DEDUPE_LEASE_SECONDS,
  DEFAULT_DEDUPE_MAX_ENTRIES,
  DEFAULT_DEDUPE_TTL_SECONDS,
  DEFAULT_REDIS_DEDUPE_PREFIX,
  type CallbackDedupeStore,
} from "../../src/callbacks";

/** Claims `key` and expects a claim (not `done`/`in-progress`). */
async function claimed(store: CallbackDedupeStore, key: string) {
  const result = await store.claim(key);
  assert.equal(result.status, "claimed", `claim(${key})`);
  if (result.status !== "claimed") throw new Error("unreachable");
  return result;
}

const BAD_SECONDS: unknown[] = [0, -1, Number.NaN, Infinity, "60", null];

describe("callbacks/dedupe: memory store options and boundaries", () => {
  it("refuses a ttlSeconds, leaseSeconds or maxEntries that is not positive, naming it", () => {
    for (const name of ["ttlSeconds", "leaseSeconds"]) {
      for (const bad of BAD_SECONDS) {
        assert.throws(() => createMemoryDedupeStore({ [name]: bad }), {
          name: "TypeError",
          message: `createMemoryDedupeStore: ${name} must be a positive number of seconds; got ${String(bad)}`,
        });
      }
    }
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
      assert.throws(() => createMemoryDedupeStore({ maxEntries: bad }), {
        name: "TypeError",
        message: `createMemoryDedupeStore: maxEntries must be a positive integer; got ${String(bad)}`,
      });
    }
  });

  it("holds a claim for 60 s and a handled key for one day by default", async () => {
    assert.equal(DEFAULT_DEDUPE_LEASE_SECONDS, 60);
    assert.equal(DEFAULT_DEDUPE_TTL_SECONDS, 86_400);
    let clock = 1_000;
    const store = createMemoryDedupeStore({}, () => clock);
    await claimed(store, "lease");
    clock = 1_000 + 59_999;
    assert.equal((await store.claim("lease")).status, "in-progress");
    clock = 1_000 + 60_000;
    const retaken = await claimed(store, "lease");
    // The ttl counts from complete(), not from the claim.
    clock = 5_000_000;
    await retaken.complete();
    clock = 5_000_000 + 86_400_000 - 1;
    assert.equal((await store.claim("lease")).status, "done");
    clock = 5_000_000 + 86_400_000;
    await claimed(store, "lease");
  });

  it("turns fractional seconds into milliseconds, and never into a zero lease", async () => {
    let clock = 0;
    const store = createMemoryDedupeStore({ leaseSeconds: 1.5, ttlSeconds: 0.0001 }, () => clock);
    const claim = await claimed(store, "k");
    clock = 1_499;
    assert.equal((await store.claim("k")).status, "in-progress");
    clock = 1_500;
    await (await claimed(store, "k")).complete();
    // 0.1 ms rounds to 0 ms, which would forget the key at once: it is held for 1 ms instead.
    assert.equal((await store.claim("k")).status, "done");
    clock = 1_501;
    await claimed(store, "k");
    // The first, expired claim cannot release the key another delivery now holds.
    await claim.release();
    assert.equal((await store.claim("k")).status, "in-progress");
  });

  it("keeps exactly maxEntries keys, 100 000 by default", async () => {
    assert.equal(DEFAULT_DEDUPE_MAX_ENTRIES, 100_000);
    const store = createMemoryDedupeStore();
    for (let index = 0; index <= DEFAULT_DEDUPE_MAX_ENTRIES; index += 1) {
      await store.claim(`k${index}`);
    }
    assert.equal((await store.claim("k1")).status, "in-progress", "the oldest kept key");
    await claimed(store, "k0");
  });

  it("counts a key's age from its last write: a completed key outlives older claims", async () => {
    const store = createMemoryDedupeStore({ maxEntries: 2 });
    const a = await claimed(store, "a");
    await claimed(store, "b");
    await a.complete();
    await claimed(store, "c");
    assert.equal((await store.claim("a")).status, "done", "a, written last but one, is kept");
    await claimed(store, "b");
  });

  it("releases a claim so that the retry is processed", async () => {
    const store = createMemoryDedupeStore();
    await (await claimed(store, "k")).release();
    await claimed(store, "k");
  });

  it("refuses an empty or non-string key", async () => {
    const store = createMemoryDedupeStore();
    for (const bad of ["", undefined, 7]) {
      await assert.rejects(store.claim(bad as string), {
        name: "TypeError",
        message: "createMemoryDedupeStore: claim(key) needs a non-empty string key",
      });
    }
  });
});

/** A scripted Redis: records each command and answers from `answer`. */
function scripted(answer: (args: string[]) => unknown) {
  const commands: string[][] = [];
  const client = {
    sendCommand: (args: string[]) => {
      commands.push(args);
      return Promise.resolve(answer(args));
    },
  };
  return { client, commands };
}

describe("callbacks/dedupe: Redis store commands", () => {
  it("claims with SET NX PX lease under the default prefix, completes and releases with its token", async () => {
    assert.equal(DEFAULT_REDIS_DEDUPE_PREFIX, "tencentcloud-live:callback:");
    const { client, commands } = scripted(() => "OK");
    const store = createRedisDedupeStore(client);
    const claim = await claimed(store, "event");
    const key = "tencentcloud-live:callback:event";
    const [set] = commands;
    assert.deepEqual(set.slice(0, 2), ["SET", key]);
    assert.match(set[2], /^claim:[0-9a-f-]{36}$/);
    assert.deepEqual(set.slice(3), ["NX", "PX", "60000"]);
    await claim.complete();
    assert.deepEqual(commands[1], ["SET", key, "done", "PX", "86400000"]);
    await claim.release();
    const [command, script, count, ...rest] = commands[2];
    assert.deepEqual([command, count, ...rest], ["EVAL", "1", key, set[2]]);
    assert.equal(
      script,
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
    );
    // Each claim holds its own token.
    await claimed(store, "event");
    assert.notEqual(commands[3][2], set[2]);
  });

  it("answers done or in-progress from the GET after a SET NX that lost", async () => {
    for (const [value, status] of [
      ["done", "done"],
      ["claim:other", "in-progress"],
    ]) {
      const { client, commands } = scripted((args) => (args[0] === "GET" ? value : null));
      const store = createRedisDedupeStore(client, { prefix: "p:" });
      assert.deepEqual(await store.claim("e"), { status });
      assert.deepEqual(
        commands.map((args) => args[0]),
        ["SET", "GET"],
      );
      assert.deepEqual(commands[1], ["GET", "p:e"]);
    }
  });

  it("claims again when the key vanished between the SET NX and the GET, three times at most", async () => {
    for (const vanished of [null, undefined]) {
      let sets = 0;
      const { client } = scripted((args) => {
        if (args[0] === "SET") return (sets += 1) === 3 ? "OK" : null;
        return vanished;
      });
      await claimed(createRedisDedupeStore(client), "e");
      assert.equal(sets, 3);
    }
    const { client, commands } = scripted(() => null);
    assert.deepEqual(await createRedisDedupeStore(client).claim("e"), { status: "in-progress" });
    assert.deepEqual(
      commands.map((args) => args[0]),
      ["SET", "GET", "SET", "GET", "SET", "GET"],
    );
  });

  it("sends through ioredis's call when the client has it (ioredis also has sendCommand)", async () => {
    const calls: string[][] = [];
    const client = {
      call(this: unknown, command: string, ...args: string[]) {
        assert.equal(this, client, "call keeps its client as this");
        calls.push([command, ...args]);
        return Promise.resolve("OK");
      },
      sendCommand: () => Promise.reject(new Error("ioredis's sendCommand takes a Command")),
    };
    await claimed(createRedisDedupeStore(client, { prefix: "" }), "e");
    assert.deepEqual(calls[0].slice(0, 2), ["SET", "e"]);
  });

  it("keeps node-redis's sendCommand bound to its client", async () => {
    const client = {
      sent: [] as string[][],
      sendCommand(args: string[]) {
        this.sent.push(args);
        return Promise.resolve("OK");
      },
    };
    await claimed(createRedisDedupeStore(client), "e");
    assert.equal(client.sent.length, 1);
  });

  it("refuses bad options, clients and keys, naming the rule", async () => {
    const { client } = scripted(() => "OK");
    for (const name of ["ttlSeconds", "leaseSeconds"]) {
      assert.throws(() => createRedisDedupeStore(client, { [name]: 0 }), {
        name: "TypeError",
        message: `createRedisDedupeStore: ${name} must be a positive number of seconds; got 0`,
      });
    }
    assert.throws(() => createRedisDedupeStore(client, { prefix: 7 as unknown as string }), {
      name: "TypeError",
      message: "createRedisDedupeStore: prefix must be a string",
    });
    for (const bad of [null, undefined, "redis://x"]) {
      assert.throws(() => createRedisDedupeStore(bad as never), {
        name: "TypeError",
        message: `createRedisDedupeStore: client must be a connected redis (node-redis) or ioredis client; got ${typeof bad}`,
      });
    }
    await assert.rejects(createRedisDedupeStore(client).claim(""), {
      name: "TypeError",
      message: "createRedisDedupeStore: claim(key) needs a non-empty string key",
    });
    const { client: fractional, commands } = scripted(() => "OK");
    const claim = await claimed(
      createRedisDedupeStore(fractional, { leaseSeconds: 0.0001, ttlSeconds: 1.5 }),
      "e",
    );
    await claim.complete();
    assert.equal(commands[0][5], "1");
    assert.equal(commands[1][4], "1500");
  });
});
