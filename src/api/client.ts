/**
 * The one typed client of the eight Live callback actions, used by the provider, the lookup
 * functions and the tests. Every call goes through the same pipeline: the process-wide rate
 * limiter, the SDK's signed HTTP request with a timeout, error classification, and retries with
 * backoff. Writes that are not idempotent are reconciled before they are sent again, so a write
 * that landed although its answer was lost is never applied twice.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { Client as SdkLiveClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import { CLIENT_CODES, fromSdkError, LiveApiError } from "./errors";
import type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackRuleRequest,
  CreateLiveCallbackTemplateRequest,
  DeleteLiveCallbackRuleRequest,
  LiveAction,
  ModifyLiveCallbackTemplateRequest,
} from "./models";
import { isReadAction } from "./models";
import { createRateLimiter, type RateLimiter } from "./rateLimiter";
import { findRule, ruleKey } from "./rules";
import { matchesRequest } from "./templateMatch";
import { sharedRead } from "./readCache";
import { backoffDelay, DEFAULT_BACKOFF, isAmbiguous, isRetryable, type RetryPolicy } from "./retry";
import { SettingsError } from "./configSource";
import { CredentialError, MISSING_CREDENTIALS, type CredentialProvider } from "./credentials";
import type { LiveSettings } from "./settings";

/** The eight actions, typed. Each method throws {@link LiveApiError} on failure. */
export interface LiveClient {
  /**
   * Creates a template and returns its id. After a lost answer, the template this call made is
   * looked for before the request is sent again (see {@link CreateTemplateOptions}).
   */
  createLiveCallbackTemplate(
    req: CreateLiveCallbackTemplateRequest,
    options?: CreateTemplateOptions,
  ): Promise<number>;
  /** Changes the fields present in `req`; `""` clears a field. */
  modifyLiveCallbackTemplate(req: ModifyLiveCallbackTemplateRequest): Promise<void>;
  /** Deletes a template; a delete whose lost answer had landed counts as done. */
  deleteLiveCallbackTemplate(templateId: number): Promise<void>;
  /** One template by id, always from the API (not from the shared listing). */
  describeLiveCallbackTemplate(templateId: number): Promise<CallBackTemplateInfo>;
  /**
   * Every template of the account, from the shared listing (see `sharedReads`): it reflects
   * every template write this client made. `fresh` forces a new listing.
   */
  describeLiveCallbackTemplates(options?: ListOptions): Promise<CallBackTemplateInfo[]>;
  /** Creates a rule; after a lost answer it looks for the rule before sending it again. */
  createLiveCallbackRule(req: CreateLiveCallbackRuleRequest): Promise<void>;
  /** Deletes the rule of (domain, app); a delete whose lost answer had landed counts as done. */
  deleteLiveCallbackRule(req: DeleteLiveCallbackRuleRequest): Promise<void>;
  /**
   * Every rule of the account, from the shared listing (see `sharedReads`): it reflects every
   * rule write this client made. `fresh` forces a new listing.
   */
  describeLiveCallbackRules(options?: ListOptions): Promise<CallBackRuleInfo[]>;
  /**
   * The rule for (domain, app), if any, from a shared listing that reflects every write this
   * client made to that rule. The domain matches in any letter case (see `rules.ts`). There is no such API action: concurrent lookups of different rules
   * share one DescribeLiveCallbackRules call even while other rules are being written.
   */
  findLiveCallbackRule(
    domainName: string,
    appName: string,
    options?: FindRuleOptions,
  ): Promise<CallBackRuleInfo | undefined>;
  /**
   * Adds a value that must never appear in an error this client throws, in any letter case. Keys
   * in requests and in the templates the API returns are added by the client itself; callers add
   * the keys they know of otherwise (the last applied key during a key change, say), since an
   * API message may echo any of them.
   */
  protectSecret(value: string | null | undefined): void;
  /** Calls sent per action and retries made, since the client was created. */
  stats(): ClientStats;
}

/** Options of {@link LiveClient.createLiveCallbackTemplate}. */
export interface CreateTemplateOptions {
  /**
   * Ids of the templates that existed before this create (from the caller's listing). When an
   * answer is lost, only a template that is not among them, has the requested name and holds
   * the requested values counts as made by this call: a template someone else made meanwhile is
   * never mistaken for this call's.
   */
  existingIds?: Iterable<number>;
}

/** Options of {@link LiveClient.findLiveCallbackRule}. */
export interface FindRuleOptions {
  /**
   * Oldest listing that will do, in ms (never more than the read cache window): a caller that
   * must not miss a rule made elsewhere moments ago asks for a young one.
   */
  maxAgeMs?: number;
}

/** Options of the listing methods. */
export interface ListOptions {
  /** Ignore any cached listing and fetch a new one. */
  fresh?: boolean;
}

