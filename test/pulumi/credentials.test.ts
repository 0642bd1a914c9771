// Temporary credentials through the real CLI, set as a user sets them: `pulumi config set --path
// tencentcloud:assumeRole.roleArn …` (the engine hands a dynamic provider every stack config
// key, a nested object as JSON text) over the static keys, or a web identity whose token is set
// with `--secret --path`. `up` outlasts the credentials' lifetime and renews them; `destroy`
// succeeds; STS calls are counted; no credential is in the state file, `__provider` or output.
import assert from "node:assert/strict";
import { initStack, pulumiOk, stateFileText, type LocalLive } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { bigFleet, fleetStack, type FleetStack } from "../support/fleet";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
/** Lifetime of every issued credential, in seconds: each up lasts several. */
const LIFETIME_SECONDS = 2;
/** Latency of every emulated request (STS included), so that an up spans lifetimes. */
const LATENCY_MS = 150;
const TEMPLATES = 16;

/** What `GET /_emulator/sts` shows. */
interface StsView {
  calls: Record<string, number>;
  issued: Record<string, number>;
  refused: Record<string, number>;
  liveCallsBy: Record<string, number>;
}

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

async function stsView(live: LocalLive): Promise<StsView> {
  return (await (await fetch(`${live.emulator.url}/_emulator/sts`)).json()) as StsView;
}

/** `after - before` of each counter group, leaving out zeros. */
function stsDelta(after: StsView, before: StsView): StsView {
  const d = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([k, v]) => [k, v - (b[k] ?? 0)] as const)
        .filter(([, v]) => v !== 0),
    );
  return {
    calls: d(after.calls, before.calls),
    issued: d(after.issued, before.issued),
    refused: d(after.refused, before.refused),
    liveCallsBy: d(after.liveCallsBy, before.liveCallsBy),
  };
}

