// Quickstart: one callback template whose key comes from secret stack config, bound to two push
// domains. Run it with `pulumi up` (see docs/getting-started.md), or `npm run demo` to try it on the local emulator.
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

const cfg = new pulumi.Config();
// Where the receiver runs (`npm run demo` points it at a local one).
const hooksBase = cfg.get("hooksBaseUrl") ?? "https://hooks.example.com";

const hooks = new CallbackTemplate("prod-hooks", {
  templateName: "prod_hooks",
  description: "production_callbacks",
  streamBeginNotifyUrl: `${hooksBase}/live/begin`,
  streamEndNotifyUrl: `${hooksBase}/live/end`,
  recordNotifyUrl: `${hooksBase}/live/record`,
  callbackKey: cfg.requireSecret("callbackKey"),
});

const main = new DomainCallbackBinding("push-main", {
  domainName: "push.example.com",
  appName: "live",
  templateId: hooks.templateId,
});

const backup = new DomainCallbackBinding("push-backup", {
  domainName: "push-backup.example.com",
  templateId: hooks.templateId,
});

export const templateId = hooks.templateId;
export const bindings = [main.id, backup.id];
// What a receiver deployed with the stack needs to follow a key rotation (see examples/rotation).
export const previousCallbackKey = hooks.previousCallbackKey;
export const callbackKeyChangedAt = hooks.callbackKeyChangedAt;