/** Counters kept by a {@link LiveClient}. */
export interface ClientStats {
  /** Attempts sent per action, retries included. */
  calls: Partial<Record<LiveAction, number>>;
  /** Attempts that were retries. */
  retries: number;
  /** Calls refused with `AuthFailure.TokenFailure` that renewed the credential and were resent. */
  tokenRenewals: number;
}

/** Optional knobs of {@link createLiveClient}, mostly for tests and benchmarks. */
export interface LiveClientOptions {
  /** Answer all listings from one shared call (default true). */
  sharedReads?: boolean;
  /** Limiter to share; by default the process-wide one. */
  rateLimiter?: RateLimiter;
  /** Backoff shape; the retry count and budget come from the settings. */
  backoff?: Partial<Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">>;
  /** Waits between retries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Random source of the backoff jitter, in [0, 1). */
  random?: () => number;
  /** Called before each retry. */
  onRetry?: (info: { action: LiveAction; attempt: number; error: LiveApiError }) => void;
}

const processLimiter = createRateLimiter();

/** Creates a client for the given settings. Loads only the SDK's live service. */
export function createLiveClient(
  settings: LiveSettings,
  options: LiveClientOptions = {},
): LiveClient {
  const credentials = credentialsOf(settings);
  const sdk = makeSdkClient(settings, credentials);
  const limiter = options.rateLimiter ?? processLimiter;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const policy: RetryPolicy = {
    maxRetries: settings.maxRetries,
    budgetMs: settings.retryTimeoutSeconds * 1000,
    ...DEFAULT_BACKOFF,
    ...options.backoff,
  };
  const stats: ClientStats = { calls: {}, retries: 0, tokenRenewals: 0 };
  // Every key this client has sent, received or been told of: redacted from every error.
  const secrets = new Set<string>();
  const protectSecret = (value: string | null | undefined) => {
    if (value) secrets.add(value);
  };
  const protectTemplates = (templates: CallBackTemplateInfo[]) => {
    for (const t of templates) protectSecret(t.CallbackKey);
    return templates;
  };

  /**
   * One attempt: get the credential (a source that cannot give one fails here, before anything
   * is sent), wait for the limiter, send, convert the error. A call refused with
   * `AuthFailure.TokenFailure` renews the credential once and is sent once more: the refused
   * call changed nothing.
   */
  async function attempt<T>(action: LiveAction, req: object): Promise<T> {
    const rate = isReadAction(action) ? settings.readRateLimit : settings.writeRateLimit;
    for (let renewed = false; ; renewed = true) {
      const credential = await credentials.getCredential();
      await limiter.acquire(action, rate);
      stats.calls[action] = (stats.calls[action] ?? 0) + 1;
      try {
        const call = (sdk as unknown as Record<string, (r: object) => Promise<T>>)[action];
        return await call.call(sdk, req);
      } catch (err) {
        const error = fromSdkError(action, err, secrets);
        if (renewed || error.code !== TOKEN_FAILURE || !credentials.invalidate) {
          throw error.kind === "auth" && credentials.label
            ? signedBy(error, credentials.label)
            : error;
        }
        credentials.invalidate(credential);
        stats.tokenRenewals += 1;
      }
    }
  }

  /**
   * Sends `req` until it succeeds, fails for good, or the retry budget is spent. Before each
   * retry that follows an ambiguous failure, `reconcile` may report that the first attempt did
   * land (it returns a result) so the write is not sent again.
   */
  async function invoke<T>(
    action: LiveAction,
    req: object,
    hooks: {
      /**
       * Looks for the effect of an earlier attempt; returns a result if it landed. The look
       * must finish by `deadline` (the caller's budget), not start a budget of its own.
       */
      reconcile?: (deadline: number) => Promise<T | undefined>;
      /** End of the budget when this call is part of a larger one (epoch ms). */
      deadline?: number;
      /** Turns a failure after a possibly-landed attempt into success (e.g. not-found on a delete). */
      afterLanding?: (err: LiveApiError) => T | undefined;
      /** What state the object is in when the call finally fails. */
      describeState?: (mayHaveLanded: boolean) => string;
    } = {},
  ): Promise<T> {
    const started = Date.now();
    const deadline = Math.min(started + policy.budgetMs, hooks.deadline ?? Infinity);
    // Once an attempt may have landed unseen, the write is sent again only after a successful
    // look (reconcile) showed it did not: a failed look is not a "no".
    let mayHaveLanded = false;
    let unverified = false;
    for (let n = 0; ; n++) {
      try {
        if (unverified && hooks.reconcile) {
          const found = await hooks.reconcile(deadline);
          if (found !== undefined) return found;
          unverified = false;
        }
        return await attempt<T>(action, req);
      } catch (e) {
        // A source that cannot give credentials is reported as itself, never retried.
        if (e instanceof CredentialError) throw e;
        const err = e as LiveApiError;
        const ownFailure = err.action === action;
        if (ownFailure && mayHaveLanded && hooks.afterLanding) {
          const recovered = hooks.afterLanding(err);
          if (recovered !== undefined) return recovered;
        }
        if (ownFailure && !isReadAction(action) && isAmbiguous(err)) {
          mayHaveLanded = true;
          unverified = true;
        }
        const retryable = isRetryable(err);
        const wait = backoffDelay(n + 1, policy, options.random);
        const overBudget = Date.now() + wait > deadline;
        if (!retryable || n >= policy.maxRetries || overBudget) {
          if (!retryable && n === 0) throw err;
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          const why = !retryable
            ? "a non-retryable error"
            : overBudget
              ? `the time budget of ${policy.budgetMs / 1000} s ran out`
              : `the retry count of ${policy.maxRetries} ran out`;
          const state = hooks.describeState ? ` ${hooks.describeState(unverified)}` : "";
          const via = ownFailure ? "" : ` (while checking with ${err.action})`;
          throw new LiveApiError({
            action,
            code: err.code,
            message: err.apiMessage,
            requestId: err.requestId,
            httpStatus: err.httpStatus,
            context: `after ${n + 1} attempts in ${seconds} s (${why})${via}.${state}`,
            signedWith: err.signedWith || undefined,
          });
        }
        stats.retries += 1;
        options.onRetry?.({ action, attempt: n + 1, error: err });
        await sleep(wait);
      }
    }
  }

  const freshMs = settings.readCacheSeconds * 1000;
  const listTemplates = async (deadline?: number) =>
    protectTemplates(
      (
        await invoke<{ Templates?: CallBackTemplateInfo[] }>(
          "DescribeLiveCallbackTemplates",
          {},
          { deadline },
        )
      ).Templates ?? [],
    );
  const listRules = async (deadline?: number) =>
    (await invoke<{ Rules?: CallBackRuleInfo[] }>("DescribeLiveCallbackRules", {}, { deadline }))
      .Rules ?? [];
  const templatesRead = sharedRead(() => listTemplates(), freshMs);
  const rulesRead = sharedRead(() => listRules(), freshMs);
  const sharedReads = options.sharedReads ?? true;
  // Generation of the last write to each rule, so a lookup of one rule need not wait for a
  // listing newer than writes to other rules.
  const ruleWrites = new Map<string, number>();
  const afterTemplateWrite = () => templatesRead.invalidate();
  const afterRuleWrite = (domainName: string, appName: string) => {
    const generation = rulesRead.invalidate();
    ruleWrites.set(ruleKey(domainName, appName), generation);
    return generation;
  };
  const notFoundIsDone = (err: LiveApiError) => (err.kind === "not-found" ? null : undefined);

  return {
    async createLiveCallbackTemplate(req, createOptions = {}) {
      const existing = new Set(createOptions.existingIds ?? []);
      protectSecret(req.CallbackKey);
      try {
        const res = await invoke<{ TemplateId?: number }>("CreateLiveCallbackTemplate", req, {
          // Only what this very call made: a new id, the requested name and values. Two such
          // templates cannot be told apart, so neither is taken.
          reconcile: async (deadline) => {
            const made = (await listTemplates(deadline)).filter(
              (t) =>
                t.TemplateId !== undefined && !existing.has(t.TemplateId) && matchesRequest(t, req),
            );
            if (made.length > 1) {
              // A code of its own (not a network error), so it is not retried: every further
              // look would find the same two templates.
              throw new LiveApiError({
                action: "CreateLiveCallbackTemplate",
                code: CLIENT_CODES.ambiguousCreate,
                message:
                  `the answer was lost, and ${made.length} new templates named "${req.TemplateName}" hold the ` +
                  `requested values (TemplateIds ${made.map((t) => t.TemplateId).join(", ")}): which one this call ` +
                  `made cannot be told. Delete the extra ones in the console and run again.`,
              });
            }
            return made[0] ? { TemplateId: made[0].TemplateId } : undefined;
          },
          describeState: (mayHaveLanded) =>
            mayHaveLanded
              ? `The template "${req.TemplateName}" may have been created. If the next run reports that it ` +
                `already exists and nobody else made it, it is this run's: set adopt: true to take it over.`
              : `No template was created.`,
        });
        if (typeof res.TemplateId !== "number") {
          throw new LiveApiError({
            action: "CreateLiveCallbackTemplate",
            code: CLIENT_CODES.noTemplateId,
            message: "the answer carried no TemplateId",
          });
        }
        return res.TemplateId;
      } finally {
        afterTemplateWrite();
      }
    },
    async modifyLiveCallbackTemplate(req) {
      protectSecret(req.CallbackKey);
      try {
        await invoke("ModifyLiveCallbackTemplate", req, {
          describeState: () =>
            `Template ${req.TemplateId} may hold some of the new values; the next run compares and repairs it.`,
        });
      } finally {
        afterTemplateWrite();
      }
    },
    async deleteLiveCallbackTemplate(templateId) {
      try {
        await invoke(
          "DeleteLiveCallbackTemplate",
          { TemplateId: templateId },
          {
            afterLanding: notFoundIsDone,
            describeState: () => `Template ${templateId} may still exist.`,
          },
        );
      } finally {
        afterTemplateWrite();
      }
    },
    async describeLiveCallbackTemplate(templateId) {
      const res = await invoke<{ Template?: CallBackTemplateInfo }>(
        "DescribeLiveCallbackTemplate",
        { TemplateId: templateId },
      );
      protectTemplates(res.Template ? [res.Template] : []);
      return res.Template ?? {};
    },
    describeLiveCallbackTemplates(opts = {}) {
      if (!sharedReads) return listTemplates();
      return opts.fresh ? templatesRead.getSince(templatesRead.invalidate()) : templatesRead.get();
    },
    async createLiveCallbackRule(req) {
      try {
        await invoke("CreateLiveCallbackRule", req, {
          reconcile: async (deadline) => {
            const rule = findRule(await listRules(deadline), req.DomainName, req.AppName);
            return rule?.TemplateId === req.TemplateId ? {} : undefined;
          },
          describeState: (mayHaveLanded) =>
            mayHaveLanded
              ? `The rule for ${req.DomainName}/${req.AppName} may have been created.`
              : `No rule was created for ${req.DomainName}/${req.AppName}.`,
        });
      } finally {
        afterRuleWrite(req.DomainName, req.AppName);
      }
    },
    async deleteLiveCallbackRule(req) {
      try {
        await invoke("DeleteLiveCallbackRule", req, {
          afterLanding: notFoundIsDone,
          describeState: () => `The rule for ${req.DomainName}/${req.AppName} may still exist.`,
        });
      } finally {
        afterRuleWrite(req.DomainName, req.AppName);
      }
    },
    describeLiveCallbackRules(opts = {}) {
      if (!sharedReads) return listRules();
      return opts.fresh ? rulesRead.getSince(rulesRead.invalidate()) : rulesRead.get();
    },
    async findLiveCallbackRule(domainName, appName, findOptions = {}) {
      const written = ruleWrites.get(ruleKey(domainName, appName)) ?? 0;
      const rules = sharedReads
        ? await rulesRead.getFresh(written, findOptions.maxAgeMs)
        : await listRules();
      return findRule(rules, domainName, appName);
    },
    protectSecret,
    stats() {
      return { ...stats, calls: { ...stats.calls } };
    },
  };
}

