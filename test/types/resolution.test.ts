// A user's tsconfig decides how `pulumi-tencentcloud-live-callbacks/<subpath>` is found: through
// the `exports` map (node16, bundler) or, with classic resolution, through `typesVersions`.
// Every documented entry point must type-check under each, against the packed package.
import assert from "node:assert/strict";
import {
  LIBRARY_NAME,
  RESOLUTION_MODES,
  removeTypesConsumer,
  typeCheck,
  typesConsumer,
  type ResolutionMode,
} from "./consumerProject";

after(removeTypesConsumer);

/** Uses one typed symbol of each documented entry point, so `any` from a lost module would fail. */
const USES_EVERY_ENTRY_POINT = `
import { CallbackTemplate, type CallbackTemplateArgs } from "${LIBRARY_NAME}";
import { createCallbackHandler, type CallbackEvent } from "${LIBRARY_NAME}/callbacks";
import { startEmulator, type EmulatorHandle } from "${LIBRARY_NAME}/emulator";

const args: CallbackTemplateArgs = { templateName: "hooks", streamBeginNotifyUrl: "https://h.example.com/b" };
export const make = (): CallbackTemplate => new CallbackTemplate("hooks", args);
export const listener = createCallbackHandler({
  callbackKey: "Key123",
  onEvent: (event: CallbackEvent) => {
    const type: number = event.event_type;
    void type;
  },
});
export const start: () => Promise<EmulatorHandle> = () => startEmulator({ port: 0 });
// @ts-expect-error: a typo in a property name must be an error, not an "any".
export const typo: CallbackTemplateArgs = { templateNam: "hooks" };
`;

describe("module resolution in a consumer project", function () {
  this.timeout(240_000);

  const modes = Object.keys(RESOLUTION_MODES) as ResolutionMode[];
  for (const mode of modes) {
    it(`finds the package and its /callbacks and /emulator subpaths with moduleResolution ${mode}`, async () => {
      const consumer = await typesConsumer();
      const files: Record<string, string> = { "entry.ts": USES_EVERY_ENTRY_POINT };
      // Under node16 an .mts file is an ES module importing the CommonJS package.
      if (mode === "node16") files["entry.mts"] = USES_EVERY_ENTRY_POINT;
      const written = await consumer.writeSources(`resolution-${mode}`, files);
      assert.deepEqual(typeCheck(written, mode), []);
    });
  }

  it("reports a subpath that does not exist (the check can fail)", async () => {
    const consumer = await typesConsumer();
    const written = await consumer.writeSources("resolution-missing", {
      "entry.ts": `import { nothing } from "${LIBRARY_NAME}/no-such-entry";\nexport const x = nothing;\n`,
    });
    for (const mode of modes) {
      const errors = typeCheck(written, mode);
      assert.equal(errors.length, 1, `${mode}: ${errors.join("\n")}`);
      assert.match(
        errors[0],
        /TS2307 Cannot find module 'pulumi-tencentcloud-live-callbacks\/no-such-entry'/,
      );
    }
  });
});
