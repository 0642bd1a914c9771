// Random and adversarial bodies, headers and events against verifyCallbackEvent and every adapter:
// nothing throws, nothing is left as an unhandled rejection, and every answer is a documented
// status. Bounded in time (each target stops after its iterations or its time budget, whichever
// comes first) and deterministic in its seed: FUZZ_SEED=<n> replays a failing run.
import assert from "node:assert/strict";
import http from "node:http";
import {
  createCallbackHandler,
  createFetchCallbackHandler,
  createMemoryDedupeStore,
  createScfCallbackHandler,
  signCallback,
  verifyCallbackEvent,
  type CallbackReceiverOptions,
} from "../../src/callbacks";
import { SAMPLE_EVENTS, SAMPLE_KEY, SAMPLE_T } from "./fixtures";
import { listen } from "./http-helpers";

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const NOW_MS = (SAMPLE_T - 300) * 1000;
const LIMIT = 8192;
/** Every status the receivers document. */
const DOCUMENTED = new Set([200, 400, 401, 405, 408, 409, 413, 500]);
const BUDGET_MS = 1_500;

/** mulberry32: a small PRNG, so that one seed gives one sequence everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof prng>;
const int = (r: Random, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udc00x",
  "\ufffd",
  "\u001b[31m",
  "\r\n",
  "A:1",
  "1:2",
  "sha256:00",
  "__proto__",
  "constructor",
  '","',
  "9".repeat(40),
  "x".repeat(3000),
];
const NASTY_NUMBERS = [0, -0, -1, 1.5, 1e21, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER];

function randomValue(r: Random, depth = 0): unknown {
  switch (int(r, depth > 3 ? 4 : 7)) {
    case 0:
      return pick(r, NASTY_STRINGS);
    case 1:
      return pick(r, NASTY_NUMBERS);
    case 2:
      return pick(r, [true, false, null]);
    case 3:
      return String.fromCharCode(...Array.from({ length: int(r, 20) }, () => int(r, 0x10000)));
    case 4:
      return Array.from({ length: int(r, 4) }, () => randomValue(r, depth + 1));
    case 5: {
      const out: Record<string, unknown> = {};
      for (let i = int(r, 4); i > 0; i -= 1)
        out[pick(r, NASTY_STRINGS)] = randomValue(r, depth + 1);
      return out;
    }
    default: {
      const deep = 1 + int(r, 100);
      return JSON.parse("[".repeat(deep) + "]".repeat(deep)) as unknown;
    }
  }
}

/**
 * A body: random bytes, a mutated event (signed with an adversarial `t`, or with a broken
 * `sign`), a truncated one, one over the limit, or a signed one nested thousands of levels deep.
 */
function randomBody(r: Random): string | Uint8Array {
  const kind = int(r, 6);
  if (kind === 0) return Uint8Array.from({ length: int(r, 300) }, () => int(r, 256));
  if (kind === 5) {
    // Nesting deeper than any JSON.stringify here could write: spliced in as text.
    const deep = 1 + int(r, 4000);
    const signed = { event_type: 999, t: SAMPLE_T, sign: signCallback(SAMPLE_KEY, SAMPLE_T) };
    return `${JSON.stringify(signed).slice(0, -1)},"x":${"[".repeat(deep)}${"]".repeat(deep)}}`;
  }
  const base = { ...pick(r, Object.values(SAMPLE_EVENTS)) } as Record<string, unknown>;
  const fields = Object.keys(base);
  for (let i = int(r, 4); i > 0; i -= 1) {
    const field = r() < 0.7 ? pick(r, fields) : pick(r, NASTY_STRINGS);
    if (r() < 0.2) delete base[field];
    else base[field] = randomValue(r);
  }
  if (kind === 1) {
    const t = pick(r, [SAMPLE_T, SAMPLE_T + 10 * 365 * 86400, SAMPLE_T - 10_000, 0]);
    base.t = r() < 0.5 ? t : String(t);
    base.sign = signCallback(SAMPLE_KEY, t);
  }
  if (kind === 2) base.sign = pick(r, ["", "A".repeat(32), 42, null, SAMPLE_EVENTS.streamEnd.sign]);
  const text = JSON.stringify(base);
  if (kind === 3) return text.slice(0, int(r, text.length + 1));
  if (kind === 4 && r() < 0.3) return text + " ".repeat(LIMIT);
  return text;
}

/** Listeners that resolve, throw or reject at random (an application's bugs included). */
function randomOptions(r: Random): CallbackReceiverOptions<object> {
  const behave = () => {
    const mode = int(r, 3);
    if (mode === 1) throw new Error("listener threw");
    if (mode === 2) return Promise.reject(new Error("listener rejected"));
    return undefined;
  };
  return {
    callbackKey: r() < 0.5 ? SAMPLE_KEY : ["Other", { key: SAMPLE_KEY, notAfter: NOW_MS + 1 }],
    now: () => NOW_MS,
    maxBodyBytes: LIMIT,
    bodyTimeoutMs: 2_000,
    onEvent: () => behave() as void,
    onError: () => behave() as void,
    onReject: () => behave() as void,
    dedupe: r() < 0.3 ? createMemoryDedupeStore() : undefined,
  };
}

