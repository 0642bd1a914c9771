// The receiver that the rotation program deploys: it verifies each event with any of the keys
// the program handed it (CALLBACK_KEYS, the `callbackKeys` stack output), tried in order, and
// logs which one verified it. During a rotation that is the previous key (index 1) for up to
// 10 minutes, then the new one (index 0).
import { createServer } from "node:http";
import {
  createCallbackHandler,
  type CallbackKeys,
} from "pulumi-tencentcloud-live-callbacks/callbacks";

const raw = process.env.CALLBACK_KEYS;
if (!raw) {
  console.error("receiver: set CALLBACK_KEYS to the program's callbackKeys output");
  process.exit(1);
}
const callbackKey = JSON.parse(raw) as CallbackKeys;

createServer(
  createCallbackHandler({
    callbackKey,
    onEvent: async (event, context) => {
      console.log(`event ${event.event_type}, verified by key #${context.keyIndex}`);
    },
  }),
).listen(Number(process.env.PORT ?? 8080));
