// Temporary credentials through Pulumi's dynamic-provider host (packed library, emulator): an
// assumed role and a web identity from a token file, each configured as the engine hands stack
// config to the provider (nested objects as JSON text, secrets wrapped), over deployments longer
// than the credentials' lifetime. Every Live call is signed with a temporary credential, they
// are renewed in flight, none is refused, and no credential reaches the state, __provider or
// the host's output.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  destroy,
  resourceUrn,
  runDeployment,
  up,
  type DeclaredResource,
  type EngineState,
  type HostLine,
  type LocalLive,
  type ProviderHost,
  type StepRecord,
} from "../harness";
import { useHostProject } from "../support/hostProject";

const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
/** Lifetime of every issued credential, in seconds: the deployments below last several. */
const LIFETIME_SECONDS = 2;
/** Templates each deployment makes or deletes, each in one or more calls (with latency). */
const TEMPLATES = 16;

/** What `GET /_emulator/sts` shows. */
interface StsView {
  calls: Record<string, number>;
  issued: Record<string, number>;
  refused: Record<string, number>;
  liveCallsBy: Record<string, number>;
}

async function stsView(live: LocalLive): Promise<StsView> {
  const res = await fetch(`${live.emulator.url}/_emulator/sts`);
  assert.equal(res.status, 200);
  return (await res.json()) as StsView;
}

/** `after - before`, per key, leaving out zeros. */
function delta(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v - (before[k] ?? 0) !== 0) out[k] = v - (before[k] ?? 0);
  }
  return out;
}

const sum = (counts: Record<string, number | undefined> | (number | undefined)[]) =>
  Object.values(counts).reduce<number>((a: number, b) => a + (b ?? 0), 0);

/** `TEMPLATES` independent templates, so that a deployment makes many calls in a row. */
function manyTemplates(prefix: string): DeclaredResource[] {
  return Array.from({ length: TEMPLATES }, (_, i) => ({
    urn: resourceUrn("template", `${prefix}-${i}`),
    kind: "template" as const,
    inputs: {
      templateName: `${prefix}_${i}`,
      streamBeginNotifyUrl: `https://hooks.example.com/${prefix}/${i}/begin`,
    },
  }));
}

