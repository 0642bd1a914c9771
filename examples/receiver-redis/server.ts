// A receiver meant to run as several instances behind one load balancer: they share a Redis, so
// an event the platform delivers twice (to two instances, or again after a timeout) is handled
// once between them.
//
//   CALLBACK_KEY=... REDIS_URL=redis://127.0.0.1:6379 PORT=8081 npx tsx examples/receiver-redis/server.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import {
  createCallbackHandler,
  createRedisDedupeStore,
} from "pulumi-tencentcloud-live-callbacks/callbacks";

async function main(): Promise<void> {
  const callbackKey = process.env.CALLBACK_KEY;
  const redisUrl = process.env.REDIS_URL;
  if (!callbackKey || !redisUrl) {
    console.error("receiver: set CALLBACK_KEY and REDIS_URL");
    process.exit(1);
  }
  const redis = await createClient({ url: redisUrl }).connect();
  const name = process.env.INSTANCE ?? String(process.pid);

  const server = createServer(
    createCallbackHandler({
      callbackKey,
      dedupe: createRedisDedupeStore(redis, { ttlSeconds: 86_400, prefix: "live-callbacks:" }),
      onEvent: async (event, { eventKey }) => {
        // Slow work belongs in a queue; this only shows which instance handled the event.
        console.log(`${name} handled ${eventKey} (event_type ${event.event_type})`);
      },
    }),
  );
  server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    console.log(`${name} listening on http://127.0.0.1:${port}`);
  });
  process.on("SIGTERM", () => {
    server.close();
    void redis.close();
  });
}

void main();
