/**
 * Duplicate detection shared by several receiver instances through Redis. One key per event:
 * `SET NX PX lease` claims it ("in progress", holding a random token), success rewrites it to
 * `done` for the ttl, failure deletes it only if the token is still ours. A crashed instance's
 * claim expires with its lease, so a later delivery of its event is processed.
 *
 * The client is typed structurally and called through its raw-command method, so neither
 * `redis` nor `ioredis` is imported (at runtime or in the declarations): a receiver that does
 * not deduplicate through Redis does not need either installed.
 */
import { randomUUID } from "node:crypto";
import {
  DEFAULT_DEDUPE_LEASE_SECONDS,
  DEFAULT_DEDUPE_TTL_SECONDS,
  dedupeKeyProblem,
  secondsOption,
  type CallbackDedupeClaimResult,
  type CallbackDedupeStore,
  type CallbackDedupeStoreOptions,
} from "./store";

/** A connected client of the `redis` package (node-redis v5): its `sendCommand`. */
export interface NodeRedisDedupeClient {
  /** Sends one command as its arguments, e.g. `["GET", "k"]`. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** A connected `ioredis` client (`Redis` or `Cluster`): its `call`. */
export interface IoRedisDedupeClient {
  /** Sends one command by name with its arguments. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** What {@link createRedisDedupeStore} takes: a connected node-redis or ioredis client. */
export type RedisDedupeClient = NodeRedisDedupeClient | IoRedisDedupeClient;

/** Options of {@link createRedisDedupeStore}. */
export interface RedisDedupeStoreOptions extends CallbackDedupeStoreOptions {
  /**
   * Prepended to every event key, to share one Redis between receivers or applications.
   * Default `tencentcloud-live:callback:`.
   */
  prefix?: string;
}

/** Default of {@link RedisDedupeStoreOptions.prefix}. */
export const DEFAULT_REDIS_DEDUPE_PREFIX = "tencentcloud-live:callback:";

/** The value of a handled key. Claims hold a token, which never equals it. */
const DONE = "done";

/** Deletes KEYS[1] only when it still holds ARGV[1]: a lease that expired is someone else's. */
const RELEASE_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** A SET NX that lost to a key which vanished before the GET is retried this many times. */
const CLAIM_ATTEMPTS = 3;

/**
 * A {@link CallbackDedupeStore} in Redis, for a receiver running as several instances: two
 * instances receiving one event at the same moment call `onEvent` once between them.
 *
 * @param client - A **connected** `redis` (node-redis) or `ioredis` client. The store never
 *   connects, disconnects or configures it.
 * @param options - Retention, lease and key prefix; see {@link RedisDedupeStoreOptions}.
 * @throws TypeError when `client` has neither `sendCommand` nor `call`, or a number is not
 *   positive.
 *
 * @example node-redis
 * ```ts
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const dedupe = createRedisDedupeStore(client, { ttlSeconds: 86400 });
 * ```
 */
export function createRedisDedupeStore(
  client: RedisDedupeClient,
  options: RedisDedupeStoreOptions = {},
): CallbackDedupeStore {
  const owner = "createRedisDedupeStore";
  const ttl = String(
    secondsOption(owner, "ttlSeconds", options.ttlSeconds, DEFAULT_DEDUPE_TTL_SECONDS),
  );
  const lease = String(
    secondsOption(owner, "leaseSeconds", options.leaseSeconds, DEFAULT_DEDUPE_LEASE_SECONDS),
  );
  const prefix = options.prefix ?? DEFAULT_REDIS_DEDUPE_PREFIX;
  if (typeof prefix !== "string") {
    throw new TypeError(`${owner}: prefix must be a string`);
  }
  const send = commandSender(client, owner);

  return {
    async claim(eventKey): Promise<CallbackDedupeClaimResult> {
      const problem = dedupeKeyProblem(owner, eventKey);
      if (problem) throw problem;
      const key = prefix + eventKey;
      const token = `claim:${randomUUID()}`;
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
        if ((await send(["SET", key, token, "NX", "PX", lease])) === "OK") {
          return {
            status: "claimed",
            complete: async () => {
              await send(["SET", key, DONE, "PX", ttl]);
            },
            release: async () => {
              await send(["EVAL", RELEASE_SCRIPT, "1", key, token]);
            },
          };
        }
        const current = await send(["GET", key]);
        if (current === DONE) return { status: "done" };
        if (current !== null && current !== undefined) return { status: "in-progress" };
        // Released or expired between the two commands: try to claim it again.
      }
      return { status: "in-progress" };
    },
  };
}

/** One way to send a raw command, whichever client this is. */
function commandSender(client: unknown, owner: string): (args: string[]) => Promise<unknown> {
  const candidate = client as Partial<NodeRedisDedupeClient & IoRedisDedupeClient> | null;
  // ioredis has both methods, and its sendCommand takes a Command object: check `call` first.
  if (candidate && typeof candidate.call === "function") {
    const call = candidate.call.bind(candidate);
    return ([command, ...args]) => call(command, ...args);
  }
  if (candidate && typeof candidate.sendCommand === "function") {
    return candidate.sendCommand.bind(candidate);
  }
  throw new TypeError(
    `${owner}: client must be a connected redis (node-redis) or ioredis client; got ${typeof client}`,
  );
}