describe("temporary credentials through Pulumi's dynamic-provider host (packed library, emulator)", function () {
  this.timeout(120_000);
  const suite = useHostProject();
  let tokenDir = "";
  before(async () => {
    tokenDir = await mkdtemp(path.join(tmpdir(), "live-oidc-"));
  });
  after(async () => {
    suite.live().emulator.configure({ stsLifetimeSeconds: 0, latencyMs: 0 });
    await rm(tokenDir, { recursive: true, force: true });
  });

  /** What one deployment did: how long its calls took, and the STS counters' change. */
  interface Deployment {
    ms: number;
    sts: StsView;
  }

  /**
   * One `up` of `TEMPLATES` templates then a `destroy`, each its own host process (as the
   * engine runs them), with `config` (secret keys wrapped as the engine wraps secret config)
   * and `latencyMs` on every emulated request. Returns each deployment's duration and STS
   * counters, the Live calls made, and everything a credential must not reach.
   */
  async function deployAndDestroy(
    prefix: string,
    config: Record<string, string>,
    options: { secretKeys?: string[]; parallelism?: number; latencyMs: number },
  ) {
    const live = suite.live();
    await live.emulator.reset();
    live.emulator.configure({ stsLifetimeSeconds: LIFETIME_SECONDS, latencyMs: options.latencyMs });
    const state: EngineState = new Map();
    const lines: HostLine[] = [];
    const steps: StepRecord[] = [];
    const deployments: Deployment[] = [];
    /** Runs `fn` in a new host and records how long it took and what STS saw meanwhile. */
    const deploy = async (fn: (host: ProviderHost) => Promise<StepRecord[]>) => {
      const before = await stsView(live);
      let ms = 0;
      const run = await runDeployment(
        suite.project().dir,
        config,
        async (host) => {
          const started = Date.now();
          const result = await fn(host);
          ms = Date.now() - started;
          return result;
        },
        { secretKeys: options.secretKeys },
      );
      const after = await stsView(live);
      lines.push(...run.lines);
      steps.push(...run.result);
      deployments.push({
        ms,
        sts: {
          calls: delta(after.calls, before.calls),
          issued: delta(after.issued, before.issued),
          refused: delta(after.refused, before.refused),
          liveCallsBy: delta(after.liveCallsBy, before.liveCallsBy),
        },
      });
    };
    try {
      const program = { providers: suite.project().providers, resources: manyTemplates(prefix) };
      await deploy((host) => up(host, state, program, { parallelism: options.parallelism }));
      assert.equal((await live.state()).templates.length, TEMPLATES, "templates after up");
      await deploy((host) => destroy(host, state));
    } finally {
      live.emulator.configure({ stsLifetimeSeconds: 0, latencyMs: 0 });
    }
    const snapshot = await live.state();
    for (const [i, d] of deployments.entries()) {
      console.log(
        `      ${["up", "destroy"][i]}: ${d.ms} ms of calls over ${LIFETIME_SECONDS} s credentials; STS ${JSON.stringify(d.sts.calls)}; Live calls ${JSON.stringify(d.sts.liveCallsBy)}`,
      );
    }
    return {
      deployments,
      liveCalls: snapshot.calls,
      remaining: snapshot.templates.length,
      // Where no credential may be: the engine's state, the stored __provider, the host's output.
      leakTargets: [
        ["state", JSON.stringify([...state.values()])],
        ["steps' outputs", JSON.stringify(steps.map((s) => s.outputs ?? {}))],
        ["__provider", JSON.stringify(suite.project().providers)],
        ["host output", lines.map((l) => l.text).join("\n")],
      ] as const,
    };
  }

  /**
   * The claims of both tests: `up` outlasted the credential and renewed it in its own process;
   * every Live call of both deployments was signed with a credential `issuer` issued, none was
   * refused (not even one renewed and resent), and the templates were made and deleted.
   */
  function assertRenewedInFlight(
    run: Awaited<ReturnType<typeof deployAndDestroy>>,
    issuer: "AssumeRole" | "AssumeRoleWithWebIdentity",
  ) {
    const [upRun] = run.deployments;
    // The premise: the up's calls took longer than one credential lives.
    assert.ok(upRun.ms > LIFETIME_SECONDS * 1000, `up took ${upRun.ms} ms: too short`);
    // The first credential, then at least one renewal, within the one up process.
    assert.ok((upRun.sts.calls[issuer] ?? 0) >= 2, JSON.stringify(upRun.sts));
    for (const d of run.deployments) {
      assert.deepEqual(Object.keys(d.sts.issued), [issuer], JSON.stringify(d.sts));
      assert.deepEqual(d.sts.refused, {}, "a request was refused");
    }
    assert.equal(run.liveCalls.CreateLiveCallbackTemplate, TEMPLATES);
    assert.equal(run.liveCalls.DeleteLiveCallbackTemplate, TEMPLATES);
    assert.equal(run.remaining, 0);
    // Every Live call was signed with a temporary credential, none with anything else.
    const signed = run.deployments.map((d) => d.sts.liveCallsBy);
    assert.deepEqual(
      signed.map((by) => Object.keys(by)),
      [[issuer], [issuer]],
    );
    assert.equal(sum(signed.map((by) => by[issuer])), sum(run.liveCalls));
  }

  /** Asserts no value in `secrets` (nor any issued credential) is in any of `targets`. */
  function assertNoCredential(
    targets: readonly (readonly [string, string])[],
    secrets: readonly string[],
  ) {
    const issued = suite.live().emulator.issuedCredentials();
    assert.ok(issued.length > 0, "no temporary credential was issued");
    const values: [string, string][] = [
      ...secrets.map((v, i): [string, string] => [`configured secret #${i + 1}`, v]),
      ...issued.flatMap((c): [string, string][] => [
        [`the SecretId ${c.issuedBy} issued`, c.secretId],
        [`a SecretKey ${c.issuedBy} issued`, c.secretKey],
        [`a token ${c.issuedBy} issued`, c.token],
      ]),
    ];
    for (const [where, text] of targets) {
      for (const [what, value] of values) {
        assert.ok(!text.includes(value), `${where} holds ${what}`);
      }
    }
  }

  it("assumeRole (JSON config, static keys as secrets): a deployment longer than the credential's lifetime renews it in flight; every Live call signed with it, none refused", async () => {
    const live = suite.live();
    const config = {
      ...live.stackConfig,
      "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionName: "pulumi-up" }),
    };
    const run = await deployAndDestroy("assumed", config, {
      secretKeys: ["tencentcloud:secretId", "tencentcloud:secretKey"],
      latencyMs: 150,
    });
    assertRenewedInFlight(run, "AssumeRole");
    assertNoCredential(run.leakTargets, [
      live.emulator.credentials.secretId,
      live.emulator.credentials.secretKey,
    ]);
  });

  it("web identity from a token file the OIDC issuer signed (no static keys), 3 steps in flight: renewed in flight, every Live call signed with it, none refused", async () => {
    const live = suite.live();
    const res = await fetch(`${live.emulator.url}/_emulator/oidc/token`, {
      method: "POST",
      body: JSON.stringify({ audience: "sts.tencentcloudapi.com", expiresInSeconds: 600 }),
    });
    const { token } = (await res.json()) as { token: string };
    const tokenFile = path.join(tokenDir, "token.json");
    // Terraform's token file form.
    await writeFile(tokenFile, JSON.stringify({ web_identity_token: token }));
    const config = {
      "tencentcloud-live:endpoint": live.stackConfig["tencentcloud-live:endpoint"],
      "tencentcloud:assumeRoleWithWebIdentity": JSON.stringify({
        roleArn: ROLE,
        sessionName: "github-actions",
        webIdentityTokenFile: tokenFile,
      }),
    };
    const run = await deployAndDestroy("federated", config, { parallelism: 3, latencyMs: 300 });
    assertRenewedInFlight(run, "AssumeRoleWithWebIdentity");
    assertNoCredential(run.leakTargets, [token]);
  });
});
