// examples/gitops/live-callbacks.yml is copied into users' repositories: it must be valid YAML
// and do the three GitOps jobs with every credential from the CI's secret store. Parsed with
// js-yaml, which is already installed (through eslint); no dependency is added for this test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const load = (require("js-yaml") as { load: (text: string) => unknown }).load;

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if: string;
  steps: Step[];
  environment?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, "../../examples/gitops/live-callbacks.yml");
const TEXT = readFileSync(FILE, "utf8");

/** The text of every `run` step of a job, joined. */
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

describe("examples/gitops workflow", () => {
  const workflow = load(TEXT) as Workflow;

  it("is valid YAML with the three triggers and the three jobs", () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), [
      "pull_request",
      "push",
      "schedule",
      "workflow_dispatch",
    ]);
    assert.deepEqual(Object.keys(workflow.jobs).sort(), ["drift", "preview", "up"]);
  });

  it("previews pull requests, gates on drift on schedule, and applies main on push", () => {
    const { preview, drift, up } = workflow.jobs;
    assert.match(preview.if, /pull_request/);
    const previewStep = preview.steps.find((s) => s.with?.command === "preview");
    assert.ok(previewStep, "the preview job runs pulumi preview");
    assert.match(drift.if, /schedule/);
    assert.match(runs(drift), /pulumi preview .*--expect-no-changes/);
    assert.match(up.if, /push/);
    assert.match(up.if, /refs\/heads\/main/);
    assert.match(runs(up), /pulumi up .*--yes/);
  });

  it("takes the credentials and the callback key from the secret store only", () => {
    for (const name of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]) {
      assert.equal(workflow.env[name], `\${{ secrets.${name} }}`);
    }
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const keyStep = job.steps.find((s) => s.run?.includes("callbackKey"));
      assert.ok(keyStep, `${name} sets the callback key`);
      assert.match(keyStep.run!, /pulumi config set --secret/);
      assert.equal(keyStep.env?.CALLBACK_KEY, "${{ secrets.CALLBACK_KEY }}");
    }
    // No value that looks like a credential is written in the file itself.
    assert.doesNotMatch(TEXT, /AKID[0-9A-Za-z]{8,}/);
  });
});
