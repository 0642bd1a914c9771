// Quickstart: one callback template whose key comes from secret stack config, bound to two push
// domains. Run it with `pulumi up` (see README), or `npm run demo` to try it on the local emulator.
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

const cfg = new pulumi.Config();

const hooks = new CallbackTemplate("prod-hooks", {
  templateName: "prod_hooks",
  description: "production_callbacks",
  streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
  streamEndNotifyUrl: "https://hooks.example.com/live/end",
  recordNotifyUrl: "https://hooks.example.com/live/record",
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
