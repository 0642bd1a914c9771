// The plugin programs in Python, Go and YAML, read back by each language's own parser: every
// value as the API returned it (quotes, backslashes, `$`, `${`, controls, Chinese; YAML strings
// that look like numbers, booleans or null), the import id of each object, each key read from
// secret config and never written, and what was left out only in comments.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { CallBackTemplateInfo } from "../../src/api/models";
import { planImport, type ImportPlan } from "../../src/cli/import/plan";
import {
  GO_PULUMI_SDK_VERSION,
  GO_VERSION,
  goModuleName,
  PYTHON_PULUMI_REQUIREMENT,
  renderGoMod,
  renderRequirements,
} from "../../src/cli/import/render/dependencies";
import { GO_SDK_IMPORT, GO_SDK_MODULE, renderGo } from "../../src/cli/import/render/go";
import { PYTHON_SDK_MODULE, renderPython } from "../../src/cli/import/render/python";
import { quoted } from "../../src/cli/import/render/strings";
import { renderYamlProgram, yamlString } from "../../src/cli/import/render/yaml";
import { GO_SDK_MODULE as SDK_GEN_GO_MODULE } from "../../scripts/plugin/sdkGen";
import { goCommand } from "../harness/goProgram";

const load = (require("js-yaml") as { load: (text: string) => unknown }).load;
const run = promisify(execFile);
const REPO = path.join(__dirname, "..", "..");

const KEYS = ["LangKey2024", "OtherKey77"];
/** A URL the provider accepts that holds what each language must escape. */
const TRICKY_URL =
  "https://hooks.example.com/b?q=\"x\"&s='y'&b=\\z&i=${notConfig}&d=$$&nel=\u0085&del=\u007f&中=文";
const templates: CallBackTemplateInfo[] = [
  {
    TemplateId: 1001,
    TemplateName: "生产环境",
    Description: "生产",
    StreamBeginNotifyUrl: TRICKY_URL,
    RecordExceptionNotifyUrl: "https://hooks.example.com/rex",
    RecordExceptionLevels: ["error", "warning"],
    CallbackKey: KEYS[0],
  },
  // Names and values that YAML would read as a number, a boolean or null unless quoted, and
  // names each language reserves.
  {
    TemplateId: 1002,
    TemplateName: "123",
    Description: "true",
    StreamEndNotifyUrl: "https://b.example.com/end",
    CallbackKey: KEYS[1],
  },
  { TemplateId: 1003, TemplateName: "and", RecordNotifyUrl: "https://n.example.com/r" },
  { TemplateId: 1004, TemplateName: "nil", RecordNotifyUrl: "https://n.example.com/r" },
  { TemplateId: 1005, TemplateName: "null", SnapshotNotifyUrl: "https://n.example.com/s" },
  // Left out (a space): quoted in a comment, with a line separator, a NEL and a BOM in it.
  {
    TemplateId: 1006,
    TemplateName: "bad\u2028name\u0085x\ufeff */ leftOutMarker",
    RecordNotifyUrl: "https://b.example.com",
  },
];
const plan = planImport({
  templates,
  rules: [
    { DomainName: "push.example.com", AppName: "live", TemplateId: 1001 },
    { DomainName: "push.example.com", AppName: "1e3", TemplateId: 1002 },
    // The API's spelling; the import id (and the state) hold the domain in lower case.
    { DomainName: "Push2.Example.com", AppName: "null", TemplateId: 1004 },
    { DomainName: "gone.example.com", AppName: "live", TemplateId: 999 },
  ],
});

/** What each declaration of a program says, as the tests compare it across languages. */
interface Declared {
  type: "CallbackTemplate" | "DomainCallbackBinding";
  name: string;
  /** Plain inputs by their camelCase names. */
  inputs: Record<string, unknown>;
  /** The config key the callback key is read from, as a secret. */
  secretKey?: string;
  /** For a binding: the resource name of the template whose `templateId` it takes. */
  templateOf?: string;
  importId: string;
}

