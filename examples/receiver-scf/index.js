// @ts-check
// A Tencent Cloud Live callback receiver as an SCF (云函数) event function, behind an API Gateway
// trigger or a function URL. Deployment steps: docs/receiving-callbacks.md, "Tencent Cloud SCF".
//
// Environment variables of the function:
//   CALLBACK_KEY            the callbackKey of the template
//   PREVIOUS_CALLBACK_KEY   optional, during a rotation: the key being replaced
//   PREVIOUS_KEY_NOT_AFTER  when the previous key stops being accepted (ISO 8601)
const {
  createScfCallbackHandler,
  isKnownCallbackEvent,
} = require("pulumi-tencentcloud-live-callbacks/callbacks");

/** @type {import("pulumi-tencentcloud-live-callbacks/callbacks").CallbackKeys} */
const callbackKey = process.env.PREVIOUS_CALLBACK_KEY
  ? [
      process.env.CALLBACK_KEY ?? "",
      { key: process.env.PREVIOUS_CALLBACK_KEY, notAfter: process.env.PREVIOUS_KEY_NOT_AFTER },
    ]
  : (process.env.CALLBACK_KEY ?? "");

exports.main_handler = createScfCallbackHandler({
  callbackKey,
  onEvent: async (event, { keyIndex, eventKey }) => {
    // Store or enqueue here; SCF logs what the function prints.
    if (isKnownCallbackEvent(event) && event.event_type === 1) {
      console.log(`stream began ${event.stream_id} (key ${keyIndex}, ${eventKey})`);
    } else {
      console.log(`event ${event.event_type} (key ${keyIndex}, ${eventKey})`);
    }
  },
});
