// `import` run in-process against the emulator holding a console-made account: what it reads,
// what it prints and writes, and how each failure is reported (exit status, message, nothing
// left behind, no key anywhere but the secrets file).
import { writeCount } from "../support/writes";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { resolveSettings } from "../../src/api/settings";
import { IMPORT_USAGE } from "../../src/cli/args";
import { runCli } from "../../src/cli/main";
import { NODE_SDK_PACKAGE } from "../../src/cli/packageInfo";
import {
  CONSOLE_KEYS,
  CONSOLE_RULES,
  CONSOLE_TEMPLATES,
  startConsoleAccount,
  type ConsoleAccount,
} from "./consoleAccount";

const load = (require("js-yaml") as { load: (text: string) => unknown }).load;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every file under `dir` with its text. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir)) out[name] = await readFile(path.join(dir, name), "utf8");
  return out;
}

describe("cli: tencentcloud-live-callbacks import, in-process against the emulator", function () {
  this.timeout(30_000);
  let account: ConsoleAccount;
  let work: string;

  async function cli(argv: string[], env: Record<string, string> = account.env): Promise<Ran> {
    let stdout = "";
    let stderr = "";
    const code = await runCli(argv, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env,
      cwd: work,
    });
    for (const key of CONSOLE_KEYS) {
      assert.ok(!stdout.includes(key) && !stderr.includes(key), `a callback key was printed`);
    }
    return { code, stdout, stderr };
  }

  before(async () => {
    account = await startConsoleAccount();
  });
  after(() => account?.stop());
  beforeEach(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "live-import-cli-"));
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it("--out writes the project, keys only in the owner-only secrets file, after two reads and no write", async () => {
    const before = await account.live.state();
    const ran = await cli(["import", "--out", "stack", "--project", "live-prod"]);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stderr, "");
    const after = await account.live.state();
    assert.equal(writeCount(after), writeCount(before));
    for (const action of ["DescribeLiveCallbackTemplates", "DescribeLiveCallbackRules"] as const) {
      assert.equal((after.calls[action] ?? 0) - (before.calls[action] ?? 0), 1, action);
    }

    const dir = path.join(work, "stack");
    const files = await filesIn(dir);
    assert.deepEqual(Object.keys(files).sort(), [
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "set-secrets.sh",
      "tsconfig.json",
    ]);
    assert.equal((await stat(path.join(dir, "set-secrets.sh"))).mode & 0o777, 0o600);
    for (const [name, text] of Object.entries(files)) {
      for (const key of CONSOLE_KEYS) {
        assert.equal(text.includes(key), name === "set-secrets.sh", `${name} and ${key}`);
      }
    }
    assert.match(files["Pulumi.yaml"], /^name: live-prod$/m);
    assert.equal(JSON.parse(files["package.json"]).name, "live-prod");
    assert.equal(files["index.ts"].match(/new CallbackTemplate\(/g)?.length, 4);
    assert.equal(
      files["index.ts"].match(/new DomainCallbackBinding\(/g)?.length,
      CONSOLE_RULES.length,
    );
    assert.match(
      files["index.ts"],
      /\/\/ - rule gone\.example\.com\/live: its template 999 no longer exists\./,
    );

    // The summary: counts, what was skipped, the next steps.
    assert.match(
      ran.stdout,
      /^Read 4 templates and 7 rules from http:\/\/127\.0\.0\.1:\d+ \(nothing was changed there\)\./,
    );
    assert.match(
      ran.stdout,
      /declares 4 templates and 6 bindings, each with adopt: true; 0 templates and 1 rule skipped\./,
    );
    assert.match(ran.stdout, /rule gone\.example\.com\/live: its template 999 no longer exists/);
    assert.match(ran.stdout, /^ {2}cd stack$/m);
    assert.match(
      ran.stdout,
      /^ {2}sh set-secrets\.sh +# sets the 3 callback keys as secrets of the stack$/m,
    );
    assert.match(ran.stdout, /^ {2}rm set-secrets\.sh/m);
    assert.match(ran.stdout, /^ {2}pulumi up/m);
  });

  it("--stdout prints only the program, and the summary on stderr", async () => {
    const ran = await cli(["import", "--stdout"]);
    assert.equal(ran.code, 0, ran.stderr);
    const out = ts.transpileModule(ran.stdout, { reportDiagnostics: true, compilerOptions: {} });
    assert.deepEqual(out.diagnostics, []);
    assert.match(ran.stdout, /^\/\/ Tencent Cloud Live callback templates/);
    assert.match(
      ran.stdout,
      /\}\);\n\n\/\/ Not imported:\n\/\/ - rule gone\.example\.com\/live: .*\n$/,
    );
    assert.match(ran.stderr, /declares 4 templates and 6 bindings/);
    assert.match(ran.stderr, /The callback keys were written nowhere \(--stdout\)/);
    assert.match(ran.stderr, /callbackKey_template\d+ +\(template \d+ "生产直播回调"\)/);
    assert.deepEqual(await readdir(work), [], "nothing written");
  });

  // What --out --target plugin writes for each language: the program's file (a YAML program is
  // Pulumi.yaml), the runtime, the plugin as a package, the dependency file, the secrets file.
  const pluginProjects = {
    typescript: { runtime: "nodejs", program: "index.ts", own: ["tsconfig.json"] },
    python: { runtime: "python", program: "__main__.py", own: ["requirements.txt"] },
    go: { runtime: "go", program: "main.go", own: ["go.mod"] },
    yaml: { runtime: "yaml", program: "Pulumi.yaml", own: [] },
  } as const;
  for (const [language, expected] of Object.entries(pluginProjects)) {
    it(`--out --target plugin --language ${language} writes the ${language} project on the plugin, keys only in the secrets file`, async () => {
      const before = await account.live.state();
      const ran = await cli([
        "import",
        ...["--out", "stack", "--target", "plugin", "--language", language],
      ]);
      assert.equal(ran.code, 0, ran.stderr);
      assert.equal(writeCount(await account.live.state()), writeCount(before));
      const dir = path.join(work, "stack");
      const files = await filesIn(dir);
      assert.deepEqual(
        Object.keys(files).sort(),
        [
          ...new Set(["Pulumi.yaml", "package.json", "set-secrets.sh", expected.program]),
          ...expected.own,
        ].sort(),
      );
      assert.equal((await stat(path.join(dir, "set-secrets.sh"))).mode & 0o777, 0o600);
      for (const [name, text] of Object.entries(files)) {
        for (const key of CONSOLE_KEYS) {
          assert.equal(text.includes(key), name === "set-secrets.sh", `${name} and ${key}`);
        }
      }
      const project = load(files["Pulumi.yaml"]) as {
        name: string;
        runtime: string | { name: string };
        packages: Record<string, string>;
        config: Record<string, { secret: boolean }>;
      };
      assert.equal(project.name, "stack");
      const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime.name;
      assert.equal(runtime, expected.runtime);
      assert.deepEqual(project.packages, {
        "tencentcloud-live": "./node_modules/pulumi-tencentcloud-live-callbacks/plugin",
      });
      // The secrets file sets exactly the config keys Pulumi.yaml declares as secrets.
      const set = [...files["set-secrets.sh"].matchAll(/--secret (\S+) /g)].map((m) => m[1]);
      assert.deepEqual(Object.keys(project.config), set);
      assert.ok(Object.values(project.config).every((c) => c.secret === true));
      for (const configKey of set) assert.ok(files[expected.program].includes(configKey));
      // One import id per declaration: four templates, six bindings.
      const ids = files[expected.program].match(/import_?[:=(]|pulumi\.Import\(/g) ?? [];
      assert.equal(ids.length, 10, files[expected.program]);
      // The npm package holds the plugin; a TypeScript program also needs the Node.js SDK.
      const dependencies = Object.keys(JSON.parse(files["package.json"]).dependencies).sort();
      assert.deepEqual(dependencies, [
        "@pulumi/pulumi",
        ...(language === "typescript" ? [NODE_SDK_PACKAGE] : []),
        "pulumi-tencentcloud-live-callbacks",
      ]);
      assert.match(ran.stdout, /each with the import option/);
      assert.match(
        ran.stdout,
        new RegExp(`Skipped \\(each is a comment in ${expected.program.replace(".", "\\.")}\\)`),
      );
      assert.match(ran.stdout, /tencentcloud-live:secretId/);
    });
  }

  it("--stdout --target plugin prints only the program in each language: a YAML program's sections, no project header", async () => {
    for (const [language, first] of [
      ["python", /^import pulumi$/m],
      ["go", /^package main$/m],
      ["yaml", /^config:$/m],
    ] as const) {
      const ran = await cli(["import", "--stdout", "--target", "plugin", "--language", language]);
      assert.equal(ran.code, 0, ran.stderr);
      assert.match(ran.stdout, first);
      assert.doesNotMatch(ran.stdout, /^(name|runtime|packages):/m);
      assert.match(ran.stderr, /each with the import option/);
    }
    const yaml = await cli(["import", "--stdout", "--target", "plugin", "--language", "yaml"]);
    const doc = load(yaml.stdout) as { resources: Record<string, unknown> };
    assert.equal(Object.keys(doc.resources).length, 10);
    assert.deepEqual(await readdir(work), [], "nothing written");
  });

  it("--domain limits the program to that domain's rules and the templates they use", async () => {
    const ran = await cli([
      "import",
      "--stdout",
      "--domain",
      "PUSH.example.com",
      "--domain",
      "audit.example.com",
    ]);
    assert.equal(ran.code, 0, ran.stderr);
    const names = [...ran.stdout.matchAll(/templateName: "([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(names, [
      CONSOLE_TEMPLATES.production.TemplateName,
      CONSOLE_TEMPLATES.audit.TemplateName,
    ]);
    const bindings = [
      ...ran.stdout.matchAll(/domainName: "([^"]+)",\n {2}appName: "([^"]+)"/g),
    ].map((m) => `${m[1]}/${m[2]}`);
    assert.deepEqual(bindings, [
      "audit.example.com/live",
      "push.example.com/game",
      "push.example.com/live",
    ]);
    assert.doesNotMatch(ran.stdout, /gone\.example\.com/);
  });

  it("refuses a folder that is not empty before reading anything (exit 2); --force writes into it", async () => {
    const dir = path.join(work, "stack");
    await mkdir(dir);
    await writeFile(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
    const before = await account.live.state();
    const refused = await cli(["import", "--out", "stack"]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /^tencentcloud-live-callbacks: --out .*stack is a folder that is not empty\..*--force/,
    );
    assert.deepEqual((await account.live.state()).calls, before.calls, "no API call");
    assert.deepEqual(await readdir(dir), ["Pulumi.dev.yaml"]);

    const forced = await cli(["import", "--out", "stack", "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual((await readdir(dir)).sort(), [
      "Pulumi.dev.yaml",
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "set-secrets.sh",
      "tsconfig.json",
    ]);
    assert.match(await readFile(path.join(dir, "Pulumi.yaml"), "utf8"), /^name: stack$/m);
  });

  it("without credentials, fails with the provider's error (exit 1) and writes nothing", async () => {
    const env = { TENCENTCLOUD_LIVE_ENDPOINT: account.env.TENCENTCLOUD_LIVE_ENDPOINT };
    const ran = await cli(["import", "--out", "stack"], env);
    const expected = (() => {
      try {
        resolveSettings(undefined, env);
      } catch (e) {
        return (e as Error).message;
      }
      assert.fail("resolveSettings accepted missing credentials");
    })();
    assert.equal(ran.code, 1);
    assert.equal(ran.stderr, `Importing the account: ${expected}\n`);
    assert.equal(ran.stdout, "");
    assert.deepEqual(await readdir(work), []);
  });

  it("refuses plain http:// to a host off this machine, as the provider does", async () => {
    const ran = await cli(["import", "--stdout"], {
      ...account.env,
      TENCENTCLOUD_LIVE_ENDPOINT: "http://live.example.com",
    });
    assert.equal(ran.code, 1);
    assert.match(
      ran.stderr,
      /^Importing the account: env TENCENTCLOUD_LIVE_ENDPOINT uses plain http:\/\/ to live\.example\.com/,
    );
  });

  it("reports an API failure with its code and RequestId (exit 1) and leaves no partial project", async () => {
    account.live.emulator.injectFaults({
      action: "DescribeLiveCallbackRules",
      times: 1,
      error: { code: "ResourceNotFound.FreezeService", message: "the service is frozen" },
    });
    const ran = await cli(["import", "--out", path.join("deep", "stack")]);
    assert.equal(ran.code, 1);
    assert.match(
      ran.stderr,
      /^Importing the account: DescribeLiveCallbackRules failed: \[ResourceNotFound\.FreezeService\] the service is frozen \(RequestId [\w-]+\) The Live \(CSS\) service is not active for this account\.\n$/,
    );
    assert.equal(ran.stdout, "");
    assert.deepEqual(await readdir(work), [], "no folder, no parent, no staging");
  });

  it("answers a wrong command line with the usage on stderr and exit 2, --help on stdout", async () => {
    const ran = await cli(["import", "--out", "x", "--colour"]);
    assert.equal(ran.code, 2);
    assert.equal(ran.stdout, "");
    assert.equal(
      ran.stderr,
      `tencentcloud-live-callbacks: Unknown option '--colour'.\n\n${IMPORT_USAGE}`,
    );
    const help = await cli(["import", "--help"]);
    assert.deepEqual(help, { code: 0, stdout: IMPORT_USAGE, stderr: "" });
  });
});
