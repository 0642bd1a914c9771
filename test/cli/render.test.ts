// The generated files as text: the program never holds a key, comments cannot be broken out of,
// the secrets script sets exactly the keys when a shell runs it, and the project files parse.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import type { CallBackTemplateInfo } from "../../src/api/models";
import { planImport } from "../../src/cli/import/plan";
import { renderProgram } from "../../src/cli/import/render/program";
import { NODE_SDK_PACKAGE } from "../../src/cli/packageInfo";
import {
  npmName,
  projectNameFor,
  renderPackageJson,
  renderPulumiYaml,
  renderTsconfig,
} from "../../src/cli/import/render/project";
import { renderSecretsScript, shellQuote } from "../../src/cli/import/render/secrets";
import { renderSummary } from "../../src/cli/import/render/summary";

const load = (require("js-yaml") as { load: (text: string) => unknown }).load;
const run = promisify(execFile);

const KEYS = ["ProdKey2024", "BackupKey77"];
const templates: CallBackTemplateInfo[] = [
  {
    TemplateId: 1001,
    TemplateName: "生产环境的直播回调模板",
    Description: "生产环境",
    StreamBeginNotifyUrl: 'https://hooks.example.com/begin?a=1&b="2"',
    RecordExceptionNotifyUrl: "https://hooks.example.com/rex",
    RecordExceptionLevels: ["error"],
    CallbackKey: KEYS[0],
  },
  {
    TemplateId: 1002,
    TemplateName: "backup_hooks",
    StreamEndNotifyUrl: "https://backup.example.com/end",
    CallbackKey: KEYS[1],
  },
  { TemplateId: 1003, TemplateName: "no_key", RecordNotifyUrl: "https://n.example.com/r" },
  // Left out (a space): its name is quoted in a comment, with a line separator in it.
  {
    TemplateId: 1004,
    TemplateName: "bad\u2028name */ x",
    RecordNotifyUrl: "https://b.example.com",
  },
];
const plan = planImport({
  templates,
  rules: [
    { DomainName: "push.example.com", AppName: "live", TemplateId: 1001 },
    { DomainName: "gone.example.com", AppName: "live", TemplateId: 999 },
  ],
});

