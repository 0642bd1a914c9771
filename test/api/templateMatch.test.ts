// Reading a template field in comparable form (src/api/templateMatch.ts): the record-exception
// levels as the API may return them, entries of other types included.
import assert from "node:assert/strict";

import { TEMPLATE_FIELDS } from "../../src/api/fields";
import type { CallBackTemplateInfo } from "../../src/api/models";
import { fieldValue, matchesRequest } from "../../src/api/templateMatch";

const levels = TEMPLATE_FIELDS.find((f) => f.kind === "levels")!;

describe("api/templateMatch fieldValue", () => {
  it("reads levels sorted, aliased and without repeats", () => {
    const info = { RecordExceptionLevels: ["info", "ALARM", "error", "warning"] };
    assert.deepEqual(fieldValue(info as CallBackTemplateInfo, levels), [
      "error",
      "info",
      "warning",
    ]);
  });

  it("skips entries that are not strings instead of failing on them", () => {
    const info = { RecordExceptionLevels: ["error", null, 3, { level: "info" }, "alarm"] };
    assert.deepEqual(fieldValue(info as unknown as CallBackTemplateInfo, levels), [
      "error",
      "warning",
    ]);
    const only = { RecordExceptionLevels: [null] };
    assert.deepEqual(fieldValue(only as unknown as CallBackTemplateInfo, levels), []);
  });

  it("matches a request against a live template whose levels hold a null", () => {
    const info = {
      TemplateName: "t",
      RecordExceptionLevels: [null, "alarm"],
    } as unknown as CallBackTemplateInfo;
    assert.equal(
      matchesRequest(info, { TemplateName: "t", RecordExceptionLevels: ["warning"] }),
      true,
    );
  });
});
