// A callback receiver: verifies each event's signature with the template's key, types it, and
// answers 200 {"code":0}. Run it next to the emulator to receive events the emulator delivers
// (POST /_emulator/events), or behind the URLs of your real templates.
import { createServer } from "node:http";
import {
  createCallbackHandler,
  isKnownCallbackEvent,
} from "pulumi-tencentcloud-live-callbacks/callbacks";

const callbackKey = process.env.CALLBACK_KEY;
if (!callbackKey) throw new Error("set CALLBACK_KEY to the template's callback key");

createServer(
  createCallbackHandler({
    callbackKey,
    onEvent: async (event) => {
      // Unknown event types arrive too; the guard narrows to the typed ones.
      if (isKnownCallbackEvent(event) && event.event_type === 1) {
        console.log("stream began", event.stream_id);
      } else {
        console.log("event", event.event_type);
      }
    },
  }),
).listen(Number(process.env.PORT ?? 8080));
