/**
 * Programs the policy tests capture under mocks: the getting-started guide's quickstart, one mistake of each
 * kind next to it, and a preview in which the values that matter are not known yet.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainCallbackBinding } from "pulumi-tencentcloud-live-callbacks";

/** The quickstart's callback key, from its secret stack config; never in a policy message. */
export const QUICKSTART_KEY = "QuickstartKey0123456789";
/** The key of the mistakes' templates. */
export const MISTAKES_KEY = "MistakesKey42";
/** The id the mocks give each template, by name: distinct, as the API allocates them. */
export function templateIdFor(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 100_000;
  return 100_000 + h;
}

/** The id the literal binding names: a template made in the console, not in the stack. */
export const CONSOLE_TEMPLATE_ID = 4242;

/** Names of the quickstart's resources. */
export const QUICKSTART_NAMES = ["prod-hooks", "push-main", "push-backup"];

/** Runs examples/quickstart/index.ts (afresh, should it have run before in this process). */
export function quickstartProgram(): void {
  const file = path.join(__dirname, "../../examples/quickstart/index.ts");
  delete require.cache[require.resolve(file)];
  require(file);
}

/**
 * One mistake per policy, each on its own resource (bound, unless being unbound is the
 * mistake), next to the quickstart. 10 resources.
 */
export function mistakesProgram(): void {
  const template = (
    name: string,
    args: Partial<ConstructorParameters<typeof CallbackTemplate>[1]>,
  ) =>
    new CallbackTemplate(name, {
      templateName: name.replace(/-/g, "_"),
      callbackKey: MISTAKES_KEY,
      ...args,
    });
  const bind = (name: string, t: CallbackTemplate) =>
    new DomainCallbackBinding(`bind-${name}`, {
      domainName: `${name}.example.com`,
      templateId: t.templateId,
    });
  bind(
    "plain-http",
    template("plain-http", { streamEndNotifyUrl: "http://hooks.example.com/end" }),
  );
  bind(
    "private-url",
    template("private-url", { streamBeginNotifyUrl: "https://10.0.0.5:8443/live/begin" }),
  );
  bind(
    "no-key",
    template("no-key", {
      streamBeginNotifyUrl: "https://hooks.example.com/begin",
      callbackKey: undefined,
    }),
  );
  bind(
    "no-levels",
    template("no-levels", { recordExceptionNotifyUrl: "https://hooks.example.com/rec-exc" }),
  );
  template("unused", { streamBeginNotifyUrl: "https://hooks.example.com/unused" });
  // A literal id: no dependency on any template of the stack.
  new DomainCallbackBinding("literal-id", {
    domainName: "push-literal.example.com",
    templateId: CONSOLE_TEMPLATE_ID,
  });
}

/** The mistakes: the resource (by name), the policy, its default level and the property. */
export const MISTAKES = [
  {
    name: "plain-http",
    policy: "live-callback-urls-https",
    level: "mandatory",
    property: "streamEndNotifyUrl",
  },
  {
    name: "private-url",
    policy: "live-callback-urls-public",
    level: "mandatory",
    property: "streamBeginNotifyUrl",
  },
  {
    name: "no-key",
    policy: "live-callback-key-required",
    level: "mandatory",
    property: "callbackKey",
  },
  {
    name: "no-levels",
    policy: "live-record-exception-levels",
    level: "advisory",
    property: "recordExceptionLevels",
  },
  { name: "unused", policy: "live-template-used", level: "advisory", property: "templateId" },
  {
    name: "literal-id",
    policy: "live-binding-template-reference",
    level: "mandatory",
    property: "templateId",
  },
] as const;

/**
 * A preview of a first deployment: no template id is known, and the values the policies judge
 * come from those ids. Once known, every one of them would break a policy. 4 resources.
 */
export function previewProgram(): void {
  const first = new CallbackTemplate("first", {
    templateName: "first",
    streamBeginNotifyUrl: "https://hooks.example.com/begin",
    callbackKey: MISTAKES_KEY,
  });
  const id = first.templateId;
  const derived = new CallbackTemplate("derived", {
    templateName: "derived",
    // Plain HTTP to a private address, once known.
    streamBeginNotifyUrl: pulumi.interpolate`http://10.0.0.9/hooks/${id}`,
    recordExceptionNotifyUrl: "https://hooks.example.com/rec-exc",
    recordExceptionLevels: id.apply(() => []),
    callbackKey: id.apply((n) => `K${n}`),
  });
  new DomainCallbackBinding("first-main", { domainName: "push.example.com", templateId: id });
  new DomainCallbackBinding("derived-main", {
    // The same domain as first-main, once known.
    domainName: id.apply(() => "PUSH.example.com"),
    templateId: derived.templateId,
  });
}
