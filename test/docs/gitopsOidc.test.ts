// examples/gitops/live-callbacks-oidc.yml: valid YAML whose Pulumi jobs may ask for an OIDC token
// and hold no Tencent Cloud key; and its token step, run as a script with bash against a stand-in
// for GitHub's token endpoint (tokens signed by the emulator's OIDC issuer), leaves a token file
// from which the library, with the workflow's variables, signs Live calls as the role.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createLiveClient } from "../../src/api/client";
import { resolveSettings } from "../../src/api/settings";
import { startEmulator, type EmulatorHandle } from "../../src/emulator";

const load = (require("js-yaml") as { load: (text: string) => unknown }).load;

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  if: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, "../../examples/gitops/live-callbacks-oidc.yml");
const ROLE = "qcs::cam::uin/100000000001:roleName/deployer";
const PROVIDER = "github";
const REQUEST_TOKEN = "gh-request-token-for-the-test";

/** The step that fetches the token, in `job`. */
const tokenStep = (job: Job) =>
  job.steps.find((s) => s.run?.includes("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE")) ??
  assert.fail("no step writes the token file");

/** Runs `script` with bash; resolves with its exit code and output. */
function bash(script: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Replaces `${{ vars.X }}` and `${{ github.run_id }}` as the runner would. */
function expand(value: string, vars: Record<string, string>): string {
  return value
    .replace(/\$\{\{\s*vars\.(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? "")
    .replace(/\$\{\{\s*github\.run_id\s*\}\}/g, "4242");
}

describe("examples/gitops OIDC workflow", function () {
  this.timeout(30_000);
  const text = () => readFile(FILE, "utf8");
  let workflow: Workflow;
  before(async () => {
    workflow = load(await text()) as Workflow;
  });

  it("lets only its Pulumi jobs ask for an id token, and holds no Tencent Cloud key", async () => {
    assert.equal(workflow.permissions["id-token"], undefined, "id-token at the workflow level");
    assert.deepEqual(Object.keys(workflow.jobs).sort(), ["preview", "up"]);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      assert.equal(job.permissions?.["id-token"], "write", `${name} cannot ask for a token`);
      const steps = job.steps.map((s) => s.run ?? "");
      const token = job.steps.indexOf(tokenStep(job));
      const pulumi = steps.findIndex((r) => /^pulumi (preview|up)/.test(r));
      assert.ok(token >= 0 && token < pulumi, `${name}: the token is fetched before pulumi runs`);
    }
    // Both jobs run the same step.
    assert.equal(tokenStep(workflow.jobs.preview).run, tokenStep(workflow.jobs.up).run);
    const body = await text();
    assert.doesNotMatch(body, /TENCENTCLOUD_SECRET_(ID|KEY)/);
    assert.doesNotMatch(body, /AKID[0-9A-Za-z]{8,}/);
  });

  describe("its token step against the emulator's OIDC issuer", () => {
    let emulator: EmulatorHandle;
    let github: Server;
    let dir: string;
    const requests: string[] = [];
    before(async () => {
      emulator = await startEmulator({
        sts: { oidcProviders: { [PROVIDER]: { audiences: ["sts.tencentcloudapi.com"] } } },
      });
      dir = await mkdtemp(path.join(tmpdir(), "live-gh-oidc-"));
      // GitHub's token endpoint: a bearer request token, the audience in the query, {value}.
      github = createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        requests.push(url.search);
        if (req.headers.authorization !== `bearer ${REQUEST_TOKEN}`) {
          res.writeHead(401).end();
          return;
        }
        void fetch(`${emulator.url}/_emulator/oidc/token`, {
          method: "POST",
          body: JSON.stringify({
            audience: url.searchParams.get("audience"),
            subject: "repo:acme/live:ref:refs/heads/main",
          }),
        })
          .then((r) => r.json() as Promise<{ token: string }>)
          .then(({ token }) => res.end(JSON.stringify({ count: 1, value: token })));
      });
      await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
    });
    after(async () => {
      await new Promise((resolve) => github.close(resolve));
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it("writes the token to a private file named in GITHUB_ENV, never to the log; the library then signs Live calls as the role", async () => {
      const job = workflow.jobs.up;
      const step = tokenStep(job);
      const githubEnv = path.join(dir, "github_env");
      await writeFile(githubEnv, "");
      const { port } = github.address() as AddressInfo;
      const ran = await bash(step.run!, {
        PATH: process.env.PATH,
        ...step.env,
        RUNNER_TEMP: dir,
        GITHUB_ENV: githubEnv,
        ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      });
      assert.equal(ran.code, 0, ran.output);
      assert.deepEqual(requests, ["?api-version=2.0&audience=sts.tencentcloudapi.com"]);

      const exported = Object.fromEntries(
        (await readFile(githubEnv, "utf8"))
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      const tokenFile = exported.TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE;
      assert.ok(tokenFile, "GITHUB_ENV does not name the token file");
      const token = await readFile(tokenFile, "utf8");
      assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal((await stat(tokenFile)).mode & 0o077, 0, "the token file is readable by others");
      assert.ok(!ran.output.includes(token), "the step printed the token");

      // The pulumi step's environment: the workflow's, with the runner's vars, and the file.
      const vars = { TENCENTCLOUD_ROLE_ARN: ROLE, TENCENTCLOUD_OIDC_PROVIDER_ID: PROVIDER };
      const env: NodeJS.ProcessEnv = { ...exported, TENCENTCLOUD_LIVE_ENDPOINT: emulator.url };
      for (const [k, v] of Object.entries(workflow.env)) {
        if (k.startsWith("TENCENTCLOUD_")) env[k] = expand(v, vars);
      }
      const before = (await (await fetch(`${emulator.url}/_emulator/sts`)).json()) as {
        liveCallsBy: Record<string, number>;
      };
      const client = createLiveClient(resolveSettings(undefined, env));
      assert.deepEqual(await client.describeLiveCallbackTemplates(), []);
      const after = (await (await fetch(`${emulator.url}/_emulator/sts`)).json()) as typeof before;
      assert.equal(
        (after.liveCallsBy.AssumeRoleWithWebIdentity ?? 0) -
          (before.liveCallsBy.AssumeRoleWithWebIdentity ?? 0),
        1,
        "the Live call was not signed with the web identity's credential",
      );
      const issued = emulator.issuedCredentials().filter((c) => c.issuedBy !== "CvmMetadata");
      assert.deepEqual(
        issued.map((c) => c.roleArn),
        [ROLE],
      );
    });
  });
});
