/**
 * Test helpers for anything that talks to the Live API emulator: start an emulator with a real
 * SDK client pointed at it, call the admin routes, and sign raw API requests with a small signer
 * written from the protocol description (independent of the emulator's verifier, so a verifier
 * bug cannot hide behind a shared implementation).
 */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import {
  startEmulator,
  type EmulatorCredentials,
  type EmulatorHandle,
  type EmulatorOptions,
} from "../../src/emulator";

/** The SDK's Live client. */
export type LiveClient = InstanceType<typeof Client>;

/** Options of {@link makeLiveClient}. */
export interface LiveClientOptions {
  /** Credentials to sign with; default: the emulator's own. */
  credentials?: EmulatorCredentials;
  /** SDK request timeout in seconds (fractions allowed); default 5. */
  reqTimeout?: number;
  /** Endpoint `host:port`; default: the emulator's. */
  endpoint?: string;
}

/**
 * A real SDK client for `emulator`. It gets its own non-keep-alive agent because the SDK would
 * otherwise route through `process.env.http_proxy` when that is set.
 */
export function makeLiveClient(
  emulator: EmulatorHandle,
  options: LiveClientOptions = {},
): LiveClient {
  return new Client({
    credential: options.credentials ?? emulator.credentials,
    profile: {
      httpProfile: {
        endpoint: options.endpoint ?? emulator.endpoint,
        protocol: "http://",
        reqTimeout: options.reqTimeout ?? 5,
        agent: new http.Agent({ keepAlive: false }),
      },
    },
  });
}

/** A started emulator with a client for it. */
export interface TestEmulator {
  emulator: EmulatorHandle;
  client: LiveClient;
}

/**
 * Registers mocha hooks that start an emulator (with an SDK client) before the suite, stop it
 * after, and reset its account before each test. The returned object is filled in `before`.
 */
export function useTestEmulator(
  options: EmulatorOptions = {},
  clientOptions: LiveClientOptions = {},
): TestEmulator {
  const t = {} as TestEmulator;
  before(async () => {
    Object.assign(t, await startTestEmulator(options, clientOptions));
  });
  after(async () => {
    await t.emulator?.stop();
  });
  beforeEach(async () => {
    await t.emulator.reset();
  });
  return t;
}

/** Starts an emulator on a free loopback port and makes an SDK client for it. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
  clientOptions: LiveClientOptions = {},
): Promise<TestEmulator> {
  const emulator = await startEmulator(options);
  return { emulator, client: makeLiveClient(emulator, clientOptions) };
}

/** What the SDK throws (`TencentCloudSDKHttpException` plus the fields it sets). */
export interface SdkError {
  message: string;
  code?: string;
  requestId: string;
  httpCode?: number;
}

/** Awaits `promise`, asserts that it rejects, and returns the rejection. */
export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    return err as SdkError;
  }
  assert.fail("expected the call to fail");
}

/**
 * Asserts that `promise` rejects with the API error `code` and a non-empty RequestId; returns
 * the error for further checks.
 */
export async function expectApiError(promise: Promise<unknown>, code: string): Promise<SdkError> {
  const err = await sdkError(promise);
  assert.equal(err.code, code, `expected ${code}, got ${String(err.code)}: ${err.message}`);
  assert.ok(err.requestId, "the error has a RequestId");
  return err;
}

/** A JSON answer from the emulator. */
export interface JsonAnswer {
  status: number;
  json: unknown;
}

/** Sends one HTTP request to the emulator (no agent reuse, no proxy) and parses a JSON answer. */
export function httpRequest(
  emulator: EmulatorHandle,
  method: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: emulator.host, port: emulator.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
          } catch {
            reject(new Error(`not JSON (HTTP ${res.statusCode}): ${text}`));
          }
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Calls an admin route; `body` is sent as JSON when given. */
export function adminCall(
  emulator: EmulatorHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return httpRequest(emulator, method, path, text, { "Content-Type": "application/json" });
}

/** Inputs of {@link tc3Sign}. */
export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** UNIX seconds that go into X-TC-Timestamp. */
  timestamp: number;
  /** Credential scope service; default `live`. */
  service?: string;
  /** Credential scope date; default the UTC date of `timestamp`. */
  date?: string;
  /** Value signed as `host:` (lower-case host name, as the Node SDK does). */
  host: string;
  contentType: string;
  body: string;
}

/**
 * TC3-HMAC-SHA256 `Authorization` header value, written from the protocol description:
 * canonical request → string to sign → derived key → hex HMAC.
 */
export function tc3Sign(input: Tc3Input): string {
  const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
  const mac = (key: string | Buffer, s: string): Buffer =>
    createHmac("sha256", key).update(s, "utf8").digest();
  const date = input.date ?? new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const service = input.service ?? "live";
  const canonical =
    `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\n` +
    `content-type;host\n${sha256(input.body)}`;
  const scope = `${date}/${service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = mac(mac(mac(`TC3${input.secretKey}`, date), service), "tc3_request");
  const signature = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/** Options of {@link rawApiCall}; everything but `action` has a working default. */
export interface RawCallOptions {
  action: string;
  /** Request body; objects are JSON-encoded. Default `{}`. */
  body?: string | object;
  version?: string;
  secretId?: string;
  secretKey?: string;
  token?: string;
  /** X-TC-Timestamp; default now. */
  timestamp?: number;
  service?: string;
  date?: string;
  /** Host header sent (and signed, without its port); default the emulator's `host:port`. */
  hostHeader?: string;
  /** Replaces the computed Authorization header. */
  authorization?: string;
}

/** Sends one API request signed with {@link tc3Sign}; returns the HTTP status and JSON body. */
export function rawApiCall(emulator: EmulatorHandle, options: RawCallOptions): Promise<JsonAnswer> {
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body ?? {});
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hostHeader = options.hostHeader ?? emulator.endpoint;
  const contentType = "application/json";
  const authorization =
    options.authorization ??
    tc3Sign({
      secretId: options.secretId ?? emulator.credentials.secretId,
      secretKey: options.secretKey ?? emulator.credentials.secretKey,
      timestamp,
      service: options.service,
      date: options.date,
      host: new URL(`http://${hostHeader}`).hostname,
      contentType,
      body,
    });
  const headers: Record<string, string> = {
    Host: hostHeader,
    "Content-Type": contentType,
    Authorization: authorization,
    "X-TC-Action": options.action,
    "X-TC-Version": options.version ?? "2018-08-01",
    "X-TC-Timestamp": String(timestamp),
  };
  if (options.token !== undefined) headers["X-TC-Token"] = options.token;
  return httpRequest(emulator, "POST", "/", body, headers);
}

/** The `Response.Error.Code` of a raw answer, or `undefined` on success. */
export function errorCode(answer: JsonAnswer): string | undefined {
  const response = (answer.json as { Response: { Error?: { Code: string } } }).Response;
  return response.Error?.Code;
}

/** The `Response.RequestId` of a raw answer. */
export function requestIdOf(answer: JsonAnswer): string {
  return (answer.json as { Response: { RequestId: string } }).Response.RequestId;
}

/** A template body with one callback URL, for tests that just need a valid template. */
export function minimalTemplate(name = "tpl"): {
  TemplateName: string;
  StreamBeginNotifyUrl: string;
} {
  return { TemplateName: name, StreamBeginNotifyUrl: "https://hooks.example.com/begin" };
}
