// One callback template per environment, each bound to that environment's push domains.
// Stack config (e.g. Pulumi.prod.yaml):
//   live-callbacks-multi-env:environment: prod
//   live-callbacks-multi-env:hooksBaseUrl: https://hooks.example.com
//   live-callbacks-multi-env:pushDomains: ["push.example.com", "push-eu.example.com"]
//   live-callbacks-multi-env:apps: ["live", "events"]
//   live-callbacks-multi-env:callbackKey: (secret)
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

const cfg = new pulumi.Config();
const env = cfg.require("environment");
const base = cfg.require("hooksBaseUrl").replace(/\/$/, "");
const domains = cfg.requireObject<string[]>("pushDomains");
const apps = cfg.getObject<string[]>("apps") ?? ["live"];

const template = new CallbackTemplate(`${env}-hooks`, {
  templateName: `${env}_hooks`,
  description: `${env}_callbacks`,
  streamBeginNotifyUrl: `${base}/${env}/live/begin`,
  streamEndNotifyUrl: `${base}/${env}/live/end`,
  recordNotifyUrl: `${base}/${env}/live/record`,
  snapshotNotifyUrl: `${base}/${env}/live/snapshot`,
  pushExceptionNotifyUrl: `${base}/${env}/live/push-exception`,
  recordExceptionNotifyUrl: `${base}/${env}/live/record-exception`,
  recordExceptionLevels: env === "prod" ? ["error"] : ["error", "warning", "info"],
  callbackKey: cfg.requireSecret("callbackKey"),
});

// Every (domain, app) pair gets a binding; the name is stable so reordering config changes nothing.
const bindings = domains.flatMap((domainName) =>
  apps.map(
    (appName) =>
      new DomainCallbackBinding(`${env}-${domainName}-${appName}`, {
        domainName,
        appName,
        templateId: template.templateId,
      }),
  ),
);

export const templateId = template.templateId;
export const boundPaths = bindings.map((b) => b.id);
