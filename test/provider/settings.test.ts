import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

import type * as dynamic from "@pulumi/pulumi/dynamic";
import sinon from "sinon";

import {
  DEFAULT_ENDPOINT,
  isLoopbackHost,
  parseEndpoint,
  resolveSettings,
  SettingsError,
  type ConfigSource,
} from "../../src/api/settings";
import { binding, configure, processContext, template } from "../../src/provider/index";
import { startSilentServer } from "../credentials/support";
import { rejection } from "./stubClient";

const ID = "AKIDexampleId0001";
const SECRET = "exampleSecretKeyValue0001";
const CREDS_ENV = { TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: SECRET };

function config(map: Record<string, string>): ConfigSource {
  return { get: (k) => map[k] };
}

const noConfig: ConfigSource = { get: () => undefined };

function settingsError(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SettingsError, `not a SettingsError: ${String(e)}`);
    return e;
  }
  assert.fail("expected a SettingsError");
}

describe("api/settings resolveSettings", () => {
  it("takes credentials from the environment when the config has none", () => {
    const s = resolveSettings(noConfig, { ...CREDS_ENV, TENCENTCLOUD_SECURITY_TOKEN: "tok" });
    assert.deepEqual(s.credentials, { secretId: ID, secretKey: SECRET, token: "tok" });
    assert.equal(s.region, undefined);
  });

  it("prefers the stack config over the environment, setting by setting", () => {
    const s = resolveSettings(
      config({
        "tencentcloud:secretId": "cfgId",
        "tencentcloud:region": "ap-shanghai",
        "tencentcloud-live:maxRetries": "2",
      }),
      { ...CREDS_ENV, TENCENTCLOUD_REGION: "ap-guangzhou", TENCENTCLOUD_LIVE_MAX_RETRIES: "9" },
    );
    assert.equal(s.credentials?.secretId, "cfgId");
    assert.equal(s.credentials?.secretKey, SECRET);
    assert.equal(s.region, "ap-shanghai");
    assert.equal(s.maxRetries, 2);
  });

  it("falls back to the environment for blank config values, and trims", () => {
    const s = resolveSettings(config({ "tencentcloud:secretId": "   " }), {
      TENCENTCLOUD_SECRET_ID: ` ${ID} `,
      TENCENTCLOUD_SECRET_KEY: SECRET,
    });
    assert.equal(s.credentials?.secretId, ID);
  });

  it("works without a config source at all", () => {
    assert.equal(resolveSettings(undefined, CREDS_ENV).credentials?.secretId, ID);
  });

  it("names both ways of setting missing credentials, and never prints the key", () => {
    const both = settingsError(() => resolveSettings(noConfig, {}));
    assert.match(both.message, /secretId and secretKey/);
    assert.match(both.message, /tencentcloud:secretId/);
    assert.match(both.message, /tencentcloud:secretKey/);
    assert.match(both.message, /TENCENTCLOUD_SECRET_ID/);
    assert.match(both.message, /TENCENTCLOUD_SECRET_KEY/);

    const keyOnly = settingsError(() =>
      resolveSettings(config({ "tencentcloud:secretId": ID }), {}),
    );
    assert.match(keyOnly.message, /missing \(secretKey\)/);

    const idOnly = settingsError(() =>
      resolveSettings(noConfig, { TENCENTCLOUD_SECRET_KEY: SECRET }),
    );
    assert.match(idOnly.message, /missing \(secretId\)/);
    assert.ok(!idOnly.message.includes(SECRET));
  });

  it("defaults every knob", () => {
    const s = resolveSettings(noConfig, CREDS_ENV);
    assert.equal(s.endpoint.href, `${DEFAULT_ENDPOINT}/`);
    assert.equal(s.endpoint.protocol, "https:");
    assert.equal(s.endpoint.host, "live.tencentcloudapi.com");
    assert.deepEqual(
      {
        maxRetries: s.maxRetries,
        retryTimeoutSeconds: s.retryTimeoutSeconds,
        requestTimeoutSeconds: s.requestTimeoutSeconds,
        writeRateLimit: s.writeRateLimit,
        readRateLimit: s.readRateLimit,
        readCacheSeconds: s.readCacheSeconds,
      },
      {
        maxRetries: 6,
        retryTimeoutSeconds: 120,
        requestTimeoutSeconds: 30,
        writeRateLimit: 180,
        readRateLimit: 450,
        readCacheSeconds: 30,
      },
    );
  });

  it("reads the endpoint from TENCENTCLOUD_LIVE_ENDPOINT", () => {
    const s = resolveSettings(noConfig, {
      ...CREDS_ENV,
      TENCENTCLOUD_LIVE_ENDPOINT: "https://live.ap-singapore.example.com",
    });
    assert.equal(s.endpoint.host, "live.ap-singapore.example.com");
  });

  it("prefers tencentcloud-live:endpoint over the environment", () => {
    const s = resolveSettings(config({ "tencentcloud-live:endpoint": "http://127.0.0.1:9000" }), {
      ...CREDS_ENV,
      TENCENTCLOUD_LIVE_ENDPOINT: "https://env.example.com",
    });
    assert.equal(s.endpoint.href, "http://127.0.0.1:9000/");
  });

  it("refuses plain http:// off loopback, naming the source and host", () => {
    const fromEnv = settingsError(() =>
      resolveSettings(noConfig, {
        ...CREDS_ENV,
        TENCENTCLOUD_LIVE_ENDPOINT: "http://10.0.0.5:9000",
      }),
    );
    assert.match(fromEnv.message, /env TENCENTCLOUD_LIVE_ENDPOINT/);
    assert.match(fromEnv.message, /10\.0\.0\.5/);
    assert.match(fromEnv.message, /https:\/\//);

    const fromConfig = settingsError(() =>
      resolveSettings(
        config({ "tencentcloud-live:endpoint": "http://live.example.com" }),
        CREDS_ENV,
      ),
    );
    assert.match(fromConfig.message, /config tencentcloud-live:endpoint/);
  });

  for (const endpoint of [
    "http://127.0.0.1:9000",
    "http://127.8.9.10",
    "http://localhost:9000",
    "http://[::1]:9000",
  ]) {
    it(`accepts plain http:// on loopback: ${endpoint}`, () => {
      const s = resolveSettings(noConfig, { ...CREDS_ENV, TENCENTCLOUD_LIVE_ENDPOINT: endpoint });
      assert.equal(s.endpoint.protocol, "http:");
      assert.equal(s.endpoint.href, new URL(endpoint).href);
    });
  }

  it("refuses an endpoint that is not a URL, of another scheme, or with a path", () => {
    for (const [endpoint, pattern] of [
      ["live.tencentcloudapi.com", /must be a full URL/],
      ["ftp://live.example.com", /must use https:\/\//],
      ["https://live.example.com/v3", /must not have a path/],
      ["https://live.example.com/?x=1", /must not have a path/],
    ] as const) {
      const err = settingsError(() =>
        resolveSettings(noConfig, { ...CREDS_ENV, TENCENTCLOUD_LIVE_ENDPOINT: endpoint }),
      );
      assert.match(err.message, pattern, endpoint);
      assert.match(err.message, /TENCENTCLOUD_LIVE_ENDPOINT/, endpoint);
    }
  });

  it("refuses bad numbers, naming the key they came from", () => {
    const cases: [Record<string, string>, Record<string, string>, RegExp][] = [
      [{}, { TENCENTCLOUD_LIVE_MAX_RETRIES: "many" }, /env TENCENTCLOUD_LIVE_MAX_RETRIES.*"many"/],
      [
        {},
        { TENCENTCLOUD_LIVE_MAX_RETRIES: "-1" },
        /TENCENTCLOUD_LIVE_MAX_RETRIES must be a number >= 0/,
      ],
      [
        { "tencentcloud-live:writeRateLimit": "0" },
        {},
        /config tencentcloud-live:writeRateLimit must be a number >= 0\.001/,
      ],
      [{ "tencentcloud-live:readRateLimit": "Infinity" }, {}, /tencentcloud-live:readRateLimit/],
      [
        {},
        { TENCENTCLOUD_LIVE_REQUEST_TIMEOUT_SECONDS: "30s" },
        /TENCENTCLOUD_LIVE_REQUEST_TIMEOUT_SECONDS/,
      ],
      [
        {},
        { TENCENTCLOUD_LIVE_RETRY_TIMEOUT_SECONDS: "-5" },
        /TENCENTCLOUD_LIVE_RETRY_TIMEOUT_SECONDS/,
      ],
      [{ "tencentcloud-live:readCacheSeconds": "NaN" }, {}, /tencentcloud-live:readCacheSeconds/],
    ];
    for (const [cfg, env, pattern] of cases) {
      const err = settingsError(() => resolveSettings(config(cfg), { ...CREDS_ENV, ...env }));
      assert.match(err.message, pattern);
    }
  });

  it("accepts numbers at their minimum and floors the retry count", () => {
    const s = resolveSettings(
      config({ "tencentcloud-live:readCacheSeconds": "0", "tencentcloud-live:maxRetries": "2.7" }),
      {
        ...CREDS_ENV,
        TENCENTCLOUD_LIVE_WRITE_RATE_LIMIT: "0.5",
        TENCENTCLOUD_LIVE_MAX_RETRIES: "0",
      },
    );
    assert.equal(s.readCacheSeconds, 0);
    assert.equal(s.maxRetries, 2);
    assert.equal(s.writeRateLimit, 0.5);
  });
});

describe("api/settings parseEndpoint / isLoopbackHost", () => {
  it("knows loopback hosts", () => {
    for (const h of [
      "localhost",
      "LOCALHOST",
      "127.0.0.1",
      "::ffff:127.0.0.1",
      "127.255.0.1",
      "[::1]",
      "::1",
      "0:0:0:0:0:0:0:1",
    ]) {
      assert.equal(isLoopbackHost(h), true, h);
    }
    for (const h of [
      "10.0.0.5",
      "128.0.0.1",
      "localhost.example.com",
      // A name under .localhost resolves to loopback only on some resolvers.
      "api.localhost",
      "::2",
      "0.0.0.0",
      "example.com",
    ]) {
      assert.equal(isLoopbackHost(h), false, h);
    }
  });

  it("labels the error with the default name when no source is given", () => {
    const err = settingsError(() => parseEndpoint("nope"));
    assert.match(err.message, /^endpoint must be a full URL/);
  });

  it("labels every error, rule and value included, with the default name when no source is given", () => {
    for (const from of [undefined, ""]) {
      const messages = [
        "nope",
        "ftp://live.example.com",
        "http://10.0.0.5:9000",
        "https://live.example.com/v3",
      ].map((text) => settingsError(() => parseEndpoint(text, from)).message);
      assert.deepEqual(messages, [
        'endpoint must be a full URL such as https://live.tencentcloudapi.com, got "nope".',
        'endpoint must use https:// (or http:// on loopback), got "ftp://live.example.com".',
        "endpoint uses plain http:// to 10.0.0.5, which is not a loopback address: requests carry " +
          "the callback key, so only https:// is allowed off this machine.",
        'endpoint must not have a path, query or fragment, got "https://live.example.com/v3".',
      ]);
    }
  });

  it("is a SettingsError by name, as printed", () => {
    const err = settingsError(() => parseEndpoint("nope"));
    assert.equal(err.name, "SettingsError");
    assert.match(String(err), /^SettingsError: endpoint must be a full URL/);
  });
});

describe("api/settings STS and metadata endpoints", () => {
  for (const [name, configKey, envKey] of [
    ["STS", "tencentcloud-live:stsEndpoint", "TENCENTCLOUD_STS_ENDPOINT"],
    ["metadata", "tencentcloud-live:metadataEndpoint", "TENCENTCLOUD_METADATA_ENDPOINT"],
  ] as const) {
    it(`names the config key or variable of a bad ${name} endpoint, the rule and the value`, () => {
      const fromConfig = settingsError(() =>
        resolveSettings(config({ [configKey]: "http://10.0.0.5" }), CREDS_ENV),
      );
      assert.equal(
        fromConfig.message,
        `config ${configKey} uses plain http:// to 10.0.0.5, which is not a loopback address: ` +
          "requests carry the callback key, so only https:// is allowed off this machine.",
      );
      const fromEnv = settingsError(() =>
        resolveSettings(noConfig, { ...CREDS_ENV, [envKey]: "https://sts.example.com/x" }),
      );
      assert.equal(
        fromEnv.message,
        `env ${envKey} must not have a path, query or fragment, got "https://sts.example.com/x".`,
      );
    });
  }

  /** Account-checked static keys: the first credential asks STS GetCallerIdentity. */
  const accountChecked = {
    "tencentcloud:secretId": ID,
    "tencentcloud:secretKey": SECRET,
    "tencentcloud:allowedAccountIds": '["100000000001"]',
  };

  it("asks STS at sts.tencentcloudapi.com when no endpoint is set", async () => {
    const hosts: string[] = [];
    // Nothing leaves the machine: the request is recorded and refused before any connection.
    const request = sinon.stub(https, "request").callsFake((options: unknown) => {
      hosts.push(String((options as { hostname?: string }).hostname));
      throw new Error("refused by the test");
    });
    try {
      const s = resolveSettings(config(accountChecked), {});
      await assert.rejects(s.credentialProvider!.getCredential(), /GetCallerIdentity failed/);
    } finally {
      request.restore();
    }
    assert.ok(hosts.length > 0);
    assert.deepEqual([...new Set(hosts)], ["sts.tencentcloudapi.com"]);
  });

  it("asks STS where the Live endpoint points, with the region or ap-guangzhou", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ Response: { AccountId: "100000000001", RequestId: "r1" } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const region of [undefined, "ap-shanghai"]) {
        const s = resolveSettings(
          config({
            ...accountChecked,
            "tencentcloud-live:endpoint": endpoint,
            ...(region ? { "tencentcloud:region": region } : {}),
          }),
          {},
        );
        const credential = await s.credentialProvider!.getCredential();
        assert.equal(credential.secretId, ID);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(
      seen.map((h) => [h["x-tc-action"], h["x-tc-region"]]),
      [
        ["GetCallerIdentity", "ap-guangzhou"],
        ["GetCallerIdentity", "ap-shanghai"],
      ],
    );
  });

  it("waits for the metadata service no longer than the request timeout when that is under 5 s", async () => {
    const silent = await startSilentServer();
    try {
      const s = resolveSettings(
        config({
          "tencentcloud:camRoleName": "cvm-role",
          "tencentcloud-live:metadataEndpoint": `http://127.0.0.1:${silent.port}`,
          "tencentcloud-live:requestTimeoutSeconds": "0.5",
        }),
        {},
      );
      const started = Date.now();
      await assert.rejects(s.credentialProvider!.getCredential(), /CVM instance role/);
      const took = Date.now() - started;
      // Half a second, not the 5 s cap: the margin is wide for a busy machine both ways.
      assert.ok(took >= 400 && took < 3000, `took ${took} ms`);
    } finally {
      silent.stop();
    }
  });
});

describe("provider/index configure and processContext", () => {
  const saved: Record<string, string | undefined> = {};

  before(() => {
    for (const k of Object.keys(process.env)) {
      if (k.startsWith("TENCENTCLOUD")) {
        saved[k] = process.env[k];
        delete process.env[k];
      }
    }
  });

  afterEach(() => {
    for (const k of Object.keys(process.env)) {
      if (k.startsWith("TENCENTCLOUD")) delete process.env[k];
    }
  });

  after(() => {
    for (const [k, v] of Object.entries(saved)) process.env[k] = v;
  });

  const req = (src: ConfigSource) => ({ config: src }) as unknown as dynamic.ConfigureRequest;

  it("accepts a config without credentials; only using the client fails", async () => {
    await configure(req(noConfig));
    let thrown: unknown;
    try {
      processContext.client();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof SettingsError, String(thrown));
    assert.match(thrown.message, /tencentcloud:secretId/);
    assert.match(thrown.message, /TENCENTCLOUD_SECRET_ID/);
  });

  it("resolves credentials when the client is first needed, not at configure", async () => {
    await configure(req(config({ "tencentcloud:region": "lazy-test" })));
    process.env.TENCENTCLOUD_SECRET_ID = ID;
    process.env.TENCENTCLOUD_SECRET_KEY = SECRET;
    const client = processContext.client();
    assert.equal(typeof client.describeLiveCallbackTemplates, "function");
    assert.deepEqual(client.stats(), { calls: {}, retries: 0, tokenRenewals: 0 });
  });

  it("keeps the client for the same config and rebuilds it when the config changes", async () => {
    const creds = { "tencentcloud:secretId": ID, "tencentcloud:secretKey": SECRET };
    await configure(req(config({ ...creds, "tencentcloud:region": "ap-a" })));
    const first = processContext.client();
    assert.equal(processContext.client(), first);
    await configure(req(config({ ...creds, "tencentcloud:region": "ap-a" })));
    assert.equal(processContext.client(), first);
    await configure(req(config({ ...creds, "tencentcloud:region": "ap-b" })));
    assert.notEqual(processContext.client(), first);
  });

  it("surfaces missing credentials from a provider function, naming config and env", async () => {
    await configure(req(config({ "tencentcloud:region": "no-creds" })));
    const err = await rejection(
      template.diff("12", { templateName: "t", templateId: 12 }, { templateName: "t" }),
    );
    assert.match(err.message, /^Diffing CallbackTemplate "t"/);
    assert.match(err.message, /tencentcloud:secretId/);
    assert.match(err.message, /TENCENTCLOUD_SECRET_ID/);
  });

  it("prefixes the failure of every entry point the same way, missing credentials included", async () => {
    await configure(req(config({ "tencentcloud:region": "no-creds-all" })));
    const t = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b" };
    const tOut = { ...t, templateId: 12 };
    const b = { domainName: "push.example.com", appName: "live", templateId: 12 };
    const calls: [string, () => Promise<unknown>][] = [
      ['Diffing CallbackTemplate "t" (TemplateId 12)', () => template.diff("12", tOut, t)],
      ['Creating CallbackTemplate "t"', () => template.create(t)],
      ['Reading CallbackTemplate "t" (TemplateId 12)', () => template.read("12", tOut)],
      ['Updating CallbackTemplate "t" (TemplateId 12)', () => template.update("12", tOut, t)],
      ['Deleting CallbackTemplate "t" (TemplateId 12)', () => template.delete("12", tOut)],
      ['Diffing DomainCallbackBinding "push.example.com/live"', () => binding.diff("x", b, b)],
      ['Creating DomainCallbackBinding "push.example.com/live"', () => binding.create(b)],
      ['Reading DomainCallbackBinding "push.example.com/live"', () => binding.read("x", b)],
      ['Updating DomainCallbackBinding "push.example.com/live"', () => binding.update("x", b, b)],
      ['Deleting DomainCallbackBinding "push.example.com/live"', () => binding.delete("x", b)],
    ];
    for (const [prefix, call] of calls) {
      const err = await rejection(call());
      assert.ok(
        err.message.startsWith(`${prefix}: Tencent Cloud credentials are missing`),
        err.message,
      );
    }
  });
});
