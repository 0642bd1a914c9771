// The `pulumi up` path without the Pulumi CLI: the PACKED library, installed in a consumer
// project outside the repo, its providers serialized by dynamic.Resource there, and Pulumi's own
// dynamic-provider host driven over gRPC in the engine's order of calls, against the emulator.
// What only the engine does (secret re-marking, previews, parallelism) is out of scope here; the
// registrations side is covered by quickstartMocks.test.ts.
import assert from "node:assert/strict";
import { mkdir, readFile, rename, symlink } from "node:fs/promises";
import * as path from "node:path";
import { REPO, useHostProject } from "../support/hostProject";
import { expectsByName, mapsPnpmStore } from "../support/providerForm";
import {
  buildLibraryCopy,
  consumerPackageManager,
  destroy,
  installPackages,
  installedVersion,
  LIBRARY_NAME,
  packLibrary,
  PROBE_CALLBACK_KEY,
  QUICKSTART_URNS,
  quickstartResources,
  quickstartTemplate,
  refresh,
  runDeployment,
  serializeProviders,
  startHost,
  up,
  type EngineState,
  type HostLine,
  type ProviderHost,
  type QuickstartTemplateInputs,
  type StepRecord,
} from "../harness";

const CALLBACK_KEY = "QuickstartKey0123456789";

/** The shim module of `kind` required by its exports subpath. */
const shimRequire = (kind: string) =>
  new RegExp(`require\\("pulumi-tencentcloud-live-callbacks/provider/${kind}"\\)`);
const CONSOLE_KEY = "ConsoleEditedKey42";
const CONSOLE_END_URL = "https://console-edit.example.com/live/end";

/** The emulator's template fields that the quickstart declares, by API name. */
function expectedTemplate(d: QuickstartTemplateInputs) {
  return {
    TemplateName: d.templateName,
    Description: d.description ?? "",
    StreamBeginNotifyUrl: d.streamBeginNotifyUrl ?? "",
    StreamEndNotifyUrl: d.streamEndNotifyUrl ?? "",
    RecordNotifyUrl: d.recordNotifyUrl ?? "",
    CallbackKey: d.callbackKey ?? "",
  };
}

