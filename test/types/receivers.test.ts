// A receiver project as users write it, against the packed package: every receiver entry point,
// several keys, the dedupe stores with structural Redis clients, and a receiver reading typed
// events (narrowing on event_type, decoded fields), compiled with skipLibCheck false and WITHOUT
// esModuleInterop under each module resolution; the /callbacks declarations are documented
// interfaces that import neither zod nor redis/ioredis.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { ensureBuilt } from "../harness/consumer";
import {
  LIBRARY_NAME,
  REPO_DIR,
  RESOLUTION_MODES,
  removeTypesConsumer,
  typeCheck,
  typesConsumer,
  type ResolutionMode,
} from "./consumerProject";

after(removeTypesConsumer);

function declarations(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return declarations(file);
    return file.endsWith(".d.ts") ? [file] : [];
  });
}

/** A receiver narrowing on event_type, reading decoded fields and keys, with typos refused. */
const RECEIVER = `
import {
  CALLBACK_EVENT_TYPES,
  callbackEventKey,
  createCallbackHandler,
  decodeCallbackExt,
  decodeRecordDetail,
  isKnownCallbackEvent,
  parseCallbackEvent,
  type CallbackEvent,
  type KnownCallbackEventOfType,
  type RecordFileEvent,
} from "${LIBRARY_NAME}/callbacks";

export function describeEvent(event: CallbackEvent): string {
  const key: string = callbackEventKey(event);
  if (!isKnownCallbackEvent(event)) return key + " " + String(event.event_type);
  switch (event.event_type) {
    case CALLBACK_EVENT_TYPES.streamEnd: {
      const ms: number | undefined = event.push_duration;
      return event.stream_id + String(ms);
    }
    case 100: {
      const file: RecordFileEvent = event;
      const ext = decodeCallbackExt(file);
      const resolution: string | undefined = ext?.ok ? ext.value.resolution : undefined;
      return file.video_url + String(resolution) + String(ext && !ext.ok ? ext.issues : "");
    }
    case 332: {
      const detail = decodeRecordDetail(event);
      const format: number | undefined = detail?.ok ? detail.value.file_format : undefined;
      return event.record_event + String(format);
    }
    default:
      return key;
  }
}

export const byType: KnownCallbackEventOfType<200>["pic_full_url"] = "https://x/y.jpg";
const parsed = parseCallbackEvent({ event_type: 1, stream_id: "s" });
export const ok: boolean = parsed.ok;
export const listener = createCallbackHandler({ callbackKey: "Key123", onEvent: (event) => {
    console.log(describeEvent(event));
  },
});

export function typo(event: RecordFileEvent): unknown {
  // @ts-expect-error: a known property has its documented type, not unknown.
  const size: string = event.file_size;
  return size;
}
`;

const RECEIVER_PROJECT = `
import * as http from "node:http";
import {
  callbackEventKey,
  createCallbackHandler,
  createCallbackReceiver,
  createFetchCallbackHandler,
  createMemoryDedupeStore,
  createRedisDedupeStore,
  createScfCallbackHandler,
  verifyCallbackEvent,
  verifyCallbackSignature,
  type CallbackKeys,
  type FetchCallbackHandler,
  type RedisDedupeClient,
  type ScfHttpResponse,
} from "${LIBRARY_NAME}/callbacks";

const keys: CallbackKeys = ["NewKey1", { key: "OldKey0", notAfter: "2030-01-01T00:00:00Z" }];
const dedupe = createMemoryDedupeStore({ ttlSeconds: 3600, maxEntries: 1000 });

export const server = http.createServer(
  createCallbackHandler({
    callbackKey: keys,
    dedupe,
    onEvent: (event, context) => {
      const index: number = context.keyIndex;
      const key: string = context.eventKey;
      const method: string | undefined = context.req.method;
      void [index, key, method, event.event_type];
    },
  }),
);

export const fetchHandler: FetchCallbackHandler = createFetchCallbackHandler({
  callbackKey: "Key1",
  onEvent: async (_event, { request }) => {
    const url: string = request.url;
    void url;
  },
});

export const main_handler = createScfCallbackHandler({
  callbackKey: keys,
  onEvent: (_event, { scfEvent, scfContext }) => void [scfEvent.httpMethod, scfContext],
});
export const answer: Promise<ScfHttpResponse> = main_handler({ httpMethod: "POST", body: "{}" });

// Structural clients: what node-redis (sendCommand) and ioredis (call) offer.
const nodeRedisLike = { sendCommand: async (args: string[]) => args.length };
const ioRedisLike = { call: async (command: string, ...args: (string | number)[]) => [command, args] };
const clients: RedisDedupeClient[] = [nodeRedisLike, ioRedisLike];
export const stores = clients.map((client) => createRedisDedupeStore(client, { prefix: "p:", ttlSeconds: 60 }));

const verified = verifyCallbackEvent("{}", { callbackKey: keys });
export const status: number = verified.ok ? verified.keyIndex : verified.status;
const signature = verifyCallbackSignature({}, keys);
export const which: number = signature.ok ? signature.keyIndex : -1;
export const dupKey: string = callbackEventKey({ event_type: 1, sequence: "1" });
export const receiver = createCallbackReceiver<{ source: string }>({
  callbackKey: "K",
  onEvent: (_event, context) => void context.source,
});

// @ts-expect-error: an entry needs a key.
export const noKey: CallbackKeys = [{ notAfter: 1 }];
`;