/** Runs `step` with a fresh PRNG until `iterations` or the time budget; names the seed on failure. */
async function fuzz(
  name: string,
  iterations: number,
  step: (r: Random, i: number) => Promise<void> | void,
): Promise<void> {
  const r = prng(SEED ^ [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
  const deadline = Date.now() + BUDGET_MS;
  for (let i = 0; i < iterations && Date.now() < deadline; i += 1) {
    try {
      await step(r, i);
    } catch (error) {
      throw new Error(
        `${name}, iteration ${i}: ${(error as Error).message} (replay with FUZZ_SEED=${SEED})`,
        { cause: error },
      );
    }
  }
}

describe(`callbacks: fuzz (seed ${SEED})`, function () {
  this.timeout(30_000);
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);
  before(() => process.on("unhandledRejection", record));
  after(() => process.off("unhandledRejection", record));
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled.splice(0), [], `unhandled rejections (FUZZ_SEED=${SEED})`);
  });

  it("verifyCallbackEvent never throws and answers 400, 401 or 413", async () => {
    await fuzz("verify", 3000, (r) => {
      const result = verifyCallbackEvent(randomBody(r), {
        callbackKey: SAMPLE_KEY,
        now: () => NOW_MS,
        maxBodyBytes: LIMIT,
      });
      if (!result.ok) assert.ok([400, 401, 413].includes(result.status), String(result.status));
    });
  });

  it("the Fetch handler answers every request with a documented status", async () => {
    const methods = ["POST", "GET", "HEAD", "PUT", "post", "DELETE", "OPTIONS", "X-CUSTOM"];
    await fuzz("fetch", 600, async (r) => {
      const handle = createFetchCallbackHandler(randomOptions(r) as never);
      const method = pick(r, methods);
      const headers = new Headers();
      if (r() < 0.3) headers.set("content-length", pick(r, ["0", "-1", "1e9", "abc", "99999999"]));
      const hasBody = method !== "GET" && method !== "HEAD";
      const request = new Request("http://receiver.test/live", {
        method,
        headers,
        body: hasBody ? (randomBody(r) as RequestInit["body"]) : undefined,
      });
      const response = await handle(request);
      assert.ok(DOCUMENTED.has(response.status), `status ${response.status}`);
      JSON.parse(await response.text());
    });
  });

  it("the SCF handler answers every event, however shaped, with a documented status", async () => {
    await fuzz("scf", 1500, async (r) => {
      const handle = createScfCallbackHandler(randomOptions(r) as never);
      const body = randomBody(r);
      const text = typeof body === "string" ? body : Buffer.from(body).toString("latin1");
      const event: Record<string, unknown> = {
        httpMethod: pick(r, ["POST", "GET", "", 7, null, undefined, { toString: 1 }]),
        headers: pick(r, [
          {},
          null,
          "x",
          [1, 2],
          { "X-Scf-Remote-Addr": randomValue(r) },
          { "x-scf-remote-addr": pick(r, NASTY_STRINGS) },
        ]),
        body: pick(r, [text, Buffer.from(text).toString("base64"), null, 42, { a: 1 }]),
      };
      if (r() < 0.5) event.isBase64Encoded = pick(r, [true, false, "true", 1]);
      if (r() < 0.5) event.requestContext = pick(r, [null, "ctx", { sourceIp: randomValue(r) }]);
      const scfEvent = r() < 0.05 ? pick(r, [null, undefined, "event", 42, []]) : event;
      const response = await handle(scfEvent as never, pick(r, [undefined, {}]));
      assert.ok(DOCUMENTED.has(response.statusCode), `status ${response.statusCode}`);
      JSON.parse(response.body);
    });
  });

  it("the Node listener answers every request on a real server with a documented status", async () => {
    const options = randomOptions(prng(SEED));
    const server = await listen(createCallbackHandler(options as never));
    try {
      await fuzz("node", 200, async (r) => {
        const body = randomBody(r);
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.request({
            host: "127.0.0.1",
            port: server.port,
            method: pick(r, ["POST", "GET", "PUT", "PATCH"]),
            path: pick(r, ["/", "/live", "/%zz", "//x"]),
            headers: r() < 0.3 ? { "Content-Type": pick(r, ["text/plain", "\u00e9"]) } : {},
            agent: false,
          });
          req.on("response", (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", reject);
          req.end(body);
        });
        assert.ok(DOCUMENTED.has(status), `status ${status}`);
      });
    } finally {
      await server.close();
    }
  });
});
