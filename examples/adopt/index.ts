// Taking over a template and a binding that were made in the console.
//
// `pulumi import` does not work for dynamic resources, so adoption is an input: with
// `adopt: true`, create finds the existing template by name (or the rule by domain and app),
// modifies it to match this declaration, and manages it from then on. Without it, create refuses
// to touch an object it did not make. Once adopted, the flag can stay or go: it is only read at
// create time.
import * as pulumi from "@pulumi/pulumi";
import {
  CallbackTemplate,
  DomainCallbackBinding,
  getCallbackBindings,
} from "pulumi-tencentcloud-live-callbacks";

const cfg = new pulumi.Config();

const legacy = new CallbackTemplate("legacy-hooks", {
  // The name of the template as it is in the console.
  templateName: "console_hooks",
  streamBeginNotifyUrl: "https://hooks.example.com/live/begin",
  streamEndNotifyUrl: "https://hooks.example.com/live/end",
  callbackKey: cfg.requireSecret("callbackKey"),
  adopt: true,
});

// The console rule for push.example.com/live may point at another template: adopt re-points it.
new DomainCallbackBinding("legacy-push", {
  domainName: "push.example.com",
  appName: "live",
  templateId: legacy.templateId,
  adopt: true,
});

// What the account had bound to this domain before the program ran (a plain lookup).
export const rulesBefore = getCallbackBindings({ domainName: "push.example.com" });
