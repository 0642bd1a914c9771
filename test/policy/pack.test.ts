// The policies as `pulumi preview --policy-pack` runs them: the library packed and installed
// into a consumer project with @pulumi/policy, the ready pack folder started as the CLI starts
// a Node.js pack, and @pulumi/policy's own analyzer server driven over gRPC as the engine
// drives it. The resources are what programs register, captured under setMocks.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { CALLBACK_POLICY_NAMES } from "../../src/policy";
import {
  installedVersion,
  installPackages,
  LIBRARY_NAME,
  prepareConsumer,
  run,
  startAnalyzer,
  type AnalyzedResource,
  type AnalyzerProcess,
  type Consumer,
  type Diagnostic,
} from "../harness";
import { asInputs, asOutputs, capture, type CapturedResource } from "./capture";
import {
  MISTAKES,
  MISTAKES_KEY,
  mistakesProgram,
  previewProgram,
  QUICKSTART_KEY,
  QUICKSTART_NAMES,
  quickstartProgram,
  templateIdFor,
  CONSOLE_TEMPLATE_ID,
} from "./programs";

const REPO = path.join(__dirname, "../..");
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The levels the table in docs/policies.md states. */
const DEFAULT_LEVELS: Record<string, string> = {
  "live-callback-urls-https": "mandatory",
  "live-callback-urls-public": "mandatory",
  "live-callback-key-required": "mandatory",
  "live-record-exception-levels": "advisory",
  "live-binding-template-reference": "mandatory",
  "live-binding-unique": "mandatory",
  "live-template-used": "advisory",
  "live-template-limit": "advisory",
};

/** Analyze for every resource's inputs, then AnalyzeStack for all outputs, as in a preview. */
async function analyzeAll(
  pack: AnalyzerProcess,
  resources: readonly CapturedResource[],
  outputs: (r: CapturedResource) => AnalyzedResource = asOutputs,
): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const r of resources) found.push(...(await pack.analyze(asInputs(r))));
  found.push(...(await pack.analyzeStack(resources.map(outputs))));
  return found;
}

const summary = (ds: readonly Diagnostic[]) =>
  ds.map((d) => `${d.policyName} ${d.enforcementLevel} ${d.urn.split("::").pop()}`).sort();