/** What the plan says each program must declare. */
function expected(p: ImportPlan): Declared[] {
  return [
    ...p.templates.map((t) => {
      const { adopt: _adopt, ...inputs } = t.inputs as Record<string, unknown>;
      return {
        type: "CallbackTemplate" as const,
        name: t.resourceName,
        inputs,
        ...(t.secret ? { secretKey: t.secret.configKey } : {}),
        importId: String(t.templateId),
      };
    }),
    ...p.bindings.map((b) => ({
      type: "DomainCallbackBinding" as const,
      name: b.resourceName,
      inputs: { domainName: b.domainName, appName: b.appName },
      templateOf: b.template.resourceName,
      importId: `${b.domainName.toLowerCase()}/${b.appName}`,
    })),
  ];
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Python's own reading of a program: compiles it, then walks its AST for the SDK's resource
 * calls, their literal arguments (`ast.literal_eval`), the config reads and the import option.
 */
const PY_READER = String.raw`
import ast, json, sys
src = sys.stdin.read()
compile(src, "__main__.py", "exec")
tree = ast.parse(src)
assigned = {}
out = []
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        assigned[id(node.value)] = node.targets[0].id
for node in ast.walk(tree):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "live"):
        continue
    d = {"type": node.func.attr, "name": ast.literal_eval(node.args[0]), "kw": {}, "var": assigned.get(id(node))}
    for kw in node.keywords:
        v = kw.value
        if kw.arg == "opts":
            d["opts"] = {k.arg: ast.literal_eval(k.value) for k in v.keywords}
        elif isinstance(v, ast.Call):
            d["kw"][kw.arg] = {"call": ast.unparse(v.func), "args": [ast.literal_eval(a) for a in v.args]}
        elif isinstance(v, ast.Attribute):
            d["kw"][kw.arg] = {"attr": ast.unparse(v)}
        else:
            d["kw"][kw.arg] = ast.literal_eval(v)
    out.append(d)
print(json.dumps({"calls": out, "imports": [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]}))
`;

interface PyCall {
  type: Declared["type"];
  name: string;
  var: string | null;
  kw: Record<string, unknown>;
  opts: Record<string, unknown>;
}

/** Skips when `tool` is missing, except under CI, which must run it. */
function need(ctx: Mocha.Context, tool: string | undefined, what: string): string {
  if (tool) return tool;
  if (process.env.CI === "true") throw new Error(`CI must check the ${what}: it is missing`);
  console.log(`      skipped: no ${what}`);
  ctx.skip();
}

async function readPython(program: string): Promise<{ calls: PyCall[]; imports: string[] }> {
  const child = execFile("python3", ["-c", PY_READER], { encoding: "utf8" });
  const done = new Promise<string>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: string) => (stdout += d));
    child.stderr?.on("data", (d: string) => (stderr += d));
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
  });
  child.stdin?.end(program);
  return JSON.parse(await done) as { calls: PyCall[]; imports: string[] };
}

function pythonDeclared(calls: PyCall[]): Declared[] {
  const names = new Map(calls.map((c) => [c.var, c.name]));
  return calls.map((c) => {
    const inputs: Record<string, unknown> = {};
    let secretKey: string | undefined;
    let templateOf: string | undefined;
    for (const [k, v] of Object.entries(c.kw)) {
      const call = v as { call?: string; args?: string[]; attr?: string };
      if (call.call) {
        assert.equal(k, "callback_key");
        assert.equal(call.call, "config.require_secret");
        secretKey = call.args?.[0];
      } else if (call.attr) {
        assert.equal(k, "template_id");
        const [variable, attr] = call.attr.split(".");
        assert.equal(attr, "template_id");
        templateOf = names.get(variable);
      } else inputs[camel(k)] = v;
    }
    assert.deepEqual(Object.keys(c.opts), ["import_"]);
    return {
      type: c.type,
      name: c.name,
      inputs,
      ...(secretKey ? { secretKey } : {}),
      ...(templateOf ? { templateOf } : {}),
      importId: c.opts.import_ as string,
    };
  });
}

/** The Pulumi YAML program's declarations, `$$` read back as Pulumi YAML reads it. */
function yamlDeclared(program: string): Declared[] {
  const doc = load(program) as {
    config?: Record<string, { type: string; secret: boolean }>;
    resources: Record<
      string,
      { type: string; properties: Record<string, unknown>; options: { import: string } }
    >;
  };
  const interpolate = (v: unknown): unknown =>
    typeof v === "string" ? v.replace(/\$\$/g, "$") : Array.isArray(v) ? v.map(interpolate) : v;
  return Object.entries(doc.resources).map(([name, r]) => {
    const inputs: Record<string, unknown> = {};
    let secretKey: string | undefined;
    let templateOf: string | undefined;
    for (const [k, v] of Object.entries(r.properties)) {
      const ref = typeof v === "string" ? /^\$\{([^}]+)\}$/.exec(v)?.[1] : undefined;
      if (k === "callbackKey") {
        assert.ok(ref && doc.config?.[ref]?.secret === true, `callbackKey ${String(v)}`);
        assert.equal(doc.config?.[ref].type, "string");
        secretKey = ref;
      } else if (k === "templateId") {
        assert.match(ref ?? "", /\.templateId$/);
        templateOf = ref?.slice(0, -".templateId".length);
      } else {
        // Every value is a string, or a list of them: never a number, boolean or null.
        assert.ok(typeof v === "string" || Array.isArray(v), `${name}.${k}: ${typeof v}`);
        assert.ok(typeof v !== "string" || !/\$(?!\$)/.test(v.replace(/\$\$/g, "")));
        inputs[k] = interpolate(v);
      }
    }
    return {
      type: r.type.replace("tencentcloud-live:index:", "") as Declared["type"],
      name,
      inputs,
      ...(secretKey ? { secretKey } : {}),
      ...(templateOf ? { templateOf } : {}),
      importId: r.options.import,
    };
  });
}

