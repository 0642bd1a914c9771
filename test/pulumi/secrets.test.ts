// Secrets and state through the real CLI and its passphrase secrets provider: after an up, a key
// rotation and a refresh, no callback key (nor the API secret key) is in the stack's state file
// or in `pulumi stack export`; `stack output --show-secrets` shows the rotation outputs; each
// resource's `__provider` in the state file is what the library serialized for this project.
import assert from "node:assert/strict";
import { initStack, LIBRARY_NAME, pulumiOk, stateFileText } from "../harness";
import { useCliSuite } from "../support/cliSuite";
import { fleetStack } from "../support/fleet";

const FIRST_KEY = "SecretsFirstKey01";
const SECOND_KEY = "SecretsSecondKey2";

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("real pulumi CLI: secrets in the state file, rotation outputs, __provider as stored", function () {
  this.timeout(300_000);
  const suite = useCliSuite();

  it("up, rotate, refresh: no key in plain text in the state file or stack export; the outputs show the rotation", async () => {
    const cli = suite.cli();
    const live = suite.live();
    const dir = suite.project().dir;
    await initStack(cli, dir, "secrets", live);
    const setKey = (key: string) =>
      pulumiOk(cli, ["config", "set", "--secret", "hooksKey", "-s", "secrets"], dir, {
        input: key,
      });
    await setKey(FIRST_KEY);
    const fleet = await fleetStack(suite, "secrets");
    await fleet.declare({
      templates: [
        {
          name: "hooks",
          templateName: "hooks",
          streamBeginNotifyUrl: "https://h.example.com/b",
          keyConfig: "hooksKey",
        },
      ],
      bindings: [{ name: "push", domainName: "push.example.com", template: "hooks" }],
    });
    await fleet.ok("up");
    await setKey(SECOND_KEY);
    const rotated = await fleet.ok("up");
    assert.match(rotated.stdout, /keep accepting both keys/);
    assert.equal((await live.state()).templates[0].CallbackKey, SECOND_KEY);
    await fleet.ok("refresh", { options: { yes: true } });

    const exported = (await pulumiOk(cli, ["stack", "export", "-s", "secrets"], dir)).stdout;
    const stateFile = await stateFileText(cli, "secrets");
    const { secretKey } = live.emulator.credentials;
    for (const [where, text] of [
      ["state file", stateFile],
      ["stack export", exported],
      ["up's output", rotated.stdout + rotated.stderr],
    ] as const) {
      for (const secret of [FIRST_KEY, SECOND_KEY, secretKey]) {
        assert.ok(!text.includes(secret), `${where} holds a secret in plain text`);
      }
    }
    // The engine stores them encrypted: the keys are there, as ciphertext.
    const resources = JSON.parse(stateFile).checkpoint.latest.resources as StateResource[];
    const template = resources.find((r) => r.urn.endsWith("::hooks"));
    assert.ok(template?.outputs);
    for (const field of ["callbackKey", "previousCallbackKey"]) {
      const stored = template.outputs[field] as Record<string, unknown>;
      assert.equal(typeof stored?.ciphertext, "string", `${field} is not stored as a secret`);
    }

    const shown = JSON.parse(
      (await pulumiOk(cli, ["stack", "output", "--json", "--show-secrets", "-s", "secrets"], dir))
        .stdout,
    );
    assert.equal(shown.previousCallbackKeys.hooks, FIRST_KEY);
    assert.ok(Date.parse(shown.callbackKeyChangedAt.hooks) > Date.now() - 300_000);
    const hidden = (await pulumiOk(cli, ["stack", "output", "-s", "secrets"], dir)).stdout;
    assert.ok(!hidden.includes(FIRST_KEY), "stack output without --show-secrets shows a key");
  });

  it("each resource's __provider in the real state file is what the library serialized here, by name where the serializer allows", async () => {
    const project = suite.project();
    const stateFile = await stateFileText(suite.cli(), "secrets");
    const resources = JSON.parse(stateFile).checkpoint.latest.resources as StateResource[];
    const byKind = {
      template: resources.find((r) => r.type.endsWith(":CallbackTemplate")),
      binding: resources.find((r) => r.type.endsWith(":DomainCallbackBinding")),
    };
    for (const kind of ["template", "binding"] as const) {
      const stored = byKind[kind];
      assert.ok(stored, `no ${kind} in the state`);
      assert.equal(stored.inputs?.__provider, project.providers[kind], `${kind} inputs`);
      assert.equal(stored.outputs?.__provider, project.providers[kind], `${kind} outputs`);
      const bytes = Buffer.byteLength(project.providers[kind]);
      const byName = project.providers[kind].includes(
        `require("${LIBRARY_NAME}/provider/${kind}")`,
      );
      console.log(
        `      ${kind} __provider in the state file: ${bytes} bytes, ${byName ? "by name" : "by value"}`,
      );
      if (byName) assert.ok(bytes < 400, `${bytes} bytes by name`);
    }
  });
});
