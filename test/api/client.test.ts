// The client's own contract, seen from outside against the emulator (or, where the emulator
// cannot show it, a stub HTTP server): the backoff and budget of its retries, the counters and
// hooks it reports them through, the messages of the errors it gives up with, which listings a
// write invalidates, which keys it keeps out of errors, and what it puts on the wire.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import sinon from "sinon";
import { createLiveClient, type LiveClient, type LiveClientOptions } from "../../src/api/client";
import type { LiveApiError } from "../../src/api/errors";
import type { LiveAction } from "../../src/api/models";
import type { RateLimiter } from "../../src/api/rateLimiter";
import { resolveSettings, type LiveSettings } from "../../src/api/settings";
import { startEmulator, type EmulatorHandle, type FaultSpec } from "../../src/emulator";
import { makeLiveClient } from "../emulator/helpers";
import { emulatorConfig } from "../support/providerRun";

const TEMPLATE = {
  TemplateName: "client_tpl",
  StreamBeginNotifyUrl: "https://hooks.example.com/b",
};
const RULE = { DomainName: "push.example.com", AppName: "live" };
/** Lets every call through at once: these tests are about the client, not the pacing. */
const NO_LIMIT: RateLimiter = { acquire: () => Promise.resolve() };

/** A fault that answers `code` with `message` to the next `times` calls of `action`. */
const fault = (action: LiveAction, code: string, times = 1, message = `injected ${code}`) =>
  ({ action, times, error: { code, message } }) satisfies FaultSpec;

type Rejection = LiveApiError & { kind: string };

