/**
 * A `LiveClient` whose eight actions and `stats` are sinon stubs, and a provider context around
 * it. Listings answer `[]` by default; every write rejects until a test says what it should do,
 * so an unexpected write fails loudly instead of passing silently.
 */
import sinon from "sinon";

import type { LiveClient } from "../../src/api/client";
import { LiveApiError } from "../../src/api/errors";
import type { LiveAction } from "../../src/api/models";
import { findRule } from "../../src/api/rules";
import type { ProviderContext } from "../../src/provider/context";

/** `LiveClient` with every method replaced by a typed stub. */
export type StubClient = {
  [K in keyof LiveClient]: sinon.SinonStub<Parameters<LiveClient[K]>, ReturnType<LiveClient[K]>>;
};

/** Names of the five methods that change the account. */
export const WRITE_METHODS = [
  "createLiveCallbackTemplate",
  "modifyLiveCallbackTemplate",
  "deleteLiveCallbackTemplate",
  "createLiveCallbackRule",
  "deleteLiveCallbackRule",
] as const;

/** Names of the eight API methods (not `stats`). */
export const API_METHODS = [
  ...WRITE_METHODS,
  "describeLiveCallbackTemplate",
  "describeLiveCallbackTemplates",
  "describeLiveCallbackRules",
  "findLiveCallbackRule",
] as const;

function unexpected(name: string): Error {
  return new Error(`stubClient: unexpected call to ${name}`);
}

/** A fresh stub client. */
export function stubClient(): StubClient {
  const client: StubClient = {
    createLiveCallbackTemplate: sinon.stub(),
    modifyLiveCallbackTemplate: sinon.stub(),
    deleteLiveCallbackTemplate: sinon.stub(),
    describeLiveCallbackTemplate: sinon.stub(),
    describeLiveCallbackTemplates: sinon.stub(),
    createLiveCallbackRule: sinon.stub(),
    deleteLiveCallbackRule: sinon.stub(),
    describeLiveCallbackRules: sinon.stub(),
    findLiveCallbackRule: sinon.stub(),
    protectSecret: sinon.stub(),
    stats: sinon.stub(),
  };
  for (const name of WRITE_METHODS) client[name].rejects(unexpected(name));
  client.describeLiveCallbackTemplate.rejects(unexpected("describeLiveCallbackTemplate"));
  client.describeLiveCallbackTemplates.resolves([]);
  client.describeLiveCallbackRules.resolves([]);
  // Like the real client, the lookup of one rule reads the rules listing.
  client.findLiveCallbackRule.callsFake(async (domainName, appName) =>
    findRule(await client.describeLiveCallbackRules(), domainName, appName),
  );
  client.stats.returns({ calls: {}, retries: 0, tokenRenewals: 0 });
  return client;
}

/** A provider context over a stub client, with `log` as a spy. */
export function stubContext(client: StubClient = stubClient()): {
  ctx: ProviderContext;
  client: StubClient;
  log: sinon.SinonSpy<[string], void>;
  /** Every line logged so far. */
  lines: () => string[];
} {
  const log = sinon.spy<(line: string) => void>(() => undefined);
  const ctx: ProviderContext = { client: () => client, log };
  return { ctx, client, log, lines: () => log.args.map((a) => a[0]) };
}

/** Asserts that no method that changes the account was called. */
export function assertNoWrites(client: StubClient): void {
  for (const name of WRITE_METHODS) sinon.assert.notCalled(client[name]);
}

/** Asserts that no API method at all was called. */
export function assertNoCalls(client: StubClient): void {
  for (const name of API_METHODS) sinon.assert.notCalled(client[name]);
}

/** An API error as the real client throws it. */
export function apiError(action: LiveAction, code: string, requestId = "req-0001"): LiveApiError {
  return new LiveApiError({ action, code, message: `simulated ${code}`, requestId });
}

/** The failure of a rejected promise, for asserting on its message. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-Error: ${String(e)}`);
  }
  throw new Error("expected the promise to reject, but it resolved");
}
