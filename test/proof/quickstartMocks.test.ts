// The quickstart program of docs/getting-started.md run under Pulumi's mocks: what the engine would receive when
// `pulumi up` registers the resources (type tokens, dependencies, secrets, the real __provider).
import assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate } from "pulumi-tencentcloud-live-callbacks";
import { createBindingProvider, createTemplateProvider } from "../../src/provider";
import { SECRET_SIG, SECRET_SIG_KEY } from "../harness";

// Secret values travel in registrations as objects tagged with this signature.
const SIG_KEY = SECRET_SIG_KEY;
const CALLBACK_KEY = "QuickstartKey0123456789";
const PLAIN_KEY = "PlainStringKey42";
const FAKE_SECRET_KEY = "ShouldNeverBeCaptured0000";

interface Registration {
  type: string;
  name: string;
  object: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  additionalSecretOutputs: string[];
  urn?: string;
}

describe("quickstart program under pulumi.runtime.setMocks", function () {
  this.timeout(60_000);
  const registrations: Registration[] = [];
  const mockInputs = new Map<string, Record<string, unknown>>();
  const savedEnv = { ...process.env };

  before(async () => {
    // A credential in the environment of the program must not leak into __provider.
    process.env.TENCENTCLOUD_SECRET_ID = "AKIDShouldNeverBeCaptured";
    process.env.TENCENTCLOUD_SECRET_KEY = FAKE_SECRET_KEY;
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          mockInputs.set(args.name, args.inputs);
          const id = args.type.endsWith(":CallbackTemplate")
            ? "1001"
            : `${args.inputs.domainName}/${args.inputs.appName}`;
          const state = args.type.endsWith(":CallbackTemplate")
            ? { ...args.inputs, templateId: 1001 }
            : {
                ...args.inputs,
                createTime: "2026-11-28 15:00:00",
                updateTime: "2026-11-28 15:00:00",
              };
          return { id, state };
        },
        call: () => ({}),
      },
      "quickstart",
      "test",
      false,
    );
    pulumi.runtime.setAllConfig({ "quickstart:callbackKey": CALLBACK_KEY }, [
      "quickstart:callbackKey",
    ]);
    // The mocks hide dependencies from newResource; the registration request has them.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource: (
        req: RegisterRequest,
        cb: (err: unknown, res: RegisterResponse) => void,
      ) => void;
    };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
      original(req, (err, res) => {
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          object: req.getObject().toJavaScript(),
          dependencies: req.getDependenciesList(),
          propertyDependencies: Object.fromEntries(
            req
              .getPropertydependenciesMap()
              .toArray()
              .map(([k, v]: [string, unknown[]]) => [k, (v[0] as string[]) ?? []]),
          ),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          urn: res?.getUrn(),
        });
        cb(err, res);
      });

    // Another suite may have run the program under its own mocks: run it afresh under these.
    const file = path.join(__dirname, "../../examples/quickstart/index.ts");
    delete require.cache[require.resolve(file)];
    const program = require(file);
    await new Promise<void>((resolve) => program.templateId.apply(() => resolve()));
    await new Promise<void>((resolve) => pulumi.all(program.bindings).apply(() => resolve()));
    // A key given as a plain string must be made secret by the resource itself.
    new CallbackTemplate("plain-key", {
      templateName: "plain_key",
      streamBeginNotifyUrl: "https://hooks.example.com/begin",
      callbackKey: PLAIN_KEY,
    });
    // Registrations complete asynchronously after outputs resolve in mocks; wait for all four.
    for (let i = 0; i < 100 && registrations.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  after(() => {
    process.env = savedEnv;
  });

  const template = () => registrations.find((r) => r.name === "prod-hooks")!;
  const bindings = () => registrations.filter((r) => r.type.endsWith(":DomainCallbackBinding"));

  it("registers one template and two bindings with the fixed type tokens", () => {
    assert.equal(registrations.filter((r) => r.name !== "plain-key").length, 3);
    assert.equal(template().type, "pulumi-nodejs:dynamic/tencentcloud-live:CallbackTemplate");
    for (const b of bindings()) {
      assert.equal(b.type, "pulumi-nodejs:dynamic/tencentcloud-live:DomainCallbackBinding");
    }
    assert.deepEqual(
      bindings()
        .map((b) => b.name)
        .sort(),
      ["push-backup", "push-main"],
    );
  });

  it("makes each binding depend on the template (so bindings are deleted first)", () => {
    const templateUrn = template().urn;
    assert.ok(templateUrn);
    for (const b of bindings()) {
      assert.ok(b.dependencies.includes(templateUrn), `${b.name} dependencies: ${b.dependencies}`);
      assert.deepEqual(b.propertyDependencies.templateId, [templateUrn]);
    }
  });

  it("sends callbackKey as a secret and lists it in additionalSecretOutputs", () => {
    const key = template().object.callbackKey as Record<string, unknown>;
    assert.equal(key[SIG_KEY], SECRET_SIG);
    assert.equal(key.value, CALLBACK_KEY);
    assert.ok(template().additionalSecretOutputs.includes("callbackKey"));
    // So is the key a rotation replaces, an output only: the program never sends it.
    assert.ok(template().additionalSecretOutputs.includes("previousCallbackKey"));
    assert.equal("previousCallbackKey" in template().object, false);
    assert.equal("callbackKeyChangedAt" in template().object, false);
    // Nothing else in the registration carries the key.
    const { callbackKey: _k, ...rest } = template().object;
    assert.ok(!JSON.stringify(rest).includes(CALLBACK_KEY));
  });

  it("declares inputs that pass the provider's check (what preview runs first)", async () => {
    const ctx = { client: () => assert.fail("check must not call the API"), log: () => undefined };
    for (const [name, inputs] of mockInputs) {
      if (name === "plain-key") continue;
      const provider =
        name === "prod-hooks" ? createTemplateProvider(ctx) : createBindingProvider(ctx);
      // Outputs of other resources are known under mocks; the host gets secrets unwrapped.
      const plain = Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [
          k,
          v && typeof v === "object" && SIG_KEY in v
            ? (v as unknown as { value: unknown }).value
            : v,
        ]),
      );
      const result = await provider.check({}, plain);
      assert.deepEqual(result.failures ?? [], [], `${name}: ${JSON.stringify(result.failures)}`);
    }
    assert.equal(mockInputs.size, 4);
  });

  it("makes a key given as a plain string secret too", () => {
    const reg = registrations.find((r) => r.name === "plain-key")!;
    const key = reg.object.callbackKey as Record<string, unknown>;
    assert.equal(key[SIG_KEY], SECRET_SIG);
    assert.equal(key.value, PLAIN_KEY);
    assert.ok(reg.additionalSecretOutputs.includes("callbackKey"));
    assert.ok(reg.additionalSecretOutputs.includes("previousCallbackKey"));
  });

  for (const kind of ["CallbackTemplate", "DomainCallbackBinding"]) {
    it(`serializes a clean __provider for ${kind} that the host can load`, () => {
      const reg = registrations.find((r) => r.type.endsWith(`:${kind}`))!;
      const text = reg.object.__provider as string;
      assert.equal(typeof text, "string");
      // Loaded from src/, the shim is serialized by value: larger than the few hundred bytes of
      // the installed package (test/proof/host.test.ts), and run by test/proof/repoProvider.
      assert.ok(Buffer.byteLength(text) <= 4096, `__provider is ${Buffer.byteLength(text)} bytes`);
      for (const leaked of [CALLBACK_KEY, FAKE_SECRET_KEY, "AKIDShouldNeverBeCaptured"]) {
        assert.ok(!text.includes(leaked), `__provider contains ${leaked}`);
      }
      // No SDK, schema or client code: the implementation is loaded by package name.
      for (const code of [
        "AbstractClient",
        "TC3-HMAC",
        "zod",
        "safeParse",
        "tencentcloud-sdk-nodejs",
      ]) {
        assert.ok(!text.includes(code), `__provider contains ${code}`);
      }
      assert.match(text, /"pulumi-tencentcloud-live-callbacks\/provider"/);
      // Evaluate it as the dynamic-provider host does.
      const requireFromString = require("require-from-string") as (code: string) => {
        handler: () => Record<string, unknown>;
      };
      const provider = requireFromString(text).handler();
      for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
        assert.equal(typeof provider[m], "function", `missing ${m}`);
      }
    });
  }
});

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getObject(): { toJavaScript(): Record<string, unknown> };
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { toArray(): [string, unknown[]][] };
  getAdditionalsecretoutputsList(): string[];
}
interface RegisterResponse {
  getUrn(): string;
}
