// The command line of tencentcloud-live-callbacks: what it accepts and how it refuses the rest.
import assert from "node:assert/strict";
import { IMPORT_USAGE, parseCommandLine, USAGE, UsageError } from "../../src/cli/args";

function refused(argv: string[], message: RegExp, usage = IMPORT_USAGE): void {
  assert.throws(
    () => parseCommandLine(argv),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.match(e.message, message);
      assert.equal(e.usage, usage);
      return true;
    },
    argv.join(" "),
  );
}

describe("cli: command line", () => {
  it("parses import with every option", () => {
    assert.deepEqual(
      parseCommandLine([
        "import",
        "--out",
        "stack",
        "--project",
        "live.prod_1",
        "--domain",
        "push.example.com",
        "--domain",
        "Push2.Example.com",
        "--force",
      ]),
      {
        kind: "import",
        options: {
          out: "stack",
          stdout: false,
          project: "live.prod_1",
          domains: ["push.example.com", "Push2.Example.com"],
          force: true,
          target: "dynamic",
          language: "typescript",
        },
      },
    );
    assert.deepEqual(parseCommandLine(["import", "--stdout"]), {
      kind: "import",
      options: {
        stdout: true,
        domains: [],
        force: false,
        target: "dynamic",
        language: "typescript",
      },
    });
    assert.deepEqual(parseCommandLine(["import", "--stdout", "--target", "plugin"]), {
      kind: "import",
      options: {
        stdout: true,
        domains: [],
        force: false,
        target: "plugin",
        language: "typescript",
      },
    });
    for (const language of ["typescript", "python", "go", "yaml"]) {
      assert.deepEqual(
        parseCommandLine(["import", "--out", "x", "--target", "plugin", "--language", language]),
        {
          kind: "import",
          options: {
            out: "x",
            stdout: false,
            domains: [],
            force: false,
            target: "plugin",
            language,
          },
        },
      );
    }
  });

  it("answers --help with the usage", () => {
    assert.deepEqual(parseCommandLine(["--help"]), { kind: "help", text: USAGE });
    assert.deepEqual(parseCommandLine(["import", "--help"]), { kind: "help", text: IMPORT_USAGE });
  });

  it("refuses what it cannot run, with the usage", () => {
    refused([], /a command is required/, USAGE);
    refused(["export"], /unknown command "export"/, USAGE);
    refused(["import"], /either --out <dir> or --stdout/);
    refused(["import", "--out", "x", "--stdout"], /either --out <dir> or --stdout/);
    refused(["import", "--out", ""], /--out needs a folder/);
    refused(["import", "--out", "x", "--bogus"], /Unknown option '--bogus'/);
    refused(["import", "--out", "x", "extra"], /positional/i);
    refused(["import", "--out"], /argument missing/i);
    refused(["import", "--stdout", "--force"], /--force applies to --out only/);
    refused(["import", "--stdout", "--project", "p"], /--project applies to --out only/);
    refused(
      ["import", "--out", "x", "--project", "my stack"],
      /--project may contain only letters, digits.*got "my stack"/,
    );
    refused(
      ["import", "--stdout", "--domain", "not a domain"],
      /--domain must be a valid host name.*got "not a domain"/,
    );
    refused(
      ["import", "--stdout", "--target", "pulumi"],
      /--target must be dynamic or plugin; got "pulumi"/,
    );
    refused(
      ["import", "--stdout", "--target", "plugin", "--language", "rust"],
      /--language must be typescript, python, go or yaml; got "rust"/,
    );
    for (const language of ["python", "go", "yaml"]) {
      refused(
        ["import", "--out", "x", "--language", language],
        new RegExp(`--language must be typescript with --target dynamic .*; got "${language}"`),
      );
      refused(
        ["import", "--stdout", "--target", "dynamic", "--language", language],
        /--language must be typescript with --target dynamic/,
      );
    }
    refused(["import", "--stdout", "--domain", "10.0.0.1"], /--domain must be a valid host name/);
  });
});
