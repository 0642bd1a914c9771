import assert from "node:assert/strict";
import { ApiError } from "../../src/emulator/protocol/errors";
import { parseFormPairs, unflattenParams } from "../../src/emulator/protocol/flatParams";
import { parseMultipart } from "../../src/emulator/protocol/multipart";
import { errorCode, useTestEmulator } from "./helpers";
import { tc3TextCall } from "./signers";

type Ok<T> = { Response: T & { RequestId: string } };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return undefined;
}

describe("emulator: parameters sent as text (flattened names, GET, multipart)", () => {
  describe("flattened names", () => {
    it("rebuilds arrays, objects and declared integers", () => {
      const params = unflattenParams(
        parseFormPairs("TemplateId=12&L.1=b&L.0=a&O.0.K=x&O.0.N=1&S=%E5%9B%9E+c"),
        { TemplateId: "integer" },
      );
      assert.deepEqual(params, {
        TemplateId: 12,
        L: ["a", "b"],
        O: [{ K: "x", N: "1" }],
        S: "回 c",
      });
    });

    it("keeps a non-integer text where an integer is declared, for the action to refuse", () => {
      assert.deepEqual(unflattenParams([["TemplateId", "1.5"]], { TemplateId: "integer" }), {
        TemplateId: "1.5",
      });
    });

    it("refuses duplicates, conflicts, gaps and empty segments with InvalidParameter", () => {
      assert.equal(
        codeOf(() => parseFormPairs("A=1&A=2")),
        "InvalidParameter",
      );
      for (const pairs of [
        [
          ["A", "1"],
          ["A.0", "2"],
        ],
        [
          ["A.0", "1"],
          ["A", "2"],
        ],
        [["L.1", "b"]],
        [
          ["L.0", "a"],
          ["L.x", "b"],
        ],
        [["A..B", "1"]],
      ] as [string, string][][]) {
        assert.equal(
          codeOf(() => unflattenParams(pairs)),
          "InvalidParameter",
          JSON.stringify(pairs),
        );
      }
    });
  });

  describe("multipart/form-data", () => {
    it("reads each part as a name and a UTF-8 value", () => {
      const body = Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="A"\r\n\r\n回调\r\n' +
          '--b\r\nContent-Disposition: form-data; name="B.0"\r\nContent-Type: text/plain\r\n\r\nx\r\ny\r\n' +
          "--b--\r\n",
      );
      assert.deepEqual(parseMultipart(body, "b"), [
        ["A", "回调"],
        ["B.0", "x\r\ny"],
      ]);
      assert.deepEqual(parseMultipart(Buffer.from("--b--\r\n"), "b"), []);
    });

    it("refuses a malformed body with InvalidParameter", () => {
      for (const text of [
        "garbage",
        '--b\r\nContent-Disposition: form-data; name="A"\r\n\r\nno end',
        "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--\r\n",
      ]) {
        assert.equal(
          codeOf(() => parseMultipart(Buffer.from(text), "b")),
          "InvalidParameter",
          text,
        );
      }
    });
  });

  describe("TC3 over GET and multipart/form-data", () => {
    const t = useTestEmulator();

    for (const form of ["get", "multipart"] as const) {
      it(`runs actions with ${form} parameters`, async () => {
        const created = await tc3TextCall(t.emulator, {
          action: "CreateLiveCallbackTemplate",
          form,
          params: {
            TemplateName: `tc3_${form}`,
            StreamEndNotifyUrl: "https://hooks.example.com/end?a=1&b=2",
            "RecordExceptionLevels.0": "info",
          },
        });
        assert.equal(errorCode(created), undefined, JSON.stringify(created.json));
        const id = (created.json as Ok<{ TemplateId: number }>).Response.TemplateId;
        const [stored] = t.emulator.state().templates;
        assert.equal(stored.TemplateId, id);
        assert.equal(stored.StreamEndNotifyUrl, "https://hooks.example.com/end?a=1&b=2");
        assert.deepEqual(stored.RecordExceptionLevels, ["info"]);
        const described = await tc3TextCall(t.emulator, {
          action: "DescribeLiveCallbackTemplate",
          form,
          params: { TemplateId: String(id) },
        });
        assert.equal(
          (described.json as Ok<{ Template: { TemplateName: string } }>).Response.Template
            .TemplateName,
          `tc3_${form}`,
        );
      });

      it(`rejects a ${form} request signed with another key or too long ago`, async () => {
        const badKey = await tc3TextCall(t.emulator, {
          action: "DescribeLiveCallbackRules",
          form,
          secretKey: "not-the-key",
        });
        assert.equal(errorCode(badKey), "AuthFailure.SignatureFailure");
        const stale = await tc3TextCall(t.emulator, {
          action: "DescribeLiveCallbackRules",
          form,
          timestamp: Math.floor(Date.now() / 1000) - 600,
        });
        assert.equal(errorCode(stale), "AuthFailure.SignatureExpire");
        assert.deepEqual(t.emulator.state().calls, {});
      });
    }
  });
});