/** A Go string literal with only the escapes `quoted` writes, as Go reads it (JSON's rules). */
const goLiteral = (literal: string) => JSON.parse(literal) as string;

/** The Go program's declarations, read from its (gofmt-checked) text. */
function goDeclared(program: string): Declared[] {
  const variables = new Map<string, string>();
  const blocks = program.matchAll(
    /^\t(?:if _|(\w+)), err := live\.New(\w+)\(ctx, ("(?:[^"\\]|\\.)*"), &live\.\w+Args\{\n([^]*?)\n\t\}, pulumi\.Import\(pulumi\.ID\(("(?:[^"\\]|\\.)*")\)\)\)/gm,
  );
  const out: Declared[] = [];
  for (const [, variable, type, name, body, id] of blocks) {
    if (variable) variables.set(variable, goLiteral(name));
    const d: Declared = {
      type: type as Declared["type"],
      name: goLiteral(name),
      inputs: {},
      importId: goLiteral(id),
    };
    for (const line of body.split("\n")) {
      const [, field, value] = /^\t\t(\w+): +(.*),$/.exec(line) ?? [];
      assert.ok(field, `not a field line: ${JSON.stringify(line)}`);
      const input = field.charAt(0).toLowerCase() + field.slice(1);
      const secret = /^cfg\.RequireSecret\((".*")\)$/.exec(value);
      const ref = /^(\w+)\.TemplateId$/.exec(value);
      const array = /^pulumi\.StringArray\{(.*)\}$/.exec(value);
      if (secret) d.secretKey = goLiteral(secret[1]);
      else if (ref) d.templateOf = variables.get(ref[1]);
      else if (array) {
        d.inputs[input] = [...array[1].matchAll(/pulumi\.String\(("(?:[^"\\]|\\.)*")\)/g)].map(
          (m) => goLiteral(m[1]),
        );
      } else d.inputs[input] = goLiteral(/^pulumi\.String\((".*")\)$/.exec(value)?.[1] ?? "");
    }
    out.push(d);
  }
  return out;
}

/** `gofmt -l`'s verdict: throws on a syntax error, names the file when it is not formatted. */
async function gofmt(gofmtPath: string, program: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "live-import-go-"));
  try {
    const file = path.join(dir, "main.go");
    await writeFile(file, program);
    const { stdout } = await run(gofmtPath, ["-l", file]);
    return stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const gofmtPath = () => {
  const go = goCommand();
  const candidate = go && path.join(path.dirname(go), "gofmt");
  return candidate && existsSync(candidate) ? candidate : undefined;
};
const python = () => {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "python3"))) return "python3";
  }
  return undefined;
};

