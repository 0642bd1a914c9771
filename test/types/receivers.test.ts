// A receiver project as users write it, against the packed package: every receiver entry point,
// several keys, the dedupe stores with structural Redis clients, compiled with skipLibCheck false
// and WITHOUT esModuleInterop under each module resolution; and the receivers' declarations
// import neither zod nor redis/ioredis.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
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
  for (const mode of Object.keys(RESOLUTION_MODES) as ResolutionMode[]) {
    it(`type-checks with skipLibCheck false and no esModuleInterop, moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const files: Record<string, string> = { "receiver.ts": RECEIVER_PROJECT };
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
});
