// What a callback receiver's TypeScript project meets in the published /callbacks declarations:
// documented interfaces, never zod's types (no declaration file there imports zod), checked
// with skipLibCheck false and without esModuleInterop under each module resolution.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
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

describe("receiver types in a consumer project", function () {
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

  const modes = Object.keys(RESOLUTION_MODES) as ResolutionMode[];
  for (const mode of modes) {
    it(`type-checks a receiver with skipLibCheck false, no esModuleInterop, moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const files: Record<string, string> = { "receiver.ts": RECEIVER };
      if (mode === "node16") files["receiver.mts"] = RECEIVER;
      const written = await consumer.writeSources(`receiver-${mode}`, files);
      const options = { esModuleInterop: false, allowSyntheticDefaultImports: false };
      assert.deepEqual(typeCheck(written, mode, options), []);
    });
  }

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