describe("types: a receiver project", function () {
  this.timeout(240_000);

  it("publishes no /callbacks declaration that mentions zod", async () => {
    await ensureBuilt(REPO_DIR);
    const files = declarations(path.join(REPO_DIR, "dist", "callbacks"));
    assert.ok(files.length >= 20, `only ${files.length} declaration files under dist/callbacks`);
    const offenders = files.filter((file) => readFileSync(file, "utf8").includes("zod"));
    assert.deepEqual(
      offenders.map((file) => path.relative(REPO_DIR, file)),
      [],
      "these /callbacks declarations mention zod",
    );
  });

  for (const mode of Object.keys(RESOLUTION_MODES) as ResolutionMode[]) {
    it(`type-checks with skipLibCheck false and no esModuleInterop, moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const files: Record<string, string> = {
        "receiver.ts": RECEIVER_PROJECT,
        "events.ts": RECEIVER,
      };
      if (mode === "node16") files["receiver.mts"] = RECEIVER_PROJECT;
      const written = await consumer.writeSources(`receivers-${mode}`, files);
      const errors = typeCheck(written, mode, {
        esModuleInterop: false,
        allowSyntheticDefaultImports: false,
        // The Fetch API types (Request, Response) come from @types/node's globals.
        lib: ["lib.es2022.d.ts"],
      });
      assert.deepEqual(errors, []);
    });
  }

  it("declares the receivers without importing zod, redis or ioredis", async () => {
    const root = path.join(REPO_DIR, "dist", "callbacks");
    const files = ["keys.d.ts", "signature.d.ts", "rejection.d.ts", "events/key.d.ts"];
    for (const folder of ["receive", "adapters", "dedupe"]) {
      for (const name of await readdir(path.join(root, folder))) {
        if (name.endsWith(".d.ts")) files.push(`${folder}/${name}`);
      }
    }
    assert.ok(files.length >= 10, files.join(", "));
    for (const file of files) {
      // Comments hold examples (require("…/callbacks")): only code counts.
      const text = (await readFile(path.join(root, file), "utf8"))
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      const imports = [...text.matchAll(/(?:from|import|require)\s*\(?\s*["']([^"']+)["']/g)].map(
        (m) => m[1],
      );
      const outside = imports.filter((spec) => !spec.startsWith(".") && !spec.startsWith("node:"));
      assert.deepEqual(outside, [], `${file} imports ${outside.join(", ")}`);
    }
  });

  it("refuses a receiver that misreads an event (the check can fail)", async () => {
    const consumer = await typesConsumer();
    const written = await consumer.writeSources("receiver-wrong", {
      "receiver.ts": `import type { StreamEndEvent } from "${LIBRARY_NAME}/callbacks";
export const d = (e: StreamEndEvent): string => e.push_duration;\n`,
    });
    const errors = typeCheck(written, "node16", { esModuleInterop: false });
    assert.equal(errors.length, 1, errors.join("\n"));
    assert.match(errors[0], /TS2322 Type 'number \| undefined' is not assignable to type 'string'/);
  });
});