describe("pulumi up through Pulumi's dynamic-provider host (packed library, emulator)", function () {
  this.timeout(60_000);
  const suite = useHostProject({
    // A user with credentials exported while running `pulumi up`: they must not be captured.
    programEnv: (live) => ({
      TENCENTCLOUD_SECRET_ID: live.stackConfig["tencentcloud:secretId"],
      TENCENTCLOUD_SECRET_KEY: live.stackConfig["tencentcloud:secretKey"],
    }),
  });
  const state: EngineState = new Map();
  const hostLines: HostLine[] = [];
  const allSteps: StepRecord[] = [];
  let declared = quickstartTemplate(CALLBACK_KEY);

  const emulator = suite.live;
  const project = suite.project;
  const program = () => ({
    providers: project().providers,
    resources: quickstartResources(declared),
  });

  /** One deployment (one host process, as the engine does); keeps its steps and output. */
  async function deploy(fn: (host: ProviderHost) => Promise<StepRecord[]>) {
    const run = await runDeployment(project().dir, emulator().stackConfig, fn);
    hostLines.push(...run.lines);
    allSteps.push(...run.result);
    return { steps: run.result, lines: run.lines.map((l) => l.text) };
  }

  const step = (steps: StepRecord[], urn: string) =>
    steps.find((s) => s.urn === urn) ?? assert.fail(`no step for ${urn}`);

  /** The emulator holds exactly the declared template and the two rules pointing at it. */
  async function assertEmulatorMatchesDeclaration() {
    const { templates, rules } = await emulator().state();
    assert.equal(templates.length, 1, JSON.stringify(templates));
    const [t] = templates;
    assert.deepEqual({ ...t, ...expectedTemplate(declared) }, t, "template fields");
    assert.equal(String(t.TemplateId), state.get(QUICKSTART_URNS.template)?.id);
    assert.deepEqual(rules.map((r) => `${r.DomainName}/${r.AppName}→${r.TemplateId}`).sort(), [
      `push-backup.example.com/live→${t.TemplateId}`,
      `push.example.com/live→${t.TemplateId}`,
    ]);
  }

  it("serializes a __provider that requires the installed shim by name where the serializer can (else by value), without credentials", async () => {
    const { providers, dir } = project();
    const byName = await expectsByName(dir);
    for (const [kind, text] of Object.entries(providers)) {
      if (byName) {
        assert.ok(Buffer.byteLength(text) <= 400, `${kind}: ${Buffer.byteLength(text)} bytes`);
        // The shim module itself, by its exports subpath: no closure of it is in the text.
        assert.match(text, shimRequire(kind));
        assert.ok(!text.includes("loadProvider"), `${kind} __provider carries the shim's code`);
      } else {
        // pnpm's store under a serializer that cannot map it (before pulumi/pulumi#23767).
        assert.doesNotMatch(text, shimRequire(kind));
        assert.match(text, new RegExp(`kind: "${kind}"`));
        assert.ok(!text.includes(".pnpm"), `${kind} __provider records the store path`);
      }
      for (const secret of [
        emulator().stackConfig["tencentcloud:secretId"],
        emulator().stackConfig["tencentcloud:secretKey"],
        PROBE_CALLBACK_KEY,
      ]) {
        assert.ok(!text.includes(secret), `${kind} __provider contains ${secret}`);
      }
      for (const code of ["AbstractClient", "TC3-HMAC", "safeParse", "tencentcloud-sdk-nodejs"]) {
        assert.ok(!text.includes(code), `${kind} __provider contains ${code}`);
      }
    }
  });

  it("answers GetPluginInfo and Configure like the engine expects, with plain or secret config", async () => {
    const pulumiPkg = path.join(project().dir, "node_modules/@pulumi/pulumi/package.json");
    const { version } = JSON.parse(await readFile(pulumiPkg, "utf8")) as { version: string };
    const probe = { templateName: "probe", __provider: project().providers.template };
    // The key arrives as plain text or wrapped as a secret (as `config set --secret` makes it);
    // a signed Read only succeeds if the provider got the right key either way.
    for (const secretKeys of [[], ["tencentcloud:secretKey"]]) {
      const host = await startHost(project().dir);
      try {
        assert.equal((await host.getPluginInfo()).version, version);
        const acceptsSecrets = await host.configure(emulator().stackConfig, secretKeys);
        assert.equal(acceptsSecrets, false, "the dynamic host never accepts secrets");
        const read = await host.read("999999", QUICKSTART_URNS.template, probe);
        assert.equal(read.id, "", "a template that does not exist reads as gone");
      } finally {
        await host.stop();
      }
    }
  });

  it("1. up from nothing creates the template, then both bindings", async () => {
    const { steps } = await deploy((host) => up(host, state, program()));
    assert.deepEqual(
      steps.map((s) => [s.op, s.urn, s.calls.join(",")]),
      [
        ["create", QUICKSTART_URNS.template, "Check,Create"],
        ["create", QUICKSTART_URNS.main, "Check,Create"],
        ["create", QUICKSTART_URNS.backup, "Check,Create"],
      ],
    );
    assert.equal(state.get(QUICKSTART_URNS.main)?.id, "push.example.com/live");
    assert.equal(
      state.get(QUICKSTART_URNS.main)?.outputs.templateId,
      Number(state.get(QUICKSTART_URNS.template)?.id),
    );
    await assertEmulatorMatchesDeclaration();
  });

  it("2. up shows and repairs a console edit of the template and a deleted rule", async () => {
    const templateId = Number(state.get(QUICKSTART_URNS.template)?.id);
    const sdk = emulator().console;
    await sdk.ModifyLiveCallbackTemplate({
      TemplateId: templateId,
      StreamEndNotifyUrl: CONSOLE_END_URL,
      CallbackKey: CONSOLE_KEY,
    });
    await sdk.DeleteLiveCallbackRule({ DomainName: "push-backup.example.com", AppName: "live" });

    const { steps, lines } = await deploy((host) => up(host, state, program()));
    const template = step(steps, QUICKSTART_URNS.template);
    const backup = step(steps, QUICKSTART_URNS.backup);
    assert.equal(template.diff?.changes, "some");
    assert.equal(template.op, "update");
    assert.equal(backup.diff?.changes, "some");
    assert.equal(backup.op, "update");
    assert.equal(step(steps, QUICKSTART_URNS.main).op, "same");
    const drift = `streamEndNotifyUrl: live "${CONSOLE_END_URL}" ≠ declared "${declared.streamEndNotifyUrl}"`;
    assert.ok(
      lines.some((l) => l.includes(drift)),
      `no drift line ${drift} in:\n${lines.join("\n")}`,
    );
    // The key drifted too: reported, but masked.
    assert.ok(lines.some((l) => l.includes("callbackKey: live [secret] ≠ declared [secret]")));
    assert.ok(lines.some((l) => l.includes('push-backup.example.com/live": the rule no longer')));
    // The platform was signing with the console's key: that is the one receivers must keep.
    const outputs = state.get(QUICKSTART_URNS.template)?.outputs ?? {};
    assert.equal(outputs.previousCallbackKey, CONSOLE_KEY);
    assert.equal(typeof outputs.callbackKeyChangedAt, "string");
    await assertEmulatorMatchesDeclaration();
  });

  it("3. a URL changed in the program is updated; a URL removed from it is cleared", async () => {
    const { recordNotifyUrl: _removed, ...rest } = declared;
    declared = { ...rest, streamBeginNotifyUrl: "https://hooks.example.com/live/v2/begin" };

    const { steps } = await deploy((host) => up(host, state, program()));
    assert.equal(step(steps, QUICKSTART_URNS.template).op, "update");
    assert.equal(step(steps, QUICKSTART_URNS.main).op, "same");
    assert.equal(step(steps, QUICKSTART_URNS.backup).op, "same");
    const [t] = (await emulator().state()).templates;
    assert.equal(t.RecordNotifyUrl, "");
    assert.equal(t.StreamBeginNotifyUrl, "https://hooks.example.com/live/v2/begin");
    assert.equal(state.get(QUICKSTART_URNS.template)?.outputs.recordNotifyUrl, undefined);
    await assertEmulatorMatchesDeclaration();
  });

  it("4. refresh reads every resource, and drops those deleted out of band", async () => {
    const before = new Map([...state].map(([urn, e]) => [urn, e.id]));
    const first = await deploy((host) => refresh(host, state));
    assert.deepEqual(
      first.steps.map((s) => s.op),
      ["refresh", "refresh", "refresh"],
    );
    assert.deepEqual(new Map([...state].map(([urn, e]) => [urn, e.id])), before);

    const sdk = emulator().console;
    await sdk.DeleteLiveCallbackRule({ DomainName: "push.example.com", AppName: "live" });
    await sdk.DeleteLiveCallbackRule({ DomainName: "push-backup.example.com", AppName: "live" });
    await sdk.DeleteLiveCallbackTemplate({
      TemplateId: Number(before.get(QUICKSTART_URNS.template)),
    });

    const second = await deploy((host) => refresh(host, state));
    // "drop" is how the engine records a Read that answered an empty id.
    assert.deepEqual(
      second.steps.map((s) => [s.op, s.calls.join(",")]),
      [
        ["drop", "Read"],
        ["drop", "Read"],
        ["drop", "Read"],
      ],
    );
    assert.equal(state.size, 0);
  });

  it("5. destroy deletes both bindings before the template, leaving the account empty", async () => {
    const created = await deploy((host) => up(host, state, program()));
    assert.deepEqual(
      created.steps.map((s) => s.op),
      ["create", "create", "create"],
    );
    await assertEmulatorMatchesDeclaration();

    const { steps } = await deploy((host) => destroy(host, state));
    assert.deepEqual(
      steps.map((s) => s.op),
      ["delete", "delete", "delete"],
    );
    assert.deepEqual(
      steps
        .slice(0, 2)
        .map((s) => s.urn)
        .sort(),
      [QUICKSTART_URNS.backup, QUICKSTART_URNS.main],
    );
    assert.equal(steps[2].urn, QUICKSTART_URNS.template);
    const { templates, rules } = await emulator().state();
    assert.deepEqual({ templates, rules }, { templates: [], rules: [] });
    assert.equal(state.size, 0);
  });

  it("returns callback keys only under the secret outputs (so the engine re-marks them secret), and never logs them", () => {
    const withOutputs = allSteps.filter((s) => s.outputs);
    const templateOutputs = withOutputs.filter((s) => s.urn === QUICKSTART_URNS.template);
    // Non-vacuous: Create, Update and Read results of the template were all seen.
    assert.deepEqual([...new Set(templateOutputs.map((s) => s.calls.at(-1)))].sort(), [
      "Create",
      "Read",
      "Update",
    ]);
    for (const s of withOutputs) {
      const { callbackKey, previousCallbackKey, ...others } = s.outputs ?? {};
      if (s.urn === QUICKSTART_URNS.template) assert.equal(callbackKey, CALLBACK_KEY);
      else assert.equal(callbackKey, undefined);
      // Only the key a change replaced; both are in CALLBACK_TEMPLATE_SECRET_OUTPUTS.
      assert.ok([undefined, CONSOLE_KEY].includes(previousCallbackKey as string | undefined));
      for (const [k, v] of Object.entries(others)) {
        for (const key of [CALLBACK_KEY, CONSOLE_KEY]) {
          assert.ok(!JSON.stringify(v).includes(key), `${s.op} ${s.urn}: ${k} carries the key`);
        }
      }
    }
    assert.ok(hostLines.length > 0, "the host printed nothing (drift lines were expected)");
    for (const line of hostLines) {
      for (const secret of [
        CALLBACK_KEY,
        CONSOLE_KEY,
        emulator().stackConfig["tencentcloud:secretKey"],
      ]) {
        assert.ok(!line.text.includes(secret), `host output leaks a secret: ${line.text}`);
      }
    }
  });

  it("stores the program's own __provider in every output", () => {
    for (const s of allSteps.filter((x) => x.outputs)) {
      const kind = s.urn.includes(":CallbackTemplate::") ? "template" : "binding";
      assert.equal(s.outputs?.__provider, project().providers[kind], `${s.op} ${s.urn}`);
    }
  });

  // Next to last: it replaces the consumer's installed library with the second build.
  it("serializes the same __provider from a later version whose implementation changed, and runs the new code", async function () {
    this.timeout(110_000);
    const marker = "(build B)";
    const { version } = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as {
      version: string;
    };
    const copy = await buildLibraryCopy(REPO, [
      {
        file: "src/provider/template/diff.ts",
        from: "no longer exists in the account: it will be created again.",
        to: `no longer exists in the account ${marker}: it will be created again.`,
      },
      // Another version, as an upgrade from the registry installs it.
      {
        file: "package.json",
        from: `"version": "${version}"`,
        to: `"version": "${version}-next.1"`,
      },
    ]);
    try {
      const installed = path.join(project().dir, "node_modules", LIBRARY_NAME, "dist");
      const implA = await readFile(path.join(installed, "provider/template/diff.js"), "utf8");
      const packB = await packLibrary(copy.dir, path.join(project().root, "packs", "b"));
      await installPackages(project().dir, [packB.tarball]);
      const implB = await readFile(path.join(installed, "provider/template/diff.js"), "utf8");
      // The builds really differ, so identical __provider text below is a real result.
      assert.notEqual(implB, implA);
      assert.ok(implB.includes(marker));
      assert.equal(await installedVersion(project().dir, LIBRARY_NAME), `${version}-next.1`);

      const providersB = await serializeProviders(project().dir);
      assert.equal(providersB.template, project().providers.template);
      assert.equal(providersB.binding, project().providers.binding);

      // The unchanged __provider runs the new implementation: no `~__provider` diff needed.
      const inputs = { ...quickstartTemplate(CALLBACK_KEY), __provider: providersB.template };
      const { result, lines } = await runDeployment(project().dir, emulator().stackConfig, (host) =>
        host.diff("424242", QUICKSTART_URNS.template, inputs, inputs),
      );
      assert.deepEqual(result.replaces, ["templateId"]);
      assert.ok(
        lines.some((l) => l.text.includes(marker)),
        lines.map((l) => l.text).join("\n"),
      );
    } finally {
      await copy.cleanup();
    }
  });

  // Last: it moves the installed library into a pnpm-style store.
  it("in pnpm's store, records the shim by name where the serializer maps the store (3.251+), else by value; either runs", async function () {
    // A consumer installed by pnpm already is this layout (its relative links would not survive
    // the move): the first test proves it there.
    if (consumerPackageManager() === "pnpm") this.skip();
    // pnpm keeps the files under node_modules/.pnpm/<name>@<version>/node_modules/<name> and
    // links node_modules/<name> there; Node loads them by that real path. Pulumi's serializer
    // maps such a path to the package's exports from 3.251 on (pulumi/pulumi#23767); earlier
    // ones throw (pulumi/pulumi#10009), so the library's probe must choose the by-value copy.
    const modules = path.join(project().dir, "node_modules");
    const store = path.join(modules, ".pnpm", `${LIBRARY_NAME}@0.0.0-store`, "node_modules");
    await mkdir(store, { recursive: true });
    await rename(path.join(modules, LIBRARY_NAME), path.join(store, LIBRARY_NAME));
    await symlink(path.join(store, LIBRARY_NAME), path.join(modules, LIBRARY_NAME), "dir");

    const providers = await serializeProviders(project().dir);
    const byName = await mapsPnpmStore(project().dir);
    for (const [kind, text] of Object.entries(providers)) {
      assert.ok(!text.includes(".pnpm"), `${kind} __provider records the store path`);
      if (byName) {
        assert.match(text, shimRequire(kind));
        assert.ok(Buffer.byteLength(text) <= 400, `${kind}: ${Buffer.byteLength(text)} bytes`);
      } else {
        assert.doesNotMatch(text, /require\("pulumi-tencentcloud-live-callbacks\/provider\//);
        assert.match(text, new RegExp(`kind: "${kind}"`));
      }
    }
    const probe = { ...quickstartTemplate(CALLBACK_KEY), __provider: providers.template };
    const { result } = await runDeployment(project().dir, emulator().stackConfig, async (host) => ({
      check: await host.check(QUICKSTART_URNS.template, {}, probe),
      read: await host.read("31337", QUICKSTART_URNS.template, probe),
    }));
    assert.deepEqual(result.check.failures, []);
    assert.equal(result.read.id, "", "Read reached the emulator and found nothing");
  });
});
