// The default body limit against the largest event Tencent documents: small enough that a flood
// of bodies at the limit costs little, with a wide margin over every real event.
import assert from "node:assert/strict";
import {
  DEFAULT_CALLBACK_BODY_TIMEOUT_MS,
  DEFAULT_MAX_CALLBACK_BODY_BYTES,
} from "../../src/callbacks";
import { DOCUMENT_EXAMPLES } from "./documentExamples";

describe("callbacks: default limits", () => {
  it("keeps maxBodyBytes at 64 KiB, over 25 times the largest documented event", () => {
    const sizes = Object.entries(DOCUMENT_EXAMPLES).map(
      ([name, example]) =>
        [name, Buffer.byteLength(JSON.stringify(example.body, null, 2))] as const,
    );
    const [largestName, largest] = [...sizes].sort((a, b) => b[1] - a[1])[0];
    assert.equal(DEFAULT_MAX_CALLBACK_BODY_BYTES, 64 * 1024);
    assert.ok(
      DEFAULT_MAX_CALLBACK_BODY_BYTES >= 25 * largest,
      `${largestName} is ${largest} bytes pretty-printed`,
    );
  });

  it("waits 10 s for a body, half the platform's 20 s wait for an answer", () => {
    assert.equal(DEFAULT_CALLBACK_BODY_TIMEOUT_MS, 10_000);
  });
});
