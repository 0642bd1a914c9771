// A callback receiver: verifies each event's signature with the template's key, types it, and
// answers 200 {"code":0}. Run it next to the emulator to receive events the emulator delivers
// (POST /_emulator/events), or behind the URLs of your real templates.
//
// Environment:
//   CALLBACK_KEY  required: the callbackKey of the template whose events arrive here
//   PORT          default 8080 (0 picks a free port)
//   HOST          default: every interface; 127.0.0.1 to accept local requests only
//
// Refused requests (a bad signature, for instance after the key changed on one side only) are
// logged on stderr, one line each.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createCallbackHandler,
  isKnownCallbackEvent,
} from "pulumi-tencentcloud-live-callbacks/callbacks";

const callbackKey = process.env.CALLBACK_KEY;
if (!callbackKey) {
  console.error(
    "receiver: set CALLBACK_KEY to the callbackKey of the template (see docs/receiving-callbacks.md)",
  );
  process.exit(1);
}

const server = createServer(
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
);

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST, () => {
  const { address, port } = server.address() as AddressInfo;
  const anyInterface = address === "::" || address === "0.0.0.0";
  const host = anyInterface ? "127.0.0.1" : address.includes(":") ? `[${address}]` : address;
  const where = anyInterface ? " (all interfaces)" : "";
  console.log(`receiver listening on http://${host}:${port}${where}`);
});
