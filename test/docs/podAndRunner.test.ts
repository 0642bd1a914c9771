// examples/tke-pod and examples/cvm-runner, exercised against the emulator as far as a machine
// without a cluster or an instance can: each file is parsed here, so that the example and the
// test cannot drift. The pod's environment and projected token file are reproduced from the
// manifest (the token signed by the emulator's OIDC issuer with the manifest's audience), the
// CVM metadata service is the emulator's route (standing in for metadata.tencentyun.com,
// 169.254.0.23), and the deployment each runs goes through Pulumi's dynamic-provider host.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { useHostProject } from "../support/hostProject";
import { startRecordingProxy, type RecordingProxy } from "../support/recordingProxy";
import { emptyHome, runSource, type SourceRun } from "../support/sourceRun";

const { loadAll } = require("js-yaml") as { loadAll: (text: string) => unknown[] };

const EXAMPLES = path.join(__dirname, "../../examples");
const MANIFEST_FILE = path.join(EXAMPLES, "tke-pod/job.yaml");
const UNIT_FILE = path.join(EXAMPLES, "cvm-runner/live-callbacks-deploy.service");

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    template: {
      spec: {
        serviceAccountName: string;
        containers: {
          command: string[];
          args: string[];
          env: EnvVar[];
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: {
          name: string;
          projected?: {
            sources: {
              serviceAccountToken?: { audience: string; expirationSeconds: number; path: string };
            }[];
          };
        }[];
      };
    };
  };
}

/** What the manifest says the pod gets. */
function readManifest() {
  const docs = loadAll(readFileSync(MANIFEST_FILE, "utf8")) as K8sObject[];
  const account = docs.find((d) => d.kind === "ServiceAccount") ?? assert.fail("no ServiceAccount");
  const job = docs.find((d) => d.kind === "Job") ?? assert.fail("no Job");
  const pod = job.spec.template.spec;
  const [container] = pod.containers;
  const env = Object.fromEntries(
    container.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
  );
  const tokenFile =
    env.TKE_WEB_IDENTITY_TOKEN_FILE ?? assert.fail("no TKE_WEB_IDENTITY_TOKEN_FILE");
  // The token file must be the projected service-account token of a mounted volume.
  const mount =
    container.volumeMounts.find((m) => tokenFile.startsWith(`${m.mountPath}/`)) ??
    assert.fail(`no volume is mounted where ${tokenFile} is`);
  const volume = pod.volumes.find((v) => v.name === mount.name) ?? assert.fail("no such volume");
  const projected =
    volume.projected?.sources.find((s) => s.serviceAccountToken)?.serviceAccountToken ??
    assert.fail("the volume holds no projected service-account token");
  assert.equal(path.posix.join(mount.mountPath, projected.path), tokenFile);
  const script = container.args.join("\n");
  const config = Object.fromEntries(
    [...script.matchAll(/^\s*pulumi config set (\S+) (\S+)\s*$/gm)].map((m) => [m[1], m[2]]),
  );
  return { account, job, pod, container, env, projected, tokenFile, script, config };
}

