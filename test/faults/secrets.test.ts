// Secrets stay secret under faults: neither the API secretKey nor a callback key appears in an
// error (message, cause or properties), a provider log line, or any output but the secret ones
// (`callbackKey`, `previousCallbackKey`).
// And plain http:// is refused off loopback, by the client settings and by the emulator.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { resolveSettings, SettingsError } from "../../src/api/settings";
import { startEmulator } from "../../src/emulator";
import { CALLBACK_TEMPLATE_SECRET_OUTPUTS } from "../../src/resources/callbackTemplate";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { makeLiveClient, type LiveClient as SdkClient } from "../emulator/helpers";
import type { ProviderRun } from "../support/providerRun";
import { freshRun, injectFaults, startFaultEnv, stopFaultEnv, type FaultEnv } from "./env";
import { modeFault } from "./faultSpecs";

const CREDENTIALS = { secretId: "AKIDSecretsSuite", secretKey: "SecretsSuiteApiKeyQ7f3c9a" };
const KEY = "SecretsSuiteCallbackKey42";
const CONSOLE_KEY = "ConsoleEditedKey77";
const WRONG_SECRET_KEY = "WrongSecretKeyZ9x8";
const SECRETS = [CREDENTIALS.secretKey, KEY, CONSOLE_KEY, WRONG_SECRET_KEY];

const TEMPLATE: CallbackTemplateInputs = {
  templateName: "secrets_tpl",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  recordStatusNotifyUrl: "https://hooks.example.com/status",
  callbackKey: KEY,
};

/** Everything an error shows: message, stack, cause chain and own properties. */
function everything(err: unknown): string {
  return inspect(err, { depth: Infinity, showHidden: true });
}

/** Fails with where a secret was found (the secret itself is not printed). */
function assertNoSecret(text: string, where: string): void {
  SECRETS.forEach((secret, i) => {
    assert.ok(!text.includes(secret), `secret #${i} found in ${where}`);
  });
}