describe("cli: rendering the plugin program in Python, Go and YAML", function () {
  this.timeout(60_000);
  const want = expected(plan);
  const programs = {
    python: renderPython(plan),
    go: renderGo(plan),
    yaml: renderYamlProgram(plan),
  };

  it("the plan holds what these tests need: tricky values, reserved names, something left out", () => {
    assert.equal(plan.templates.length, 5);
    assert.equal(plan.bindings.length, 3);
    assert.equal(plan.skippedTemplates.length + plan.skippedRules.length, 2);
    assert.equal(plan.templates[0].inputs.streamBeginNotifyUrl, TRICKY_URL);
  });

  for (const [language, program] of Object.entries(programs)) {
    it(`${language}: no key, and the left-out objects only in comments that cannot be broken out of`, () => {
      for (const key of KEYS) assert.ok(!program.includes(key), "a key is in the program");
      const marker = language === "go" ? "//" : "#";
      assert.ok(!/[\u2028\u2029\u0085\ufeff]/.test(program.replace(TRICKY_URL, "")));
      const mentions = program.split("\n").filter((l) => /leftOutMarker|gone\.example/.test(l));
      assert.ok(mentions.length >= 2, program);
      for (const line of mentions) assert.ok(line.trimStart().startsWith(marker), line);
      assert.match(program, /rule gone\.example\.com\/live: its template 999 no longer exists\./);
      // One recordStatusNotifyUrl note per template.
      assert.equal(
        program.match(/recordStatusNotifyUrl cannot be read back/g)?.length,
        plan.templates.length,
      );
    });
  }

  it("python: compiles; imports the SDK module; each value, key read, reference and import id as planned", async function () {
    need(this, python(), "python3");
    const read = await readPython(programs.python);
    assert.deepEqual(read.imports, ["import pulumi", `import ${PYTHON_SDK_MODULE} as live`]);
    assert.deepEqual(pythonDeclared(read.calls), want);
    // A reserved word gets a `_`.
    assert.ok(read.calls.some((c) => c.var === "and_"));
  });

  it("go: parses and is gofmt-formatted; imports the SDK package; each value, key read, reference and import id as planned", async function () {
    const fmt = need(this, gofmtPath(), "gofmt");
    assert.equal(await gofmt(fmt, programs.go), "", `gofmt would change:\n${programs.go}`);
    assert.match(programs.go, new RegExp(`^\\tlive "${GO_SDK_IMPORT}"$`, "m"));
    assert.match(programs.go, /^\tcfg := config\.New\(ctx, ""\)$/m);
    assert.deepEqual(goDeclared(programs.go), want);
    // `nil` is not a variable; templates no binding uses are not variables at all.
    assert.match(programs.go, /^\tnil_, err := live\.NewCallbackTemplate/m);
    assert.match(programs.go, /^\tif _, err := live\.NewCallbackTemplate\(ctx, "and"/m);
  });

  it("yaml: parses; every value a string read back unchanged (no interpolation), each key a secret config value", () => {
    // A JavaScript object lists integer-like keys ("123") first: compare by name.
    const byName = (a: Declared, b: Declared) => (a.name < b.name ? -1 : 1);
    assert.deepEqual(yamlDeclared(programs.yaml).sort(byName), [...want].sort(byName));
    assert.match(programs.yaml, /\$\$\{notConfig\}/);
  });

  it("each language reads every string literal back unchanged, line separators included", async function () {
    const values = [
      '"',
      "\\",
      "${x}",
      "$",
      "a\nb",
      "\u2028\u2029\u0085\u007f\ufeff",
      "中文",
      "123",
      "true",
      "null",
      "~",
    ];
    for (const v of values) {
      assert.equal(JSON.parse(quoted(v)), v);
      assert.ok(!/[\u2028\u2029\u0085\u007f\ufeff\n]/.test(quoted(v)), quoted(v));
      assert.equal((load(`v: ${yamlString(v)}`) as { v: string }).v.replace(/\$\$/g, "$"), v);
    }
    need(this, python(), "python3");
    const { stdout } = await run("python3", [
      "-c",
      `import json,sys\nprint(json.dumps([${values.map(quoted).join(", ")}]))`,
    ]);
    assert.deepEqual(JSON.parse(stdout), values);
  });

  it("an account with nothing to import gives programs that parse and declare nothing", async function () {
    const empty = planImport({ templates: [], rules: [] });
    const yaml = renderYamlProgram(empty);
    assert.equal(load(yaml), null);
    assert.match(yaml, /nothing to import/);
    if (python()) assert.deepEqual((await readPython(renderPython(empty))).calls, []);
    const fmt = gofmtPath();
    if (fmt) assert.equal(await gofmt(fmt, renderGo(empty)), "");
    assert.doesNotMatch(renderGo(empty), /live "|config\./);
  });

  it("names the SDKs as plugin/schema.json does, and the versions the Go suite is tested with", async () => {
    const schema = JSON.parse(await readFile(path.join(REPO, "plugin", "schema.json"), "utf8")) as {
      language: {
        python: { packageName: string; requires: { pulumi: string } };
        go: { importBasePath: string };
      };
    };
    assert.equal(PYTHON_SDK_MODULE, schema.language.python.packageName);
    assert.equal(PYTHON_PULUMI_REQUIREMENT, `pulumi${schema.language.python.requires.pulumi}`);
    assert.equal(GO_SDK_IMPORT, schema.language.go.importBasePath);
    assert.equal(GO_SDK_MODULE, SDK_GEN_GO_MODULE);
    const goMod = await readFile(path.join(REPO, "test", "pulumi", "go", "go.mod"), "utf8");
    assert.match(
      goMod,
      new RegExp(`^\\tgithub\\.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK_VERSION}$`, "m"),
    );
    assert.match(goMod, new RegExp(`^go ${GO_VERSION.replace(/\./g, "\\.")}$`, "m"));
    assert.match(goMod, new RegExp(`^\\t${GO_SDK_MODULE} `, "m"));
  });

  it("writes requirements.txt and go.mod that name Pulumi and the plugin's SDK", () => {
    const requirements = renderRequirements()
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    assert.deepEqual(requirements, [
      PYTHON_PULUMI_REQUIREMENT,
      "../pulumi-tencentcloud-live-callbacks/sdk/python",
    ]);
    const goMod = renderGoMod(goModuleName("_my.stack-"));
    assert.match(goMod, /^module my\.stack$/m);
    assert.match(
      goMod,
      new RegExp(
        `^replace ${GO_SDK_MODULE} => \\.\\./pulumi-tencentcloud-live-callbacks/sdk/go$`,
        "m",
      ),
    );
  });
});