describe("policy pack through @pulumi/policy's analyzer server", function () {
  this.timeout(600_000);
  let consumer: Consumer;
  let pack: AnalyzerProcess;
  let program: CapturedResource[];
  let preview: CapturedResource[];
  let withoutPolicy: string;
  const libraryVersion = require("../../package.json").version as string;
  const urnOf = (name: string) => program.find((r) => r.name === name)!.urn;
  const quickstart = () => program.filter((r) => QUICKSTART_NAMES.includes(r.name));

  before(async () => {
    program = await capture(
      () => {
        quickstartProgram();
        mistakesProgram();
      },
      3 + 10,
      {
        secretConfig: { "quickstart:callbackKey": QUICKSTART_KEY },
        newResource: (args) => ({
          id: args.name,
          state: args.type.endsWith(":CallbackTemplate")
            ? { ...args.inputs, templateId: templateIdFor(args.name) }
            : args.inputs,
        }),
      },
    );
    preview = await capture(previewProgram, 4, { preview: true });
    consumer = await prepareConsumer({ repoDir: REPO });
    // The library's entry points load without @pulumi/policy installed: it is optional.
    const probe = (entries: string[]) =>
      run(
        process.execPath,
        [
          "-e",
          `${entries.map((e) => `require(${JSON.stringify(e)});`).join("")}` +
            `console.log(JSON.stringify(Object.keys(require.cache)))`,
        ],
        { cwd: consumer.dir },
      );
    const entries = ["", "/callbacks", "/policy"].map((s) => LIBRARY_NAME + s);
    withoutPolicy = (await probe(entries)).stdout;
    // The matrix asks for the registry's newest; alone, the suite proves the repository's copy.
    const policyVersion =
      process.env.LIVE_TEST_POLICY_VERSION ||
      (await installedVersion(REPO, "@pulumi/policy")).replace(/^v/, "");
    await installPackages(consumer.dir, [`@pulumi/policy@${policyVersion}`]);
    pack = await startAnalyzer(
      path.join(consumer.dir, "node_modules", LIBRARY_NAME, "policy-pack"),
    );
    const pulumiVersion = await installedVersion(consumer.dir, "@pulumi/pulumi");
    console.log(
      `      (consumer: @pulumi/pulumi ${pulumiVersion}, @pulumi/policy ${policyVersion},`,
    );
    console.log(`       Node ${process.version}; setup ${JSON.stringify(consumer.timings)} ms)`);
  });

  after(async () => {
    await pack?.stop();
    await consumer?.cleanup();
  });

  beforeEach(() => pack.configure());

  it("the ready pack answers GetAnalyzerInfo with all eight policies and their levels", async () => {
    const info = await pack.getAnalyzerInfo();
    assert.equal(info.name, "tencentcloud-live-callbacks");
    assert.equal(info.version, libraryVersion, "policy-pack/package.json's version");
    assert.ok(info.supportsConfig);
    assert.deepEqual(
      info.policies.map((p) => p.name),
      [...CALLBACK_POLICY_NAMES],
    );
    for (const p of info.policies) {
      assert.equal(p.enforcementLevel, DEFAULT_LEVELS[p.name], p.name);
      assert.ok(p.description.length > 80, `${p.name} says why`);
      assert.ok(p.remediationSteps.length > 20, `${p.name} says how to fix`);
    }
    const schema = (name: string) => info.policies.find((p) => p.name === name)!.configSchema;
    assert.deepEqual(schema("live-callback-urls-public")?.allowedHosts?.default, []);
    assert.deepEqual(schema("live-callback-urls-https")?.allowedHosts?.default, []);
    assert.deepEqual(schema("live-binding-template-reference")?.allowedTemplateIds?.default, []);
    assert.equal(schema("live-template-limit")?.maxTemplates?.default, 50);
  });

  it("passes the quickstart's resources, inputs and stack, with their real dependencies", async () => {
    const qs = quickstart();
    assert.equal(qs.length, 3);
    // The bindings' templateId really comes from the template, as the engine records it.
    const templateUrn = urnOf("prod-hooks");
    for (const b of qs.filter((r) => r.name !== "prod-hooks")) {
      assert.deepEqual(b.propertyDependencies.templateId, [templateUrn]);
    }
    assert.deepEqual(await analyzeAll(pack, qs), []);
  });

  it("reports each mistake with its policy, level, resource and property", async () => {
    const found = await analyzeAll(pack, program);
    assert.deepEqual(
      summary(found),
      MISTAKES.map((m) => `${m.policy} ${m.level} ${m.name}`).sort(),
    );
    for (const m of MISTAKES) {
      const d = found.find((x) => x.policyName === m.policy)!;
      assert.equal(d.urn, urnOf(m.name));
      assert.equal(d.policyPackName, "tencentcloud-live-callbacks");
      assert.ok(d.message.includes(`"${m.name}"`), `${m.policy} names the resource: ${d.message}`);
      assert.ok(d.message.includes(m.property), `${m.policy} names ${m.property}: ${d.message}`);
      assert.match(d.message, /Remedy: /);
      assert.ok(d.message.startsWith(d.description), "the server prefixes the description");
    }
    for (const d of found) {
      for (const key of [QUICKSTART_KEY, MISTAKES_KEY]) assert.ok(!d.message.includes(key));
    }
  });

  it("reports a second binding of one domain and app, in any letter case", async () => {
    const main = program.find((r) => r.name === "push-main")!;
    const dup: CapturedResource = {
      ...main,
      name: "push-main-again",
      urn: main.urn.replace(/push-main$/, "push-main-again"),
      outputs: { ...main.outputs, domainName: "PUSH.Example.com" },
    };
    const found = await pack.analyzeStack([...quickstart(), dup].map(asOutputs));
    assert.deepEqual(summary(found), ["live-binding-unique mandatory push-main-again"]);
    assert.match(found[0].message, /already bound by DomainCallbackBinding "push-main"/);
    // Another app of the same domain is another rule.
    const otherApp = { ...dup, outputs: { ...dup.outputs, appName: "vod" } };
    assert.deepEqual(await pack.analyzeStack([...quickstart(), otherApp].map(asOutputs)), []);
  });

  it("reports the 51st template of a stack (the account's limit)", async () => {
    const t = program.find((r) => r.name === "prod-hooks")!;
    const many = Array.from({ length: 51 }, (_, i) => ({
      ...t,
      name: `t${i + 1}`,
      urn: t.urn.replace(/prod-hooks$/, `t${i + 1}`),
    }));
    const found = (await pack.analyzeStack(many.map(asOutputs))).filter(
      (d) => d.policyName === "live-template-limit",
    );
    assert.deepEqual(summary(found), ["live-template-limit advisory t51"]);
    assert.match(found[0].message, /template 51 of 51 in this stack; at most 50/);
    const fifty = (await pack.analyzeStack(many.slice(0, 50).map(asOutputs))).filter(
      (d) => d.policyName === "live-template-limit",
    );
    assert.deepEqual(fifty, []);
  });

  it("config changes enforcement levels and the allow-lists", async () => {
    await pack.configure({
      "live-callback-urls-https": "advisory",
      "live-callback-key-required": "disabled",
      "live-template-used": { enforcementLevel: "mandatory" },
      "live-callback-urls-public": { allowedHosts: ["10.0.0.0/8"] },
      "live-binding-template-reference": { allowedTemplateIds: [CONSOLE_TEMPLATE_ID] },
      "live-template-limit": { maxTemplates: 4 },
    });
    const found = await analyzeAll(pack, program);
    // The templates after the fourth, in the order the stack lists them.
    const templates = program.filter((r) => r.type.endsWith(":CallbackTemplate"));
    assert.equal(templates.length, 6);
    const over = templates.slice(4).map((r) => `live-template-limit advisory ${r.name}`);
    assert.deepEqual(
      summary(found),
      [
        "live-callback-urls-https advisory plain-http",
        "live-record-exception-levels advisory no-levels",
        "live-template-used mandatory unused",
        ...over,
      ].sort(),
    );
    const limit = found.filter((d) => d.policyName === "live-template-limit");
    assert.match(limit[0].message, /template 5 of 6 in this stack; at most 4/);
  });

  it("an allowed host also lifts the HTTPS rule, for an emulator on plain HTTP", async () => {
    const t = program.find((r) => r.name === "plain-http")!;
    const emulator = {
      ...asInputs(t),
      props: { ...t.inputs, streamEndNotifyUrl: "http://127.0.0.1:9000/live/end" },
    };
    assert.deepEqual(summary(await pack.analyze(emulator)), [
      "live-callback-urls-https mandatory plain-http",
      "live-callback-urls-public mandatory plain-http",
    ]);
    const allow = { allowedHosts: ["127.0.0.1"] };
    await pack.configure({ "live-callback-urls-https": allow, "live-callback-urls-public": allow });
    assert.deepEqual(await pack.analyze(emulator), []);
  });

  it("never reports a value unknown during preview, not even as a note", async () => {
    // In a preview the engine sends outputs not known yet (every templateId here) as unknowns.
    const previewOutputs = (r: CapturedResource): AnalyzedResource => ({
      ...asOutputs(r),
      props: r.type.endsWith(":CallbackTemplate")
        ? { ...r.inputs, templateId: UNKNOWN_STRING }
        : r.inputs,
    });
    const derived = preview.find((r) => r.name === "derived")!;
    assert.equal(derived.inputs.streamBeginNotifyUrl, UNKNOWN_STRING, "captured as unknown");
    assert.deepEqual(await analyzeAll(pack, preview, previewOutputs), []);
    // A binding whose templateId is unknown and comes from no template of the stack.
    const main = preview.find((r) => r.name === "first-main")!;
    const elsewhere: AnalyzedResource = {
      ...previewOutputs(main),
      name: "elsewhere",
      urn: main.urn.replace(/first-main$/, "elsewhere"),
      props: { ...main.inputs, domainName: "other.example.com", templateId: UNKNOWN_STRING },
      propertyDependencies: {},
    };
    assert.deepEqual(await pack.analyzeStack([...preview.map(previewOutputs), elsewhere]), []);
  });

  it("a known value in a preview is judged as at up", async () => {
    const first = preview.find((r) => r.name === "first")!;
    const bad = {
      ...asInputs(first),
      props: { ...first.inputs, streamBeginNotifyUrl: "http://hooks.example.com/b" },
    };
    assert.deepEqual(summary(await pack.analyze(bad)), [
      "live-callback-urls-https mandatory first",
    ]);
  });

  it("loads nothing of @pulumi/policy from the main entry or /callbacks", async () => {
    const loaded = JSON.parse(
      (
        await run(
          process.execPath,
          [
            "-e",
            `require(${JSON.stringify(LIBRARY_NAME)});require(${JSON.stringify(`${LIBRARY_NAME}/callbacks`)});` +
              `console.log(JSON.stringify(Object.keys(require.cache)))`,
          ],
          { cwd: consumer.dir },
        )
      ).stdout,
    ) as string[];
    assert.ok(
      loaded.some((f) => f.includes(`${LIBRARY_NAME}${path.sep}dist`)),
      "loaded the library",
    );
    assert.deepEqual(
      loaded.filter((f) => f.includes(`@pulumi${path.sep}policy`)),
      [],
    );
    // Before @pulumi/policy was installed, all three entries (even /policy) already loaded.
    assert.ok((JSON.parse(withoutPolicy) as string[]).some((f) => f.endsWith("policy/index.js")));
    const manifest = JSON.parse(
      await readFile(path.join(consumer.dir, "node_modules", LIBRARY_NAME, "package.json"), "utf8"),
    );
    assert.deepEqual(manifest.peerDependenciesMeta["@pulumi/policy"], { optional: true });
    assert.equal(manifest.dependencies["@pulumi/policy"], undefined);
  });

  it("composes into an organization's own pack, with the options as defaults", async () => {
    const dir = path.join(consumer.dir, "acme-policies");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "acme-policies", version: "1.2.3", main: "index.js" }),
    );
    await writeFile(
      path.join(dir, "index.js"),
      [
        `const { PolicyPack } = require("@pulumi/policy");`,
        `const { callbackPolicies } = require("${LIBRARY_NAME}/policy");`,
        `new PolicyPack("acme", {`,
        `  policies: [`,
        `    ...callbackPolicies({`,
        `      enforcementLevels: { "live-template-used": "mandatory" },`,
        `      allowedHosts: ["*.staging.acme.test"],`,
        `    }),`,
        `    { name: "acme-no-descriptions", description: "Templates carry no description.",`,
        `      enforcementLevel: "advisory",`,
        `      validateResource: (args, report) => { if (args.props.description) report("x"); } },`,
        `  ],`,
        `});`,
      ].join("\n"),
    );
    const own = await startAnalyzer(dir);
    try {
      const info = await own.getAnalyzerInfo();
      assert.equal(info.name, "acme");
      assert.equal(info.policies.length, 9);
      const used = info.policies.find((p) => p.name === "live-template-used")!;
      assert.equal(used.enforcementLevel, "mandatory");
      const pub = info.policies.find((p) => p.name === "live-callback-urls-public")!;
      assert.deepEqual(pub.configSchema?.allowedHosts?.default, ["*.staging.acme.test"]);
      await own.configure();
      const t = program.find((r) => r.name === "plain-http")!;
      const staging = {
        ...asInputs(t),
        props: { ...t.inputs, streamEndNotifyUrl: "http://hooks.staging.acme.test/end" },
      };
      assert.deepEqual(await own.analyze(staging), []);
      assert.deepEqual(summary(await own.analyze(asInputs(urnTemplate(program)))), [
        "acme-no-descriptions advisory prod-hooks",
      ]);
    } finally {
      await own.stop();
    }
  });
});

function urnTemplate(resources: readonly CapturedResource[]): CapturedResource {
  return resources.find((r) => r.name === "prod-hooks")!;
}
