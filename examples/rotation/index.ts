// Rotating a callback key without losing an event: the template and its receiver's keys in one
// program. Change `callbackKey` in the stack config and run `pulumi up`: the template signs with
// the new key 5-10 minutes later, and meanwhile the receiver, redeployed by the same `up`,
// accepts both; the old key stops verifying by itself once the window is over.
//
// Stack config:
//   live-callbacks-rotation:callbackKey: (secret) the key the template signs with
//   live-callbacks-rotation:hooksBaseUrl: https://hooks.example.com
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";
import { receiverKeys } from "./keys";

const cfg = new pulumi.Config();
const base = cfg.require("hooksBaseUrl").replace(/\/$/, "");

const template = new CallbackTemplate("hooks", {
  templateName: "rotating_hooks",
  streamBeginNotifyUrl: `${base}/live/callbacks`,
  streamEndNotifyUrl: `${base}/live/callbacks`,
  recordNotifyUrl: `${base}/live/callbacks`,
  callbackKey: cfg.requireSecret("callbackKey"),
});

new DomainCallbackBinding("push", {
  domainName: "push.example.com",
  templateId: template.templateId,
});

/**
 * What the receiver's deployment gets, e.g. as the `CALLBACK_KEYS` variable of its container or
 * function (`receiver.ts` reads it). Secret: it is built from the two secret outputs.
 */
export const callbackKeys = pulumi
  .all([template.callbackKey, template.previousCallbackKey, template.callbackKeyChangedAt])
  .apply(([key, previous, changedAt]) => {
    if (!key) throw new Error("this example always declares a callbackKey");
    return JSON.stringify(receiverKeys(key, previous, changedAt));
  });

/** When the last key change was applied; the previous key is accepted 10 minutes longer. */
export const callbackKeyChangedAt = template.callbackKeyChangedAt;
