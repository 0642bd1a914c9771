import assert from "node:assert/strict";

import sinon from "sinon";

import { TEMPLATE_FIELDS, type TemplateField } from "../../src/api/fields";
import type { CallBackTemplateInfo } from "../../src/api/models";
import { show } from "../../src/provider/check";
import { isUnknown, UNKNOWN, withoutProvider } from "../../src/provider/context";
import { processContext } from "../../src/provider/index";
import {
  compare,
  declared,
  describeDrift,
  fromLive,
  live,
  toApiFields,
  toInfo,
} from "../../src/provider/template/fields";

/** A Describe answer that (unlike the real API) carries RecordStatusNotifyUrl. */
function withStatusUrl(info: CallBackTemplateInfo, url: string): CallBackTemplateInfo {
  return { ...info, ...{ RecordStatusNotifyUrl: url } };
}

function field(input: string): TemplateField {
  const f = TEMPLATE_FIELDS.find((x) => x.input === input);
  assert.ok(f, input);
  return f;
}

describe("provider/template/fields", () => {
  it('reads unset fields as "" or [] and sorts levels', () => {
    assert.equal(declared({}, field("description")), "");
    assert.deepEqual(declared({}, field("recordExceptionLevels")), []);
    assert.deepEqual(
      declared({ recordExceptionLevels: ["warning", "error"] }, field("recordExceptionLevels")),
      ["error", "warning"],
    );
    assert.equal(live({}, field("streamEndNotifyUrl")), "");
    assert.deepEqual(
      live({ RecordExceptionLevels: ["info", "error"] }, field("recordExceptionLevels")),
      ["error", "info"],
    );
  });

  it("toApiFields sends only declared fields, or every readable field when clearing", () => {
    const inputs = { templateName: "n", snapshotNotifyUrl: "https://s.example.com" };
    assert.deepEqual(toApiFields(inputs, { clearUnset: false }), {
      TemplateName: "n",
      SnapshotNotifyUrl: "https://s.example.com",
    });
    const all = toApiFields(inputs, { clearUnset: true }) as Record<string, unknown>;
    const readable = TEMPLATE_FIELDS.filter((f) => !f.writeOnly).map((f) => f.api);
    assert.deepEqual(Object.keys(all).sort(), readable.sort());
    assert.equal(all.SnapshotNotifyUrl, "https://s.example.com");
    assert.equal(all.StreamBeginNotifyUrl, "");
    assert.deepEqual(all.RecordExceptionLevels, []);
    assert.equal(all.CallbackKey, "");
    assert.ok(!("StreamMixNotifyUrl" in all));
  });

  it("toApiFields sends the write-only URL when declared, and clears it only if this resource set it", () => {
    const url = "https://status.example.com";
    const inputs = { templateName: "n", snapshotNotifyUrl: "https://s.example.com" };
    const declaredToo = { ...inputs, recordStatusNotifyUrl: url };
    assert.equal(
      (toApiFields(declaredToo, { clearUnset: false }) as Record<string, unknown>)
        .RecordStatusNotifyUrl,
      url,
    );
    // Never applied by this resource (adoption, or a value set elsewhere): left alone.
    for (const lastApplied of [undefined, inputs]) {
      const sent = toApiFields(inputs, { clearUnset: true, lastApplied }) as Record<
        string,
        unknown
      >;
      assert.ok(!("RecordStatusNotifyUrl" in sent), JSON.stringify(sent));
    }
    // Applied before and now removed from the program: cleared.
    const cleared = toApiFields(inputs, { clearUnset: true, lastApplied: declaredToo });
    assert.equal((cleared as Record<string, unknown>).RecordStatusNotifyUrl, "");
  });

  it("live reads a missing, null or empty field alike", () => {
    const f = field("streamEndNotifyUrl");
    const levels = field("recordExceptionLevels");
    for (const info of [{}, { StreamEndNotifyUrl: null }, { StreamEndNotifyUrl: "" }]) {
      assert.equal(live(info as never, f), "");
    }
    for (const info of [{}, { RecordExceptionLevels: null }, { RecordExceptionLevels: [] }]) {
      assert.deepEqual(live(info as never, levels), []);
    }
  });

  it("fromLive leaves out unset fields and takes the write-only one from previous", () => {
    const inputs = fromLive(
      withStatusUrl(
        {
          TemplateName: "n",
          Description: "",
          StreamBeginNotifyUrl: "https://b",
          RecordExceptionLevels: [],
        },
        "https://ignored",
      ),
      { recordStatusNotifyUrl: "https://kept", adopt: false },
    );
    assert.deepEqual(inputs, {
      templateName: "n",
      streamBeginNotifyUrl: "https://b",
      recordStatusNotifyUrl: "https://kept",
      adopt: false,
    });
  });

  it("compare reports each differing field, write-only ones against the last applied", () => {
    const drifts = compare(
      { templateName: "n", recordStatusNotifyUrl: "https://new", callbackKey: "k2" },
      withStatusUrl({ TemplateName: "n", CallbackKey: "k1" }, "https://new"),
      { recordStatusNotifyUrl: "https://old" },
    );
    assert.deepEqual(
      drifts.map((d) => [d.field.input, d.live, d.declared]),
      [
        ["recordStatusNotifyUrl", "https://old", "https://new"],
        ["callbackKey", "k1", "k2"],
      ],
    );
  });

  it("describeDrift quotes values, hides keys and names the last applied value", () => {
    const [url, key] = compare(
      { recordStatusNotifyUrl: "https://new", callbackKey: "Secret1" },
      { CallbackKey: "" },
      { recordStatusNotifyUrl: "" },
    );
    assert.equal(
      describeDrift(url),
      'recordStatusNotifyUrl: last applied "" ≠ declared "https://new"',
    );
    assert.equal(describeDrift(key), 'callbackKey: live "" ≠ declared [secret]');
  });

  it("toInfo renders inputs as Describe would, unset fields empty", () => {
    const info = toInfo({ templateName: "t", streamBeginNotifyUrl: "https://a.example.com" });
    assert.equal(info.TemplateName, "t");
    assert.equal(info.StreamBeginNotifyUrl, "https://a.example.com");
    assert.equal(info.StreamEndNotifyUrl, "");
    assert.deepEqual(info.RecordExceptionLevels, []);
    assert.equal(Object.keys(info).length, TEMPLATE_FIELDS.length);
  });
});

