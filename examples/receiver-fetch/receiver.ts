// A callback receiver for any runtime with the Fetch API: one module, three ways to mount it.
//
//   Hono:     app.post("/live/callbacks", (c) => receiver(c.req.raw));
//   Next.js:  app/live/callbacks/route.ts: export const POST = createReceiver(keysFromEnv(process.env));
//   Bun:      Bun.serve({ port: 8080, fetch: createReceiver(keysFromEnv(Bun.env)) });
//
// On Node, `serve.ts` next to this file runs it on Node's own Request and Response.
import {
  createFetchCallbackHandler,
  isKnownCallbackEvent,
  type CallbackKeys,
  type FetchCallbackHandler,
} from "pulumi-tencentcloud-live-callbacks/callbacks";

/**
 * The keys from the environment: CALLBACK_KEY, and during a rotation PREVIOUS_CALLBACK_KEY
 * accepted until PREVIOUS_KEY_NOT_AFTER (an ISO 8601 time).
 */
export function keysFromEnv(env: Record<string, string | undefined>): CallbackKeys {
  const current = env.CALLBACK_KEY;
  if (!current) throw new Error("receiver: set CALLBACK_KEY to the callbackKey of the template");
  const previous = env.PREVIOUS_CALLBACK_KEY;
  if (!previous) return current;
  return [current, { key: previous, notAfter: env.PREVIOUS_KEY_NOT_AFTER }];
}

/** The receiver: logs each event with the key entry that verified it. */
export function createReceiver(
  callbackKey: CallbackKeys,
  log: (line: string) => void = console.log,
): FetchCallbackHandler {
  return createFetchCallbackHandler({
    callbackKey,
    onEvent: (event, { keyIndex, eventKey }) => {
      const what =
        isKnownCallbackEvent(event) && event.event_type === 1
          ? `stream began ${event.stream_id}`
          : `event ${event.event_type}`;
      log(`${what} (key ${keyIndex}, ${eventKey})`);
    },
  });
}
