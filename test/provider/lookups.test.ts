// The lookups over a stubbed client: what Describe may return for unset fields (left out, null
// or ""), and which forms carry the callback key.
import assert from "node:assert/strict";
import type { CallBackTemplateInfo } from "../../src/api/models";
import { getCallbackTemplate, getCallbackTemplates } from "../../src/lookups";
import { stubClient } from "./stubClient";

const BASE = { TemplateId: 7, TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/b" };

describe("lookups over what Describe may return", () => {
  const spellings: [string, Record<string, unknown>][] = [
    ["left out", {}],
    [
      "null",
      {
        Description: null,
        StreamEndNotifyUrl: null,
        RecordExceptionLevels: null,
        CallbackKey: null,
      },
    ],
    [
      "empty",
      { Description: "", StreamEndNotifyUrl: "", RecordExceptionLevels: [], CallbackKey: "" },
    ],
  ];
  for (const [how, unset] of spellings) {
    it(`reads unset fields returned ${how} as absent`, async () => {
      const client = stubClient();
      client.describeLiveCallbackTemplates.resolves([
        { ...BASE, ...unset } as CallBackTemplateInfo,
      ]);
      const [t] = await getCallbackTemplates({ client, includeCallbackKey: true });
      assert.deepEqual(t, {
        templateId: 7,
        templateName: "t",
        streamBeginNotifyUrl: "https://h.example.com/b",
      });
    });
  }

  it("returns the key only when asked, and an alarm level as warning", async () => {
    const client = stubClient();
    client.describeLiveCallbackTemplates.resolves([
      { ...BASE, CallbackKey: "LookupKey1234", RecordExceptionLevels: ["alarm", "error"] },
    ]);
    const plain = await getCallbackTemplate({ templateId: 7 }, { client });
    assert.equal(plain.callbackKey, undefined);
    assert.deepEqual(plain.recordExceptionLevels, ["error", "warning"]);
    const withKey = await getCallbackTemplate(
      { templateId: 7 },
      { client, includeCallbackKey: true },
    );
    assert.equal(withKey.callbackKey, "LookupKey1234");
  });
});