/** Awaits a promise that must reject; returns the rejection. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return assert.fail("expected a rejection");
}

describe("faults: secrets never leak", function () {
  this.timeout(30_000);
  let env: FaultEnv;
  let sdk: SdkClient;
  let runs: ProviderRun[];

  beforeEach(async () => {
    env = await startFaultEnv({ credentials: CREDENTIALS });
    sdk = makeLiveClient(env.emulator);
    runs = [];
  });
  afterEach(async () => {
    // Whatever a test did, no log line of any of its runs may carry a secret.
    for (const run of runs) assertNoSecret(run.logs.join("\n"), "a provider log line");
    await stopFaultEnv(env);
  });

  /** A provider run whose log lines are checked after the test. */
  function run(extra: Record<string, string> = {}): ProviderRun {
    const r = freshRun(env, extra);
    runs.push(r);
    return r;
  }

  async function createTemplate() {
    const created = await run().template.create(TEMPLATE);
    return {
      id: created.id,
      outs: created.outs as CallbackTemplateInputs & { templateId: number },
    };
  }

  describe("errors", () => {
    it("quota (the 51st template)", async () => {
      for (let i = 0; i < 50; i++) {
        await sdk.CreateLiveCallbackTemplate({
          TemplateName: `filler_${i}`,
          StreamBeginNotifyUrl: "https://hooks.example.com/f",
        });
      }
      const err = await rejection(run().template.create(TEMPLATE));
      assert.match(String(err), /ConfOutLimit/);
      assertNoSecret(everything(err), "the quota error");
    });

    it("in use (delete of a bound template)", async () => {
      const { id, outs } = await createTemplate();
      await sdk.CreateLiveCallbackRule({
        DomainName: "push.example.com",
        AppName: "live",
        TemplateId: Number(id),
      });
      const err = await rejection(run().template.delete(id, outs));
      assert.match(String(err), /push\.example\.com\/live/);
      assertNoSecret(everything(err), "the in-use error");
    });

    it("an API error that echoes the key, on create, update, and after the budget is spent", async () => {
      // An API can only echo what the request carried: the key being set.
      const echo = (code: string, times: number, key: string) => ({
        times,
        error: { code, message: `CallbackKey ${key} is not acceptable` },
      });
      injectFaults(env, [
        { action: "CreateLiveCallbackTemplate", ...echo("InvalidParameter", 1, KEY) },
      ]);
      const onCreate = await rejection(run().template.create(TEMPLATE));
      assert.match(String(onCreate), /\[secret\]/, "the echo is redacted, not dropped");
      assertNoSecret(everything(onCreate), "an echoing create error");

      const { id, outs } = await createTemplate();
      injectFaults(env, [
        { action: "ModifyLiveCallbackTemplate", ...echo("InvalidParameterValue", 1, CONSOLE_KEY) },
      ]);
      const news = { ...TEMPLATE, callbackKey: CONSOLE_KEY };
      assertNoSecret(everything(await rejection(run().template.update(id, outs, news))), "update");

      injectFaults(env, [
        { action: "ModifyLiveCallbackTemplate", ...echo("InternalError", 100, CONSOLE_KEY) },
      ]);
      const spent = await rejection(
        run({ "tencentcloud-live:maxRetries": "1" }).template.update(id, outs, news),
      );
      assert.match(String(spent), /after 2 attempts/);
      assertNoSecret(everything(spent), "the budget-spent error");
    });

    it("the API's own InvalidParameter for a bad key (check bypassed)", async () => {
      const badKey = `${KEY}-!`;
      const err = await rejection(run().template.create({ ...TEMPLATE, callbackKey: badKey }));
      assert.match(String(err), /InvalidParameter/);
      assert.ok(!everything(err).includes(badKey));
      assertNoSecret(everything(err), "the API's invalid-key error");
    });

    it("network failures: a dropped connection, a timeout, a refused connection", async () => {
      const { id, outs } = await createTemplate();
      const noRetry = { "tencentcloud-live:maxRetries": "0" };
      injectFaults(env, [modeFault("ModifyLiveCallbackTemplate", "drop-after-commit", 1)]);
      const dropped = await rejection(run(noRetry).template.update(id, outs, TEMPLATE));
      assertNoSecret(everything(dropped), "the dropped-connection error");

      injectFaults(env, [
        { action: "CreateLiveCallbackTemplate", times: 1, mode: "delay", delayMs: 600 },
      ]);
      const timeout = { ...noRetry, "tencentcloud-live:requestTimeoutSeconds": "0.2" };
      const late = await rejection(
        run(timeout).template.create({ ...TEMPLATE, templateName: "late" }),
      );
      assert.match(String(late), /timeout/i);
      assertNoSecret(everything(late), "the timeout error");

      const gone = run(noRetry);
      await env.emulator.stop();
      const refused = await rejection(gone.template.create({ ...TEMPLATE, templateName: "gone" }));
      assertNoSecret(everything(refused), "the connection-refused error");
    });

    it("wrong credentials (signature failure)", async () => {
      const err = await rejection(
        run({ "tencentcloud:secretKey": WRONG_SECRET_KEY }).template.create(TEMPLATE),
      );
      assert.match(String(err), /AuthFailure/);
      assertNoSecret(everything(err), "the auth error");
    });

    it("settings errors", () => {
      const config = (extra: Record<string, string>) => ({
        get: (k: string) =>
          ({
            "tencentcloud:secretId": CREDENTIALS.secretId,
            "tencentcloud:secretKey": CREDENTIALS.secretKey,
            ...extra,
          })[k],
      });
      const cases: Record<string, string>[] = [
        { "tencentcloud-live:maxRetries": "many" },
        { "tencentcloud-live:endpoint": "http://192.0.2.10:8080" },
        { "tencentcloud:secretId": "" },
      ];
      for (const extra of cases) {
        const err = (() => {
          try {
            resolveSettings(config(extra), {});
          } catch (e) {
            return e;
          }
          return assert.fail(`accepted ${JSON.stringify(extra)}`);
        })();
        assertNoSecret(everything(err), `the settings error for ${Object.keys(extra)[0]}`);
      }
    });
  });

  describe("logs and outputs", () => {
    /** Every output property but the secret ones, as text. */
    const otherOutputs = (outs: Record<string, unknown> | undefined) =>
      JSON.stringify({
        ...outs,
        ...Object.fromEntries(CALLBACK_TEMPLATE_SECRET_OUTPUTS.map((k) => [k, undefined])),
      });

    it("drift lines of a key edited in the console name the field, not the values", async () => {
      const { id, outs } = await createTemplate();
      await sdk.ModifyLiveCallbackTemplate({
        TemplateId: Number(id),
        CallbackKey: CONSOLE_KEY,
        StreamBeginNotifyUrl: "https://console.example.com/begin",
      });
      const r = run();
      const diff = await r.template.diff(id, outs, TEMPLATE);
      assert.equal(diff.changes, true);
      assert.ok(
        r.logs.some((l) => l.includes("callbackKey")),
        r.logs.join("\n"),
      );
      assert.ok(
        r.logs.some((l) => l.includes("console.example.com")),
        "other drift is shown",
      );
    });

    it("create, read and update outputs carry keys only in the secret outputs", async () => {
      const r = run();
      const created = await r.template.create(TEMPLATE);
      assert.equal((created.outs as { callbackKey?: string }).callbackKey, KEY);
      assertNoSecret(otherOutputs(created.outs), "create outputs");
      assertNoSecret(created.id, "the template id");

      const read = await run().template.read(created.id, created.outs as never);
      assertNoSecret(otherOutputs(read.props), "read props");
      assertNoSecret(otherOutputs(read.inputs), "read inputs");

      const news = { ...TEMPLATE, callbackKey: CONSOLE_KEY };
      const updated = await run().template.update(created.id, created.outs as never, news);
      assert.equal((updated.outs as { callbackKey?: string }).callbackKey, CONSOLE_KEY);
      // The replaced key, which only a secret output may carry.
      assert.equal((updated.outs as { previousCallbackKey?: string }).previousCallbackKey, KEY);
      assertNoSecret(otherOutputs(updated.outs), "update outputs");
      const reread = await run().template.read(created.id, updated.outs as never);
      assert.equal((reread.props as { previousCallbackKey?: string }).previousCallbackKey, KEY);
      assertNoSecret(otherOutputs(reread.props), "read props after a key change");
      assertNoSecret(otherOutputs(reread.inputs), "read inputs after a key change");
      assert.equal((reread.inputs as Record<string, unknown>).previousCallbackKey, undefined);

      const bindingInputs = {
        domainName: "push.example.com",
        appName: "live",
        templateId: Number(created.id),
      };
      const bound = await run().binding.create(bindingInputs);
      assertNoSecret(JSON.stringify(bound), "binding create outputs");
      assertNoSecret(JSON.stringify(await run().binding.read(bound.id)), "binding read");
    });

    it("adopting an identical template (a lost create) logs no key", async () => {
      await sdk.CreateLiveCallbackTemplate({
        TemplateName: TEMPLATE.templateName,
        StreamBeginNotifyUrl: TEMPLATE.streamBeginNotifyUrl,
        CallbackKey: KEY,
      });
      const r = run();
      const created = await r.template.create({
        ...TEMPLATE,
        recordStatusNotifyUrl: undefined,
        adopt: true,
      });
      assert.ok(
        r.logs.some((l) => l.includes("adopting the existing template")),
        r.logs.join("\n"),
      );
      assertNoSecret(otherOutputs(created.outs), "takeover outputs");
    });
  });

  describe("plain http off loopback", () => {
    const settingsFor = (endpoint: string) =>
      resolveSettings(
        {
          get: (k) =>
            ({
              "tencentcloud:secretId": CREDENTIALS.secretId,
              "tencentcloud:secretKey": CREDENTIALS.secretKey,
              "tencentcloud-live:endpoint": endpoint,
            })[k],
        },
        {},
      );

    for (const endpoint of [
      "http://192.0.2.10:8080",
      "http://10.0.0.5:9000",
      "http://0.0.0.0:9000",
      "http://live.example.com",
      "http://[2001:db8::1]:9000",
      "http://127.0.0.1.nip.io:9000",
    ]) {
      it(`resolveSettings refuses ${endpoint}`, () => {
        assert.throws(
          () => settingsFor(endpoint),
          (e: Error) => e instanceof SettingsError && /not a loopback address/.test(e.message),
        );
      });
    }

    // `*.localhost` is not resolved to loopback by Node's resolver (getaddrinfo asks DNS), so
    // the request, key included, goes wherever DNS says; only `localhost` itself is safe.
    it("resolveSettings refuses http://evil.localhost:9000 (a DNS name, not loopback)", () => {
      assert.throws(() => settingsFor("http://evil.localhost:9000"), SettingsError);
    });

    it("resolveSettings refuses it from the environment too", () => {
      assert.throws(
        () =>
          resolveSettings(undefined, {
            TENCENTCLOUD_SECRET_ID: CREDENTIALS.secretId,
            TENCENTCLOUD_SECRET_KEY: CREDENTIALS.secretKey,
            TENCENTCLOUD_LIVE_ENDPOINT: "http://192.0.2.10:8080",
          }),
        /TENCENTCLOUD_LIVE_ENDPOINT uses plain http:\/\/ to 192\.0\.2\.10/,
      );
    });

    for (const endpoint of [
      "http://127.0.0.1:9000",
      "http://localhost:9000",
      "http://[::1]:9000",
      "https://192.0.2.10:8080",
    ]) {
      it(`resolveSettings accepts ${endpoint}`, () => {
        assert.equal(settingsFor(endpoint).endpoint.href, new URL(endpoint).href);
      });
    }

    for (const host of ["0.0.0.0", "192.0.2.10", "::", "10.1.2.3", "example.com"]) {
      it(`the emulator refuses to listen on ${host} without allowNonLoopback`, async () => {
        await assert.rejects(
          startEmulator({ host, port: 0 }),
          /refusing to listen on non-loopback/,
        );
      });
    }
  });
});