describe("api: the client's contract", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;

  beforeEach(async () => {
    emulator = await startEmulator({ host: "127.0.0.1" });
  });
  afterEach(() => emulator.stop());

  const settingsFor = (config: Record<string, string> = {}): LiveSettings => {
    const all = emulatorConfig(emulator, config);
    return resolveSettings({ get: (k) => all[k] }, {});
  };
  const clientFor = (
    config: Record<string, string> = {},
    options: LiveClientOptions = {},
  ): LiveClient =>
    createLiveClient(settingsFor(config), {
      rateLimiter: NO_LIMIT,
      sleep: async () => {},
      ...options,
    });
  const calls = (action: LiveAction) => emulator.state().calls[action] ?? 0;
  const sdk = () => makeLiveClient(emulator);

  describe("retries", () => {
    it("waits the backoff between attempts when no sleep is given", async () => {
      emulator.injectFaults([fault("DescribeLiveCallbackRules", "RequestLimitExceeded")]);
      const client = createLiveClient(settingsFor(), {
        rateLimiter: NO_LIMIT,
        backoff: { baseDelayMs: 300, maxDelayMs: 300 },
        random: () => 0.99,
      });
      const started = Date.now();
      await client.describeLiveCallbackRules();
      // The one wait is floor(0.99 * 300) = 297 ms; a timer never fires early by much.
      assert.ok(Date.now() - started >= 250, `took ${Date.now() - started} ms`);
      assert.equal(calls("DescribeLiveCallbackRules"), 2);
    });

    it("doubles the backoff ceiling with each retry, and reports each retry once", async () => {
      emulator.injectFaults([fault("DescribeLiveCallbackRules", "RequestLimitExceeded", 3)]);
      const waits: number[] = [];
      const attempts: number[] = [];
      const client = clientFor(
        {},
        {
          backoff: { baseDelayMs: 100, maxDelayMs: 10_000 },
          random: () => 0.5,
          sleep: async (ms) => {
            waits.push(ms);
          },
          onRetry: ({ action, attempt, error }) => {
            assert.equal(action, "DescribeLiveCallbackRules");
            assert.equal(error.code, "RequestLimitExceeded");
            attempts.push(attempt);
          },
        },
      );
      await client.describeLiveCallbackRules();
      assert.deepEqual(waits, [50, 100, 200]);
      assert.deepEqual(attempts, [1, 2, 3]);
      assert.equal(client.stats().retries, 3);
      assert.equal(client.stats().calls.DescribeLiveCallbackRules, 4);
    });

    describe("on a clock that moves only while the client waits", () => {
      let clock: sinon.SinonFakeTimers;
      beforeEach(() => {
        clock = sinon.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
      });
      afterEach(() => clock.restore());
      const ticking = (options: LiveClientOptions = {}): LiveClientOptions => ({
        random: () => 0.5,
        sleep: async (ms) => {
          clock.tick(ms);
        },
        ...options,
      });

      it("retries when the wait ends exactly at the budget's end, not a millisecond later", async () => {
        // The first wait is floor(0.5 * 100) = 50 ms.
        const backoff = { baseDelayMs: 100, maxDelayMs: 100 };
        emulator.injectFaults([fault("DescribeLiveCallbackRules", "RequestLimitExceeded")]);
        const fits = clientFor(
          { "tencentcloud-live:retryTimeoutSeconds": "0.05" },
          ticking({ backoff }),
        );
        await fits.describeLiveCallbackRules();
        assert.equal(fits.stats().retries, 1);

        emulator.injectFaults([fault("DescribeLiveCallbackRules", "RequestLimitExceeded")]);
        const short = clientFor(
          { "tencentcloud-live:retryTimeoutSeconds": "0.049" },
          ticking({ backoff }),
        );
        await assert.rejects(short.describeLiveCallbackRules(), (e: Error) => {
          assert.match(
            e.message,
            /after 1 attempts in 0\.0 s \(the time budget of 0\.049 s ran out\)\.$/,
          );
          return true;
        });
        assert.equal(short.stats().retries, 0);
      });

      it("a rule create's reconcile listing stops at the create's deadline", async () => {
        emulator.injectFaults([
          { action: "CreateLiveCallbackRule", times: 1, mode: "drop-after-commit" },
          fault("DescribeLiveCallbackRules", "RequestLimitExceeded", 50),
        ]);
        const client = clientFor(
          { "tencentcloud-live:retryTimeoutSeconds": "1", "tencentcloud-live:maxRetries": "50" },
          ticking({ backoff: { baseDelayMs: 200, maxDelayMs: 200 } }),
        );
        const templateId = (await sdk().CreateLiveCallbackTemplate(TEMPLATE)).TemplateId!;
        const started = Date.now();
        await assert.rejects(
          client.createLiveCallbackRule({ ...RULE, TemplateId: templateId }),
          (e: Error) => {
            assert.match(
              e.message,
              /\(the time budget of 1 s ran out\) \(while checking with DescribeLiveCallbackRules\)\./,
            );
            assert.match(
              e.message,
              /The rule for push\.example\.com\/live may have been created\.$/,
            );
            return true;
          },
        );
        assert.ok(Date.now() - started <= 1000, `ended ${Date.now() - started} ms after it began`);
        assert.equal(calls("CreateLiveCallbackRule"), 1);
      });
    });
  });

  describe("what a failed call says", () => {
    it("a non-retryable first failure is the API's error as it came, unwrapped", async () => {
      emulator.injectFaults([fault("DescribeLiveCallbackRules", "InvalidParameter")]);
      await assert.rejects(clientFor().describeLiveCallbackRules(), (e: Rejection) => {
        assert.ok(e.requestId, "the API's RequestId is kept");
        assert.equal(
          e.message,
          `DescribeLiveCallbackRules failed: [InvalidParameter] injected InvalidParameter (RequestId ${e.requestId})`,
        );
        assert.equal(e.signedWith, "", "only an authentication failure names its signer");
        return true;
      });
    });

    it("a retryable failure with no retries allowed says the retry count ran out", async () => {
      emulator.injectFaults([fault("DescribeLiveCallbackRules", "RequestLimitExceeded")]);
      const client = clientFor({ "tencentcloud-live:maxRetries": "0" });
      await assert.rejects(client.describeLiveCallbackRules(), (e: Rejection) => {
        assert.equal(
          e.message,
          `DescribeLiveCallbackRules failed: [RequestLimitExceeded] injected RequestLimitExceeded (RequestId ${e.requestId}) after 1 attempts in 0.0 s (the retry count of 0 ran out).`,
        );
        return true;
      });
    });

    it("a non-retryable failure after retries says how many attempts were made, and nothing else", async () => {
      emulator.injectFaults([
        fault("DescribeLiveCallbackRules", "RequestLimitExceeded"),
        fault("DescribeLiveCallbackRules", "InvalidParameter"),
      ]);
      await assert.rejects(clientFor().describeLiveCallbackRules(), (e: Rejection) => {
        assert.equal(e.code, "InvalidParameter");
        assert.match(
          e.message,
          /^DescribeLiveCallbackRules failed: \[InvalidParameter\] injected InvalidParameter \(RequestId [\w-]+\) after 2 attempts in \d+\.\d s \(a non-retryable error\)\.$/,
        );
        return true;
      });
    });

    it("an authentication failure names the credential source that signed it, with its RequestId", async () => {
      const settings = settingsFor();
      const label = settings.credentialProvider?.label;
      assert.ok(label, "the settings' chain has a label");
      emulator.injectFaults([fault("DescribeLiveCallbackRules", "AuthFailure.SignatureFailure")]);
      const client = createLiveClient(settings, { rateLimiter: NO_LIMIT, sleep: async () => {} });
      await assert.rejects(client.describeLiveCallbackRules(), (e: Rejection) => {
        assert.equal(e.kind, "auth");
        assert.equal(e.signedWith, label);
        assert.ok(e.requestId);
        assert.match(e.message, new RegExp(`\\(RequestId ${e.requestId}\\)$`));
        return true;
      });

      // Refused after a retry: the wrapped error still names the signer.
      emulator.injectFaults([
        fault("DescribeLiveCallbackRules", "RequestLimitExceeded"),
        fault("DescribeLiveCallbackRules", "AuthFailure.SignatureFailure"),
      ]);
      await assert.rejects(client.describeLiveCallbackRules(), (e: Rejection) => {
        assert.match(e.message, /after 2 attempts/);
        assert.equal(e.signedWith, label);
        return true;
      });
    });

    const states: [
      string,
      LiveAction,
      (c: LiveClient, templateId: number) => Promise<unknown>,
      string,
    ][] = [
      [
        "a template modify",
        "ModifyLiveCallbackTemplate",
        (c, id) => c.modifyLiveCallbackTemplate({ TemplateId: id, Description: "x" }),
        "Template {id} may hold some of the new values; the next run compares and repairs it.",
      ],
      [
        "a template delete",
        "DeleteLiveCallbackTemplate",
        (c, id) => c.deleteLiveCallbackTemplate(id),
        "Template {id} may still exist.",
      ],
      [
        "a rule create",
        "CreateLiveCallbackRule",
        (c, id) => c.createLiveCallbackRule({ ...RULE, TemplateId: id }),
        "No rule was created for push.example.com/live.",
      ],
      [
        "a rule delete",
        "DeleteLiveCallbackRule",
        (c) => c.deleteLiveCallbackRule(RULE),
        "The rule for push.example.com/live may still exist.",
      ],
    ];
    for (const [what, action, call, state] of states) {
      it(`${what} that runs out of retries says what state the object may be in`, async () => {
        const templateId = (await sdk().CreateLiveCallbackTemplate(TEMPLATE)).TemplateId!;
        emulator.injectFaults([fault(action, "RequestLimitExceeded")]);
        const client = clientFor({ "tencentcloud-live:maxRetries": "0" });
        await assert.rejects(call(client, templateId), (e: Error) => {
          const expected = `(the retry count of 0 ran out). ${state.replace("{id}", String(templateId))}`;
          assert.ok(e.message.endsWith(expected), e.message);
          return true;
        });
      });
    }
  });

  describe("reconciling a template create whose answer was lost", () => {
    it("a throttled create is sent again without looking for it first (it changed nothing)", async () => {
      emulator.injectFaults([fault("CreateLiveCallbackTemplate", "RequestLimitExceeded")]);
      const id = await clientFor().createLiveCallbackTemplate(TEMPLATE);
      assert.ok(id > 0);
      assert.equal(calls("CreateLiveCallbackTemplate"), 2);
      assert.equal(calls("DescribeLiveCallbackTemplates"), 0);
    });

    it("after a look that found nothing, a failure says no template was created", async () => {
      emulator.injectFaults([
        { action: "CreateLiveCallbackTemplate", times: 1, mode: "http-500" },
        fault("CreateLiveCallbackTemplate", "RequestLimitExceeded"),
      ]);
      const client = clientFor({ "tencentcloud-live:maxRetries": "1" });
      await assert.rejects(client.createLiveCallbackTemplate(TEMPLATE), (e: Error) => {
        assert.match(
          e.message,
          /after 2 attempts .*\(the retry count of 1 ran out\)\. No template was created\.$/,
        );
        return true;
      });
      assert.equal(calls("DescribeLiveCallbackTemplates"), 1);
      assert.deepEqual(emulator.state().templates, []);
    });

    it("two new templates that both match: neither is taken, and the error names both", async () => {
      emulator.injectFaults([
        { action: "CreateLiveCallbackTemplate", times: 1, mode: "drop-after-commit" },
      ]);
      let raced = false;
      const client = clientFor(
        { "tencentcloud-live:maxRetries": "6" },
        {
          // Someone else makes the same template while the client waits to look for its own.
          sleep: async () => {
            if (raced) return;
            raced = true;
            await sdk().CreateLiveCallbackTemplate(TEMPLATE);
          },
        },
      );
      await assert.rejects(client.createLiveCallbackTemplate(TEMPLATE), (e: Error) => {
        const ids = emulator.state().templates.map((t) => t.TemplateId);
        assert.equal(ids.length, 2);
        assert.ok(
          e.message.includes(
            `the answer was lost, and 2 new templates named "client_tpl" hold the requested values (TemplateIds ${ids.join(", ")}): which one this call made cannot be told. Delete the extra ones in the console and run again.`,
          ),
          e.message,
        );
        assert.ok(e.message.startsWith("CreateLiveCallbackTemplate failed:"), e.message);
        assert.doesNotMatch(e.message, /while checking with/);
        // Not a network error: looking again would find the same two, so it is not retried.
        assert.match(e.message, /^CreateLiveCallbackTemplate failed: \[Client\.AmbiguousCreate\] /);
        assert.match(e.message, /after 2 attempts in [\d.]+ s \(a non-retryable error\)/);
        return true;
      });
      assert.equal(client.stats().calls.CreateLiveCallbackTemplate, 1, "no second create");
      assert.equal(client.stats().calls.DescribeLiveCallbackTemplates, 1, "one look, not six");
    });
  });

  describe("keys kept out of errors", () => {
    const KEY = "CreateKey0123456789";
    const echo = (action: LiveAction, key: string) =>
      fault(action, "InvalidParameterValue", 1, `bad value near ${key.toLowerCase()}`);

    it("the key of a create or a modify", async () => {
      emulator.injectFaults([echo("CreateLiveCallbackTemplate", KEY)]);
      await assert.rejects(
        clientFor().createLiveCallbackTemplate({ ...TEMPLATE, CallbackKey: KEY }),
        (e: Error) =>
          e.message.includes("bad value near [secret]") && !/createkey/i.test(e.message),
      );
      const templateId = (await sdk().CreateLiveCallbackTemplate(TEMPLATE)).TemplateId!;
      const other = "ModifyKey0123456789";
      emulator.injectFaults([echo("ModifyLiveCallbackTemplate", other)]);
      await assert.rejects(
        clientFor().modifyLiveCallbackTemplate({ TemplateId: templateId, CallbackKey: other }),
        (e: Error) =>
          e.message.includes("bad value near [secret]") && !/modifykey/i.test(e.message),
      );
    });

    it("a key the client read in a listing", async () => {
      await sdk().CreateLiveCallbackTemplate({ ...TEMPLATE, CallbackKey: KEY });
      const client = clientFor();
      await client.describeLiveCallbackTemplates();
      emulator.injectFaults([echo("DescribeLiveCallbackRules", KEY)]);
      await assert.rejects(
        client.describeLiveCallbackRules(),
        (e: Error) =>
          e.message.includes("bad value near [secret]") && !/createkey/i.test(e.message),
      );
    });
  });

  describe("listings and the writes that invalidate them", () => {
    it("a template listing reflects the client's own create, modify and delete", async () => {
      const client = clientFor();
      const names = async () =>
        (await client.describeLiveCallbackTemplates()).map(
          (t) => `${t.TemplateName}/${t.Description ?? ""}`,
        );
      assert.deepEqual(await names(), []);
      const id = await client.createLiveCallbackTemplate(TEMPLATE);
      assert.deepEqual(await names(), ["client_tpl/"]);
      await client.modifyLiveCallbackTemplate({ TemplateId: id, Description: "changed" });
      assert.deepEqual(await names(), ["client_tpl/changed"]);
      await client.deleteLiveCallbackTemplate(id);
      assert.deepEqual(await names(), []);
    });

    it("a rule listing reflects the client's own create and delete", async () => {
      const templateId = (await sdk().CreateLiveCallbackTemplate(TEMPLATE)).TemplateId!;
      const client = clientFor();
      const rules = async () => (await client.describeLiveCallbackRules()).map((r) => r.TemplateId);
      assert.deepEqual(await rules(), []);
      await client.createLiveCallbackRule({ ...RULE, TemplateId: templateId });
      assert.deepEqual(await rules(), [templateId]);
      await client.deleteLiveCallbackRule(RULE);
      assert.deepEqual(await rules(), []);
    });

    it("a listing is reused for readCacheSeconds (seconds, not ms), and fetched again after", async () => {
      const client = clientFor({ "tencentcloud-live:readCacheSeconds": "1" });
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      await client.describeLiveCallbackTemplates();
      // Well inside the 1 s window, however busy the machine: the same listing.
      await wait(50);
      await client.describeLiveCallbackTemplates();
      assert.equal(calls("DescribeLiveCallbackTemplates"), 1);
      // A wait only bounds time from below, so this one is past the window for sure.
      await wait(1300);
      await client.describeLiveCallbackTemplates();
      assert.equal(calls("DescribeLiveCallbackTemplates"), 2);
    });

    it("without shared reads, every template listing is a call of its own", async () => {
      const client = clientFor({}, { sharedReads: false });
      await client.describeLiveCallbackTemplates();
      await client.describeLiveCallbackTemplates();
      assert.equal(calls("DescribeLiveCallbackTemplates"), 2);
    });

    it("one template by id is that template", async () => {
      const first = (await sdk().CreateLiveCallbackTemplate(TEMPLATE)).TemplateId!;
      await sdk().CreateLiveCallbackTemplate({ ...TEMPLATE, TemplateName: "second" });
      const got = await clientFor().describeLiveCallbackTemplate(first);
      assert.equal(got.TemplateId, first);
      assert.equal(got.TemplateName, "client_tpl");
    });
  });

  describe("on the wire (a stub server)", () => {
    let server: http.Server;
    let seen: { headers: http.IncomingHttpHeaders; action: string }[];
    let connections: number;
    let answer: (action: string) => object;

    /** Answers every call with `answer(action)`, recording its headers and each new connection. */
    const listen = async (s: http.Server): Promise<http.Server> => {
      s.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
        req.resume();
        req.on("end", () => {
          const action = String(req.headers["x-tc-action"]);
          seen.push({ headers: req.headers, action });
          res.setHeader("content-type", "application/json");
          res.end(
            JSON.stringify({ Response: { ...answer(action), RequestId: `stub-${seen.length}` } }),
          );
        });
      });
      // A TLS server's "connection" is the raw socket, before the handshake: one per socket too.
      s.on("connection", () => {
        connections += 1;
      });
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
      return s;
    };
    const close = async (s: http.Server) => {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    };
    const portOf = (s: http.Server) => (s.address() as AddressInfo).port;

    beforeEach(async () => {
      seen = [];
      connections = 0;
      answer = () => ({ Rules: [] });
      server = await listen(http.createServer());
    });
    afterEach(() => close(server));

    const stubClient = (config: Record<string, string> = {}) =>
      clientFor({ "tencentcloud-live:endpoint": `http://127.0.0.1:${portOf(server)}`, ...config });

    it("sends the region when one is set, and none otherwise", async () => {
      await stubClient({ "tencentcloud:region": "ap-guangzhou" }).describeLiveCallbackRules();
      await stubClient().describeLiveCallbackRules();
      assert.deepEqual(
        seen.map((s) => s.headers["x-tc-region"]),
        ["ap-guangzhou", undefined],
      );
    });

    it("keeps the connection alive between calls", async () => {
      const client = stubClient({ "tencentcloud-live:readCacheSeconds": "0" });
      await client.describeLiveCallbackRules();
      await client.describeLiveCallbackRules();
      assert.equal(seen.length, 2);
      assert.equal(connections, 1);
    });

    it("a create answered without a TemplateId fails, naming the action", async () => {
      answer = () => ({});
      await assert.rejects(stubClient().createLiveCallbackTemplate(TEMPLATE), (e: Rejection) => {
        assert.equal(e.action, "CreateLiveCallbackTemplate");
        assert.match(
          e.message,
          /^CreateLiveCallbackTemplate failed: \[Client\.NoTemplateId\] the answer carried no TemplateId$/,
        );
        return true;
      });
    });

    describe("over https", () => {
      let tlsFiles: { key: string; cert: string } | undefined;
      before(function () {
        // A throwaway self-signed pair, made here so that no private key lives in the repository.
        const dir = mkdtempSync(join(tmpdir(), "client-tls-"));
        try {
          execFileSync(
            "openssl",
            [
              "req",
              "-x509",
              "-newkey",
              "rsa:2048",
              "-nodes",
              "-days",
              "1",
              "-subj",
              "/CN=127.0.0.1",
            ].concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
            { stdio: "ignore" },
          );
          tlsFiles = {
            key: readFileSync(join(dir, "key.pem"), "utf8"),
            cert: readFileSync(join(dir, "cert.pem"), "utf8"),
          };
        } catch {
          tlsFiles = undefined;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        if (!tlsFiles) {
          // CI installs openssl (.ci/run), so there a missing one is a failure, not a skip.
          if (process.env.CI === "true") throw new Error("openssl is needed to make a test pair");
          this.skip();
        }
      });

      let rejectUnauthorized: string | undefined;
      beforeEach(() => {
        // The client's own agent has no way to be told of the stub's CA; the stub's name and
        // chain are not what these tests are about.
        rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
      });
      afterEach(() => {
        if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
      });

      it("speaks TLS to an https endpoint and keeps that connection alive", async () => {
        const tlsServer = await listen(https.createServer(tlsFiles!));
        try {
          const client = clientFor({
            "tencentcloud-live:endpoint": `https://127.0.0.1:${portOf(tlsServer)}`,
            "tencentcloud-live:readCacheSeconds": "0",
            "tencentcloud-live:maxRetries": "0",
          });
          await client.describeLiveCallbackRules();
          await client.describeLiveCallbackRules();
          assert.equal(seen.length, 2);
          assert.equal(connections, 1);
        } finally {
          await close(tlsServer);
        }
      });
    });
  });
});