describe("real pulumi CLI: assumed role and web identity set with config set --path", function () {
  this.timeout(600_000);
  const suite = useCliSuite();
  afterEach(() => suite.live().emulator.configure({ stsLifetimeSeconds: 0, latencyMs: 0 }));

  const config = (stack: string, args: string[], input?: string) =>
    pulumiOk(suite.cli(), ["config", "set", ...args, "-s", stack], suite.project().dir, { input });

  /**
   * `up` of a fleet of `TEMPLATES` templates with short-lived credentials, then `destroy`.
   * Returns the STS counters' change of each, the state file after the up, and every output.
   */
  async function upAndDestroy(fleet: FleetStack) {
    const live = suite.live();
    await live.emulator.reset();
    await fleet.declare(bigFleet(TEMPLATES, 0));
    live.emulator.configure({ stsLifetimeSeconds: LIFETIME_SECONDS, latencyMs: LATENCY_MS });
    const before = await stsView(live);
    // One step at a time, so that the up's calls span several lifetimes on any machine.
    const upRun = await fleet.ok("up", { options: { parallel: 1 } });
    const afterUp = await stsView(live);
    const created = await live.state();
    const stateAfterUp = await stateFileText(suite.cli(), fleet.stack);
    const destroyRun = await fleet.ok("destroy");
    const afterDestroy = await stsView(live);
    live.emulator.configure({ stsLifetimeSeconds: 0, latencyMs: 0 });
    const exported = await pulumiOk(
      suite.cli(),
      ["stack", "export", "-s", fleet.stack],
      suite.project().dir,
    );
    return {
      up: stsDelta(afterUp, before),
      upMs: upRun.ms,
      destroy: stsDelta(afterDestroy, afterUp),
      created,
      after: await live.state(),
      stateAfterUp,
      texts: [
        ["state file after up", stateAfterUp],
        ["state file after destroy", await stateFileText(suite.cli(), fleet.stack)],
        ["stack export", exported.stdout],
        ["up's output", upRun.stdout + upRun.stderr],
        ["destroy's output", destroyRun.stdout + destroyRun.stderr],
      ] as const,
    };
  }

  /** The claims both tests make about a run whose credentials `issuer` issued. */
  function assertRenewedInFlight(run: Awaited<ReturnType<typeof upAndDestroy>>, issuer: string) {
    console.log(
      `      up (${run.upMs} ms): STS ${JSON.stringify(run.up.calls)}, Live ${JSON.stringify(run.up.liveCallsBy)}`,
    );
    assert.equal(run.created.templates.length, TEMPLATES);
    assert.equal(run.after.templates.length, 0, "destroy left templates");
    // One up (one provider process: the Automation API's up skips the preview) outlasts several
    // credentials: the first, then at least two renewals during it; no request was refused.
    assert.ok((run.up.calls[issuer] ?? 0) >= 3, JSON.stringify(run.up));
    for (const d of [run.up, run.destroy]) {
      assert.deepEqual(Object.keys(d.issued), [issuer], JSON.stringify(d));
      assert.deepEqual(d.refused, {}, "a request was refused");
      // Every Live call signed with a temporary credential, never with the static keys.
      assert.deepEqual(Object.keys(d.liveCallsBy), [issuer], JSON.stringify(d));
    }
    assert.equal(run.created.calls.CreateLiveCallbackTemplate, TEMPLATES);
  }

  /** No configured secret nor any issued credential in any of the run's texts. */
  function assertNoCredential(
    run: Awaited<ReturnType<typeof upAndDestroy>>,
    secrets: Record<string, string>,
  ) {
    const issued = suite.live().emulator.issuedCredentials();
    const values: [string, string][] = [
      ...Object.entries(secrets),
      ...issued.flatMap((c): [string, string][] => [
        [`the SecretId ${c.issuedBy} issued`, c.secretId],
        [`a SecretKey ${c.issuedBy} issued`, c.secretKey],
        [`a token ${c.issuedBy} issued`, c.token],
      ]),
    ];
    for (const [where, text] of run.texts) {
      for (const [what, value] of values) {
        assert.ok(!text.includes(value), `${where} holds ${what}`);
      }
    }
  }

  /** The stored `__provider` of the fleet's templates: exactly what the library serialized. */
  function assertProviderAsSerialized(stateFile: string) {
    const resources = JSON.parse(stateFile).checkpoint.latest.resources as StateResource[];
    const templates = resources.filter((r) => r.type.endsWith(":CallbackTemplate"));
    assert.equal(templates.length, TEMPLATES);
    for (const t of templates) {
      assert.equal(t.inputs?.__provider, suite.project().providers.template, t.urn);
      assert.equal(t.outputs?.__provider, suite.project().providers.template, t.urn);
    }
    return resources;
  }

  it("assumeRole.roleArn and .sessionName set with --path over the static keys: up renews in flight, destroy succeeds, no credential stored", async () => {
    const live = suite.live();
    const dir = suite.project().dir;
    await initStack(suite.cli(), dir, "assumed", live);
    await config("assumed", ["--path", "tencentcloud:assumeRole.roleArn", ROLE]);
    await config("assumed", ["--path", "tencentcloud:assumeRole.sessionName", "pulumi-cli"]);
    const fleet = await fleetStack(suite, "assumed");

    const run = await upAndDestroy(fleet);
    assertRenewedInFlight(run, "AssumeRole");
    assertNoCredential(run, {
      "the static SecretId": live.emulator.credentials.secretId,
      "the static SecretKey": live.emulator.credentials.secretKey,
    });
    const resources = assertProviderAsSerialized(run.stateAfterUp);
    // What the engine handed the provider: the default provider's inputs are its Configure
    // arguments; the nested object is JSON text, the static keys secret.
    const provider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
    assert.ok(provider?.inputs, "no default pulumi-nodejs provider in the state");
    assert.deepEqual(JSON.parse(String(provider.inputs["tencentcloud:assumeRole"])), {
      roleArn: ROLE,
      sessionName: "pulumi-cli",
    });
    for (const key of ["tencentcloud:secretId", "tencentcloud:secretKey"]) {
      const stored = provider.inputs[key] as Record<string, unknown>;
      assert.equal(typeof stored?.ciphertext, "string", `${key} is not stored as a secret`);
    }
  });

  it("assumeRoleWithWebIdentity with its token set by --secret --path (no static keys): up renews in flight, destroy succeeds, the token only as ciphertext", async () => {
    const live = suite.live();
    const dir = suite.project().dir;
    const cli = suite.cli();
    await pulumiOk(cli, ["stack", "init", "federated", "--non-interactive"], dir);
    await config("federated", ["tencentcloud-live:endpoint", live.emulator.url]);
    const res = await fetch(`${live.emulator.url}/_emulator/oidc/token`, {
      method: "POST",
      body: JSON.stringify({ audience: "sts.tencentcloudapi.com", expiresInSeconds: 900 }),
    });
    const { token } = (await res.json()) as { token: string };
    const web = "tencentcloud:assumeRoleWithWebIdentity";
    await config("federated", ["--path", `${web}.roleArn`, ROLE]);
    await config("federated", ["--path", `${web}.sessionName`, "github-actions"]);
    await config("federated", ["--secret", "--path", `${web}.webIdentityToken`], token);
    const fleet = await fleetStack(suite, "federated");

    const run = await upAndDestroy(fleet);
    assertRenewedInFlight(run, "AssumeRoleWithWebIdentity");
    assertNoCredential(run, { "the web identity token": token });
    const resources = assertProviderAsSerialized(run.stateAfterUp);
    // An object holding a secret is stored whole as a secret.
    const provider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
    const stored = provider?.inputs?.[web] as Record<string, unknown> | undefined;
    assert.equal(typeof stored?.ciphertext, "string", `${web} is not stored as a secret`);
  });
});