/** The `[Service]` settings of the unit; `Environment` lines as a map. */
function readUnit() {
  const service: Record<string, string> = {};
  const env: Record<string, string> = {};
  let section = "";
  for (const raw of readFileSync(UNIT_FILE, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (section !== "Service") continue;
    const eq = line.indexOf("=");
    const [key, value] = [line.slice(0, eq), line.slice(eq + 1)];
    if (key === "Environment") {
      const inner = value.indexOf("=");
      env[value.slice(0, inner)] = value.slice(inner + 1);
    } else {
      service[key] = value;
    }
  }
  return { service, env };
}

/** Runs `file` with bash; resolves with its exit code and output. */
function bash(file: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn("bash", [file], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const manifest = readManifest();
const unit = readUnit();

describe("examples/tke-pod and examples/cvm-runner against the emulator, through Pulumi's host", function () {
  // Each case starts two host processes; generous for a loaded 2-core machine.
  this.timeout(120_000);
  const suite = useHostProject({
    emulator: {
      sts: {
        cvmRoleName: unit.env.TENCENTCLOUD_CAM_ROLE_NAME,
        oidcProviders: {
          [manifest.env.TKE_PROVIDER_ID]: { audiences: [manifest.projected.audience] },
        },
      },
    },
  });
  let proxy: RecordingProxy;
  let home = "";
  let dir = "";
  before(async () => {
    proxy = await startRecordingProxy(suite.live().emulator.url);
    home = await emptyHome();
    dir = await mkdtemp(path.join(tmpdir(), "live-pod-runner-"));
  });
  after(async () => {
    await proxy?.stop();
    await rm(home, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  /** Asserts the run's Live calls were all signed with credentials `issuedBy` issued for `role`. */
  function assertSignedWithRole(run: SourceRun, issuedBy: string, role: string) {
    assert.equal(run.error, undefined, run.error?.message);
    const issued = new Map(
      suite
        .live()
        .emulator.issuedCredentials()
        .map((c) => [c.secretId, c]),
    );
    const actions = run.liveCalls.map((r) => r.action);
    assert.ok(actions.includes("CreateLiveCallbackTemplate"), actions.join());
    for (const r of run.liveCalls) {
      const c = issued.get(r.secretId) ?? assert.fail(`${r.action} signed with ${r.secretId}`);
      assert.deepEqual([c.issuedBy, c.roleArn, r.token], [issuedBy, role, c.token]);
    }
    for (const [where, text] of run.leakTargets) {
      for (const c of issued.values()) {
        for (const secret of [c.secretId, c.secretKey, c.token]) {
          assert.ok(!text.includes(secret), `${where} holds an issued credential`);
        }
      }
    }
  }

  describe("examples/tke-pod/job.yaml", () => {
    it("runs as its service account with a projected token, sets enablePodOidc before up, and holds no Tencent Cloud key", () => {
      const { account, job, pod, container, script, config } = manifest;
      assert.equal(pod.serviceAccountName, account.metadata.name);
      assert.equal(job.metadata.namespace, account.metadata.namespace);
      assert.deepEqual(
        Object.keys(manifest.env)
          .filter((k) => k.startsWith("TKE_"))
          .sort(),
        ["TKE_PROVIDER_ID", "TKE_REGION", "TKE_ROLE_ARN", "TKE_WEB_IDENTITY_TOKEN_FILE"],
      );
      assert.deepEqual(config, { "tencentcloud:enablePodOidc": "true" });
      const select = script.indexOf("pulumi stack select");
      const set = script.indexOf("pulumi config set tencentcloud:enablePodOidc");
      const up = script.indexOf("pulumi up");
      assert.ok(select >= 0 && select < set && set < up, script);
      assert.match(script, /set -euo pipefail/);
      // The kubelet refuses projected tokens living under ten minutes.
      assert.ok(manifest.projected.expirationSeconds >= 600);
      for (const e of container.env) {
        assert.doesNotMatch(e.name, /^TENCENTCLOUD_(SECRET|SECURITY)/);
        if (e.value === undefined) assert.ok(e.valueFrom?.secretKeyRef, `${e.name}: no value`);
      }
    });

    it("the pod's environment and token file, reproduced from the manifest: Live calls are signed with TKE_ROLE_ARN's temporary credential", async () => {
      const live = suite.live();
      const res = await fetch(`${live.emulator.url}/_emulator/oidc/token`, {
        method: "POST",
        body: JSON.stringify({
          audience: manifest.projected.audience,
          subject: `system:serviceaccount:${manifest.account.metadata.namespace}:${manifest.account.metadata.name}`,
          expiresInSeconds: manifest.projected.expirationSeconds,
        }),
      });
      const { token } = (await res.json()) as { token: string };
      // The projected volume, under a local root: a raw JWT, as the kubelet writes it.
      const tokenFile = path.join(dir, manifest.tokenFile);
      await mkdir(path.dirname(tokenFile), { recursive: true });
      await writeFile(tokenFile, token);
      const run = await runSource(suite, proxy, home, "pod", {
        config: manifest.config,
        env: { ...manifest.env, TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile },
      });
      assertSignedWithRole(run, "AssumeRoleWithWebIdentity", manifest.env.TKE_ROLE_ARN);
      assert.ok(run.stsCalls.every((r) => r.action === "AssumeRoleWithWebIdentity"));
      for (const [where, text] of run.leakTargets) {
        assert.ok(!text.includes(token), `${where} holds the service-account token`);
      }
    });
  });

  describe("examples/cvm-runner", () => {
    const script = path.join(EXAMPLES, "cvm-runner", path.basename(unit.service.ExecStartPre));
    const metadataEnv = () => ({
      PATH: process.env.PATH,
      ...unit.env,
      TENCENTCLOUD_METADATA_ENDPOINT: suite.live().emulator.url,
    });

    it("checks the role before pulumi up with the instance role, from the program's folder, holding no Tencent Cloud key", () => {
      const { service, env } = unit;
      assert.equal(service.Type, "oneshot");
      assert.equal(
        service.ExecStartPre,
        path.posix.join(service.WorkingDirectory, "check-role.sh"),
      );
      assert.match(service.ExecStart, /\/pulumi up --yes .*--stack \$\{PULUMI_STACK\}/);
      assert.ok(env.TENCENTCLOUD_CAM_ROLE_NAME && env.PULUMI_STACK);
      assert.doesNotMatch(readFileSync(UNIT_FILE, "utf8"), /TENCENTCLOUD_SECRET|AKID/);
    });

    it("ExecStartPre passes on an instance with that role, and prints no credential", async () => {
      const ran = await bash(script, metadataEnv());
      assert.equal(ran.code, 0, ran.output);
      assert.match(ran.output, new RegExp(`"${unit.env.TENCENTCLOUD_CAM_ROLE_NAME}"`));
      for (const c of suite.live().emulator.issuedCredentials()) {
        assert.ok(!ran.output.includes(c.secretKey) && !ran.output.includes(c.token));
      }
    });

    it("ExecStartPre fails, naming the role and the variable, when the instance has another role or no metadata answer", async () => {
      const other = await bash(script, { ...metadataEnv(), TENCENTCLOUD_CAM_ROLE_NAME: "other" });
      assert.equal(other.code, 1);
      assert.match(
        other.output,
        new RegExp(
          `role is "${unit.env.TENCENTCLOUD_CAM_ROLE_NAME}", not "other" \\(TENCENTCLOUD_CAM_ROLE_NAME\\)`,
        ),
      );
      proxy.failMetadata(500);
      try {
        const down = await bash(script, {
          ...metadataEnv(),
          TENCENTCLOUD_METADATA_ENDPOINT: proxy.url,
        });
        assert.equal(down.code, 1);
        assert.match(down.output, /no CAM role is bound to this instance, or the metadata service/);
      } finally {
        proxy.failMetadata(0);
      }
    });

    it("the unit's environment, the emulator's metadata route standing in for the instance's: Live calls are signed with the instance role's temporary credential", async () => {
      const run = await runSource(suite, proxy, home, "runner", {
        env: { ...unit.env, TENCENTCLOUD_METADATA_ENDPOINT: proxy.url },
      });
      const role = `qcs::cam::uin/100000000001:roleName/${unit.env.TENCENTCLOUD_CAM_ROLE_NAME}`;
      assertSignedWithRole(run, "CvmMetadata", role);
      assert.ok(run.metadataCalls.length > 0, "the metadata service was not asked");
    });
  });
});
