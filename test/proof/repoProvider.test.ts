// The library loaded from this repository instead of a node_modules folder, as the repository's
// own examples, tests and Pulumi.yaml load it. Pulumi then serializes the shim by value (it is
// not a module it can require by name), so __provider is larger, and the host evaluates it with
// no file of its own. This proves that text still runs in Pulumi's own dynamic-provider host,
// from the repository's root and from a program folder inside it, and says plainly what to do
// anywhere else.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import {
  destroy,
  ensureBuilt,
  HostCallError,
  QUICKSTART_URNS,
  quickstartResources,
  quickstartTemplate,
  runDeployment,
  serializeWithMocks,
  startLocalLive,
  up,
  type EngineState,
  type LibraryClasses,
  type LocalLive,
  type SerializedProviders,
} from "../harness";

const REPO = path.resolve(__dirname, "../..");
const CALLBACK_KEY = "RepoProviderKey0123456789";

describe("__provider of the library loaded from the repository, in Pulumi's host", function () {
  this.timeout(60_000);
  let live: LocalLive | undefined;
  const serialized: Record<"src" | "dist", SerializedProviders | undefined> = {
    src: undefined,
    dist: undefined,
  };

  const emulator = () => live ?? assert.fail("the emulator did not start");
  const providers = (from: "src" | "dist") =>
    serialized[from] ?? assert.fail(`nothing was serialized from ${from}`);

  before(async function () {
    this.timeout(120_000);
    // The host runs the implementation from dist/ (Node resolves the package name to it).
    await ensureBuilt(REPO);
    live = await startLocalLive();
    // src/ as tsx compiles it (the tests and examples), and dist/ as tsc does.
    serialized.src = await serializeWithMocks(require("../../src") as LibraryClasses);
    serialized.dist = await serializeWithMocks(require("../../dist") as LibraryClasses);
  });

  after(async () => {
    await live?.stop().catch(() => undefined);
  });

  for (const from of ["src", "dist"] as const) {
    it(`serializes the ${from} shim by value: forwarding closures, no implementation, no machine path`, () => {
      for (const [kind, text] of Object.entries(providers(from))) {
        // Not the installed form (a require of the shim module by name)…
        assert.doesNotMatch(text, /require\("pulumi-tencentcloud-live-callbacks\/provider\//);
        // …but closures that load the implementation by name when called.
        assert.match(text, /"pulumi-tencentcloud-live-callbacks\/provider"/);
        assert.match(text, new RegExp(`kind: "${kind}"`));
        // Larger than the installed form, but nothing of the implementation was dragged along.
        assert.ok(Buffer.byteLength(text) <= 4096, `${kind}: ${Buffer.byteLength(text)} bytes`);
        for (const code of ["AbstractClient", "TC3-HMAC", "safeParse", "tencentcloud-sdk-nodejs"]) {
          assert.ok(!text.includes(code), `${kind} __provider contains ${code}`);
        }
        // The same text must work for whoever checks the repository out, wherever.
        assert.ok(!text.includes(REPO), `${kind} __provider records ${REPO}`);
      }
    });
  }

  it("runs up, an up with nothing to do, and destroy through the host started at the repository root", async () => {
    const state: EngineState = new Map();
    const program = {
      providers: providers("src"),
      resources: quickstartResources(quickstartTemplate(CALLBACK_KEY)),
    };
    const config = emulator().stackConfig;
    const first = await runDeployment(REPO, config, (host) => up(host, state, program));
    assert.deepEqual(
      first.result.map((s) => s.op),
      ["create", "create", "create"],
    );
    const { templates, rules } = await emulator().state();
    assert.equal(templates.length, 1);
    assert.equal(templates[0].CallbackKey, CALLBACK_KEY);
    assert.equal(rules.length, 2);

    // A second deployment (a new host process) diffs against the live account: nothing to do.
    const second = await runDeployment(REPO, config, (host) => up(host, state, program));
    assert.deepEqual(
      second.result.map((s) => [s.op, s.diff?.changes]),
      [
        ["same", "none"],
        ["same", "none"],
        ["same", "none"],
      ],
    );

    await runDeployment(REPO, config, (host) => destroy(host, state));
    const after = await emulator().state();
    assert.deepEqual(
      { templates: after.templates, rules: after.rules },
      { templates: [], rules: [] },
    );
  });

  it("runs the dist-serialized text from a program folder inside the repository", async () => {
    // examples/multi-env has its own Pulumi.yaml; the engine starts the host there.
    const workDir = path.join(REPO, "examples", "multi-env");
    const inputs = { templateName: "bad name!", __provider: providers("dist").template };
    const { result } = await runDeployment(
      REPO,
      emulator().stackConfig,
      async (host) => ({
        check: await host.check(QUICKSTART_URNS.template, {}, inputs),
        read: await host.read("987654", QUICKSTART_URNS.template, inputs),
      }),
      { workDir },
    );
    // Check ran the implementation's schema; Read reached the emulator and found nothing.
    assert.ok(
      result.check.failures.some(
        (f) => f.property === "templateName" && f.reason.includes('"bad name!"'),
      ),
      JSON.stringify(result.check.failures),
    );
    assert.equal(result.read.id, "");
  });

  it("fails with a message that says what to do when run outside the repository", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "live-callbacks-outside-"));
    try {
      const inputs = { templateName: "probe", __provider: providers("src").template };
      const error = await runDeployment(
        REPO,
        emulator().stackConfig,
        (host) => host.check(QUICKSTART_URNS.template, {}, inputs),
        { workDir: outside },
      ).then(
        () => assert.fail("Check succeeded outside the repository"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof HostCallError, String(error));
      assert.match(
        error.message,
        /pulumi-tencentcloud-live-callbacks\/provider cannot be found from .*live-callbacks-outside-.*: install the package in the program's node_modules, or run the program inside the package's own repository with dist\/ built/,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