const TOKEN_FAILURE = "AuthFailure.TokenFailure";

/** `error`, refused while authenticating, with the label of the source that signed the call. */
function signedBy(error: LiveApiError, label: string): LiveApiError {
  return new LiveApiError({
    action: error.action,
    code: error.code,
    message: error.apiMessage,
    requestId: error.requestId || undefined,
    httpStatus: error.httpStatus,
    signedWith: label,
  });
}

/** What the client signs with: the settings' chain, or their static keys. */
function credentialsOf(
  settings: LiveSettings,
): Pick<CredentialProvider, "getCredential"> & Partial<CredentialProvider> {
  if (settings.credentialProvider) return settings.credentialProvider;
  const keys = settings.credentials;
  if (!keys) throw new SettingsError(MISSING_CREDENTIALS);
  return { getCredential: () => Promise.resolve({ ...keys }) };
}

function makeSdkClient(
  settings: LiveSettings,
  credentials: Pick<CredentialProvider, "getCredential">,
): SdkLiveClient {
  // Required here, not imported at the top, so that programs which only declare resources never
  // load the SDK, and the provider loads the live service alone (not the whole SDK).
  const { Client } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client") as {
      Client: typeof SdkLiveClient;
    };
  const { endpoint } = settings;
  const secure = endpoint.protocol === "https:";
  // An explicit agent gives keep-alive, and keeps an http_proxy variable from rerouting calls.
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 64 })
    : new http.Agent({ keepAlive: true, maxSockets: 64 });
  return new Client({
    // The SDK awaits it before every request, so renewed credentials are used at once.
    credential: { getCredential: () => credentials.getCredential() },
    region: settings.region ?? "",
    profile: {
      httpProfile: {
        endpoint: endpoint.host,
        protocol: secure ? "https://" : "http://",
        reqTimeout: settings.requestTimeoutSeconds,
        agent,
      },
    },
  });
}
