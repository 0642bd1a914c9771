// `npm run plugin:sdks` (scripts/plugin/sdkGen.ts): the SDKs of every language Pulumi's
// generators serve here (Python, Go, Node.js, .NET, Java), from plugin/schema.json, through the real CLI's `gen-sdk` when the
// language host is there and through tools/pulumi-codegen otherwise. The Python and Go SDKs
// are used by python.test.ts and goProgram.test.ts; here each SDK's names are checked against
// the schema's language sections, and the Node.js SDK is compiled with its own dependencies.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import {
  GO_SDK_MODULE,
  generateSdks,
  SCHEMA_FILE,
  SDK_LANGUAGES,
  type GeneratedSdk,
} from "../../scripts/plugin/sdkGen";
import { cleanEnv, run } from "../harness/run";

/** A command's path on PATH, or undefined. */
function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * A Maven project compiling `sourceDir` with the dependencies the generated `build.gradle`
 * declares (Gradle itself is not used: Debian's is 4.4, far older than the build file needs).
 */
function compilePom(sourceDir: string, buildGradle: string): string {
  const deps = [...buildGradle.matchAll(/implementation\("([^:"]+):([^:"]+):([^"]+)"\)/g)];
  if (deps.length === 0) throw new Error("the generated build.gradle declares no dependency");
  const xml = deps
    .map(
      ([, group, artifact, version]) =>
        `<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version></dependency>`,
    )
    .join("\n    ");
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.check</groupId>
  <artifactId>java-sdk-compile</artifactId>
  <version>0.0.0</version>
  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <build>
    <sourceDirectory>${sourceDir}</sourceDirectory>
    <plugins><plugin>
      <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
      <version>3.13.0</version><configuration><release>11</release></configuration>
    </plugin></plugins>
  </build>
  <dependencies>
    ${xml}
  </dependencies>
</project>
`;
}

interface Schema {
  language: {
    python: { packageName: string };
    go: { importBasePath: string };
    csharp: { rootNamespace: string; namespaces: Record<string, string> };
    nodejs: { packageName: string };
    java: { basePackage: string };
  };
  version: string;
}

describe("plugin:sdks: the tencentcloud-live SDKs from Pulumi's own generators", function () {
  this.timeout(900_000);
  let root: string;
  let sdks: Map<string, GeneratedSdk>;
  let schema: Schema;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "plugin-sdks-test-"));
    schema = JSON.parse(await readFile(SCHEMA_FILE, "utf8")) as Schema;
    const started = Date.now();
    sdks = new Map((await generateSdks({ root })).map((s) => [s.language, s]));
    console.log(
      `      generated ${[...sdks.values()].map((s) => `${s.language} by ${s.via} (${s.ms} ms)`).join(", ")} in ${Date.now() - started} ms`,
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  const text = (sdk: string, file: string) => readFile(path.join(root, sdk, file), "utf8");

  it("writes one SDK per language, through gen-sdk or, when its language host is missing, pulumi-codegen", () => {
    assert.deepEqual([...sdks.keys()], [...SDK_LANGUAGES]);
    for (const sdk of sdks.values()) {
      assert.ok(readdirSync(sdk.dir).length > 0, `${sdk.dir} is empty`);
      if (sdk.via === "pulumi-codegen") {
        assert.match(
          sdk.fallbackReason ?? "",
          new RegExp(`no language plugin 'pulumi-language-${sdk.language}' found`),
        );
      }
    }
  });

  it("Python: the package the schema names, at the schema's version, with both resources and the Provider", async () => {
    const pkg = schema.language.python.packageName;
    assert.equal(pkg, "pulumi_tencentcloud_live");
    const pyproject = await text("python", "pyproject.toml");
    assert.match(pyproject, new RegExp(`name = "${pkg}"`));
    assert.match(pyproject, new RegExp(`version = "${schema.version}"`));
    assert.ok(existsSync(path.join(root, "python", "README.md")), "no README.md beside pyproject");
    const init = await text("python", `${pkg}/__init__.py`);
    for (const name of ["CallbackTemplate", "DomainCallbackBinding", "Provider"]) {
      assert.match(init, new RegExp(`\\b${name}\\b`));
    }
    assert.match(
      await text("python", `${pkg}/callback_template.py`),
      /"tencentcloud-live:index:CallbackTemplate"/,
    );
  });

  it("Go: a module whose path is the schema's importBasePath's parent, requiring the CLI's sdk/v3", async () => {
    const base = schema.language.go.importBasePath;
    assert.equal(GO_SDK_MODULE, path.posix.dirname(base));
    const mod = await text("go", "go.mod");
    assert.match(mod, new RegExp(`^module ${GO_SDK_MODULE}$`, "m"));
    assert.match(mod, /require github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.276\.0/);
    const pkgDir = path.posix.basename(base);
    assert.match(await text("go", `${pkgDir}/provider.go`), /^package tencentcloudlive$/m);
    assert.match(
      await text("go", `${pkgDir}/callbackTemplate.go`),
      new RegExp(`"${base}/internal"`),
    );
  });

  it(".NET: the csproj and namespace the schema's csharp section names (not compiled: no .NET SDK here)", async () => {
    const { rootNamespace, namespaces } = schema.language.csharp;
    const namespace = `${rootNamespace}.${namespaces["tencentcloud-live"]}`;
    assert.ok(existsSync(path.join(root, "dotnet", `${namespace}.csproj`)));
    for (const file of ["CallbackTemplate.cs", "DomainCallbackBinding.cs", "Provider.cs"]) {
      assert.match(await text("dotnet", file), new RegExp(`^namespace ${namespace}$`, "m"));
    }
    assert.match(
      await text("dotnet", `${namespace}.csproj`),
      new RegExp(`<Version>${schema.version}</Version>`),
    );
  });

  it("Java: the classes under the schema's basePackage (compiled in the next test)", async () => {
    const pkg = `${schema.language.java.basePackage}.tencentcloudlive`;
    const dir = `src/main/java/${pkg.replace(/\./g, "/")}`;
    for (const name of ["CallbackTemplate", "DomainCallbackBinding", "Provider"]) {
      const source = await text("java", `${dir}/${name}.java`);
      assert.match(source, new RegExp(`^package ${pkg.replace(/\./g, "\\.")};$`, "m"));
      assert.match(source, new RegExp(`public class ${name} extends`));
    }
    assert.match(
      await text("java", `${dir}/CallbackTemplate.java`),
      /"tencentcloud-live:index:CallbackTemplate"/,
    );
  });

  it("Java: compiles with javac (Maven, the dependencies build.gradle names, from Maven Central)", async function () {
    const mvn = onPath("mvn");
    if (!mvn || !onPath("javac")) {
      const reason = "no mvn or javac on PATH: run scripts/ci/java-sdk.sh";
      if (process.env.CI === "true") throw new Error(`CI must compile the Java SDK: ${reason}`);
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    const project = path.join(root, "java-compile");
    await mkdir(project, { recursive: true });
    const sources = path.join(root, "java", "src", "main", "java");
    await writeFile(
      path.join(project, "pom.xml"),
      compilePom(sources, await text("java", "build.gradle")),
    );
    // Maven's own cache: shared between runs, outside the work tree.
    const repo = path.join(os.homedir(), ".m2", "repository");
    await run(mvn, ["-q", "-B", `-Dmaven.repo.local=${repo}`, "compile"], {
      cwd: project,
      timeoutMs: 600_000,
    });
    const classes = path.join(
      project,
      "target",
      "classes",
      ...schema.language.java.basePackage.split("."),
      "tencentcloudlive",
    );
    for (const name of ["CallbackTemplate", "DomainCallbackBinding", "Provider"]) {
      assert.ok(existsSync(path.join(classes, `${name}.class`)), `javac wrote no ${name}.class`);
    }
  });

  it("Node.js: the package the schema names compiles with tsc against the @pulumi/pulumi its package.json asks for", async () => {
    const dir = path.join(root, "nodejs");
    const manifest = JSON.parse(await text("nodejs", "package.json")) as {
      name: string;
      dependencies: Record<string, string>;
    };
    assert.equal(manifest.name, schema.language.nodejs.packageName);
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      env: cleanEnv(),
      timeoutMs: 600_000,
    });
    await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], {
      cwd: dir,
      timeoutMs: 300_000,
    });
    for (const file of ["index.js", "callbackTemplate.d.ts", "provider.js"]) {
      assert.ok(existsSync(path.join(dir, "bin", file)), `tsc wrote no bin/${file}`);
    }
  });
});