describe("provider/context and check helpers", () => {
  it("isUnknown recognises the preview placeholder alone or in a list", () => {
    assert.equal(isUnknown(UNKNOWN), true);
    assert.equal(isUnknown(["a", UNKNOWN]), true);
    assert.equal(isUnknown("a"), false);
    assert.equal(isUnknown(["a"]), false);
    assert.equal(isUnknown(undefined), false);
  });

  it("withoutProvider drops only __provider and leaves the argument alone", () => {
    const props = { a: 1, __provider: "p" };
    assert.deepEqual(withoutProvider(props), { a: 1 });
    assert.equal(props.__provider, "p");
  });

  it("show quotes, hides secrets and shortens", () => {
    assert.equal(show(undefined, "x"), "nothing");
    assert.equal(show("v", "callbackKey", ["callbackKey"]), "[secret]");
    assert.equal(show("v", "x", ["callbackKey"]), '"v"');
    assert.equal(show([1, 2], "x"), "[1,2]");
    const long = show("y".repeat(200), "x");
    assert.equal(long.length, 120);
    assert.ok(long.endsWith("..."));
  });

  it("processContext.log writes the line to stdout as is", () => {
    const log = sinon.stub(console, "log");
    try {
      processContext.log('CallbackTemplate "a": drift');
    } finally {
      log.restore();
    }
    sinon.assert.calledOnceWithExactly(log, 'CallbackTemplate "a": drift');
  });
});
