// A Pulumi program the real-CLI suites run: templates and bindings declared from a JSON file
// (the path in LIVE_FLEET_SPEC), so one program serves renames, replaces, scale and
// interruption. Keys come from secret stack config, as a user's do.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

/** One template: its resource name, the stack config key of its callback key, other inputs. */
interface TemplateSpec {
  name: string;
  templateName: string;
  streamBeginNotifyUrl?: string;
  streamEndNotifyUrl?: string;
  /** Stack config key holding the callback key (a secret); none: no key. */
  keyConfig?: string;
  /** Earlier resource names of this template (the `aliases` option). */
  aliases?: string[];
}

/** One binding: its resource name, the domain and app, the template it points at. */
interface BindingSpec {
  name: string;
  domainName: string;
  appName?: string;
  template: string;
  aliases?: string[];
}

interface FleetSpec {
  templates: TemplateSpec[];
  bindings: BindingSpec[];
}

const specFile = process.env.LIVE_FLEET_SPEC;
if (!specFile) throw new Error("LIVE_FLEET_SPEC names no file");
const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as FleetSpec;
const cfg = new pulumi.Config();
const aliases = (names?: string[]) => names?.map((name) => ({ name }));

const templates = new Map<string, CallbackTemplate>();
for (const t of spec.templates) {
  const template = new CallbackTemplate(
    t.name,
    {
      templateName: t.templateName,
      streamBeginNotifyUrl: t.streamBeginNotifyUrl,
      streamEndNotifyUrl: t.streamEndNotifyUrl,
      callbackKey: t.keyConfig ? cfg.requireSecret(t.keyConfig) : undefined,
    },
    { aliases: aliases(t.aliases) },
  );
  templates.set(t.name, template);
}

for (const b of spec.bindings) {
  const template = templates.get(b.template);
  if (!template) throw new Error(`binding ${b.name} names no declared template ${b.template}`);
  new DomainCallbackBinding(
    b.name,
    { domainName: b.domainName, appName: b.appName ?? "live", templateId: template.templateId },
    { aliases: aliases(b.aliases) },
  );
}

export const templateIds = Object.fromEntries(
  [...templates].map(([name, t]) => [name, t.templateId]),
);
export const previousCallbackKeys = Object.fromEntries(
  [...templates].map(([name, t]) => [name, t.previousCallbackKey]),
);
export const callbackKeyChangedAt = Object.fromEntries(
  [...templates].map(([name, t]) => [name, t.callbackKeyChangedAt]),
);