/** Syntax errors of `code` as a TypeScript module. */
function syntaxErrors(code: string): string[] {
  const out = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("cli: rendering the project", () => {
  const program = renderProgram(plan);

  it("writes a program that parses, reads each key from config as a secret and holds none", () => {
    assert.deepEqual(syntaxErrors(program), []);
    for (const key of KEYS) assert.ok(!program.includes(key), "a key is in the program");
    assert.match(program, /callbackKey: config\.requireSecret\("callbackKey_template1001"\),/);
    assert.match(program, /callbackKey: config\.requireSecret\("callbackKey_backupHooks"\),/);
    // The keyless template has no callbackKey line at all.
    const noKey = program.slice(program.indexOf('new CallbackTemplate("no_key"'));
    assert.doesNotMatch(noKey.slice(0, noKey.indexOf("});")), /callbackKey/);
    assert.equal(program.match(/^ {2}adopt: true,$/gm)?.length, 4);
    assert.match(program, /templateId: template1001\.templateId,/);
    // Values as JSON literals: quotes and Chinese text survive.
    assert.match(
      program,
      /streamBeginNotifyUrl: "https:\/\/hooks\.example\.com\/begin\?a=1&b=\\"2\\"",/,
    );
    assert.match(program, /templateName: "生产环境的直播回调模板",/);
    assert.match(program, /recordExceptionLevels: \["error"\],/);
  });

  it("wraps comments at 100 columns, a Chinese character taking two", () => {
    const comments = program.split("\n").filter((l) => l.startsWith("//"));
    assert.ok(comments.length > 10);
    for (const line of comments) {
      const columns = [...line].reduce((n, ch) => n + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
      assert.ok(columns <= 100, `${columns} columns: ${line}`);
    }
  });

  it("says in a comment per template that recordStatusNotifyUrl must be declared by hand", () => {
    const declarations = program.match(/new CallbackTemplate\(/g)?.length ?? 0;
    const notes = program.match(/recordStatusNotifyUrl\s*(\/\/\s*)?cannot be read back/g)?.length;
    assert.equal(declarations, 3);
    assert.equal(notes, declarations);
  });

  it("turns what was left out into comments that a name cannot break out of", () => {
    assert.match(program, /\/\/ Not imported:/);
    assert.match(
      program,
      /\/\/ - rule gone\.example\.com\/live: its template 999 no longer exists\./,
    );
    assert.match(program, /\/\/ - template 1004 "bad name \*\/ x": templateName may contain only/);
    assert.ok(!program.includes("\u2028"));
    // Every line that is not code is a comment: nothing of a left-out template became code.
    const code = ts.transpileModule(program, {
      compilerOptions: { removeComments: true },
    }).outputText;
    assert.doesNotMatch(code, /bad|gone\.example/);
  });

  it("--target plugin: the plugin's resources from its Node.js SDK, each with the import option, inputs the schema declares, no key", async () => {
    const schema = JSON.parse(
      await readFile(path.join(__dirname, "..", "..", "plugin", "schema.json"), "utf8"),
    ) as {
      language: { nodejs: { packageName: string } };
      resources: Record<string, { inputProperties: Record<string, unknown> }>;
    };
    assert.equal(NODE_SDK_PACKAGE, schema.language.nodejs.packageName);
    const plugin = renderProgram(plan, "plugin");
    assert.deepEqual(syntaxErrors(plugin), []);
    for (const key of KEYS) assert.ok(!plugin.includes(key), "a key is in the program");
    assert.match(
      plugin,
      new RegExp(
        `^import \\{ CallbackTemplate, DomainCallbackBinding \\} from "${NODE_SDK_PACKAGE}";$`,
        "m",
      ),
    );
    assert.doesNotMatch(plugin, /adopt:/);
    assert.deepEqual(
      [...plugin.matchAll(/^\}, \{ import: "([^"]+)" \}\);$/gm)].map((m) => m[1]),
      ["1001", "1002", "1003", "push.example.com/live"],
    );
    // Every input the program sets is one the plugin's resource takes.
    const declarations = [
      ...plugin.matchAll(/new (?:CallbackTemplate|DomainCallbackBinding)\([^]*?\n\}, \{ import/g),
    ].map((m) => m[0]);
    assert.equal(declarations.length, 4);
    for (const d of declarations) {
      const type = /new (\w+)\(/.exec(d)?.[1] ?? "";
      const inputs = schema.resources[`tencentcloud-live:index:${type}`]?.inputProperties;
      assert.ok(inputs, `no resource ${type} in the schema`);
      for (const [, name] of d.matchAll(/^ {2}(\w+):/gm)) {
        assert.ok(name in inputs, `${type} has no input ${name}`);
      }
    }
    assert.match(plugin, /callbackKey: config\.requireSecret\("callbackKey_template1001"\),/);
  });

  it("writes a program for an account with nothing in it", () => {
    const empty = renderProgram(planImport({ templates: [], rules: [] }));
    assert.deepEqual(syntaxErrors(empty), []);
    assert.doesNotMatch(empty, /^import /m);
  });

  it("writes a secrets script that a shell runs to set exactly each key", async () => {
    const script = renderSecretsScript(plan);
    assert.ok(script);
    const dir = await mkdtemp(path.join(os.tmpdir(), "live-import-secrets-"));
    try {
      // A stand-in `pulumi` that records its arguments, one per line.
      const log = path.join(dir, "calls.log");
      const fake = path.join(dir, "pulumi");
      await writeFile(fake, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> "${log}"; done\n`);
      await chmod(fake, 0o755);
      await writeFile(path.join(dir, "set-secrets.sh"), script);
      await run("/bin/sh", ["set-secrets.sh"], {
        cwd: dir,
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      });
      const calls = (await readFile(log, "utf8")).trimEnd().split("\n");
      assert.deepEqual(calls, [
        ...["config", "set", "--secret", "callbackKey_template1001", KEYS[0]],
        ...["config", "set", "--secret", "callbackKey_backupHooks", KEYS[1]],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assert.equal(
      renderSecretsScript(planImport({ templates: [templates[2]], rules: [] })),
      undefined,
    );
  });

  it("quotes any value for sh", async () => {
    for (const value of ["plain", "it's", '$HOME `id` \\ "x"', "a\nb", "'", "", "-n"]) {
      const { stdout } = await run("/bin/sh", ["-c", `printf '%s' ${shellQuote(value)}`]);
      assert.equal(stdout, value);
    }
  });

  it("writes Pulumi.yaml, package.json and tsconfig.json that parse and name the right things", () => {
    const yaml = load(renderPulumiYaml("my-stack", plan)) as {
      name: string;
      runtime: { name: string };
      main: string;
      config: Record<string, { type: string; secret: boolean }>;
    };
    assert.equal(yaml.name, "my-stack");
    assert.equal(yaml.runtime.name, "nodejs");
    assert.equal(yaml.main, "index.ts");
    assert.deepEqual(Object.keys(yaml.config), [
      "callbackKey_template1001",
      "callbackKey_backupHooks",
    ]);
    assert.ok(Object.values(yaml.config).every((c) => c.secret === true && c.type === "string"));

    const info = {
      version: "1.2.3",
      pulumiRange: "^3.216.0",
      typescriptRange: "~5.9.3",
      typesNodeRange: "^20.0.0",
    };
    const manifest = JSON.parse(renderPackageJson("My.Stack", info));
    assert.equal(manifest.name, "my.stack");
    assert.deepEqual(manifest.dependencies, {
      "@pulumi/pulumi": "^3.216.0",
      "pulumi-tencentcloud-live-callbacks": "^1.2.3",
    });
    assert.equal(manifest.devDependencies.typescript, "~5.9.3");
    assert.deepEqual(JSON.parse(renderTsconfig()).files, ["index.ts"]);
  });

  it("derives project names that Pulumi and npm accept", () => {
    assert.equal(projectNameFor("live-stack"), "live-stack");
    assert.equal(projectNameFor("直播 回调"), "live-callbacks");
    assert.equal(projectNameFor("my stack (2)"), "my-stack-2");
    assert.equal(npmName("_Private.Stack"), "private.stack");
  });

  it("summarizes without a key, and lists what was skipped", () => {
    const text = renderSummary(plan, {
      read: { templates: 4, rules: 2 },
      endpoint: "https://live.tencentcloudapi.com",
      folder: "my stack",
      files: ["index.ts", "set-secrets.sh"],
    });
    for (const key of KEYS) assert.ok(!text.includes(key));
    assert.match(
      text,
      /declares 3 templates and 1 binding, each with adopt: true; 1 template and 1 rule skipped/,
    );
    assert.match(text, /set-secrets\.sh \(readable by you only\)/);
    assert.match(text, /rule gone\.example\.com\/live: its template 999 no longer exists/);
    assert.match(text, /cd 'my stack'/);
    assert.match(text, /sh set-secrets\.sh .*2 callback keys/);
    assert.doesNotMatch(text, /not the default/);
    const printed = renderSummary(plan, {
      read: { templates: 4, rules: 2 },
      endpoint: "http://127.0.0.1:9000",
    });
    assert.match(printed, /written nowhere \(--stdout\)/);
    assert.match(printed, /callbackKey_backupHooks/);
    assert.match(printed, /http:\/\/127\.0\.0\.1:9000 is not the default/);
  });
});
