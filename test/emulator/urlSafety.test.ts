// InvalidParameter.UrlNotSafe: off by default (local receivers are what an emulator is for), and
// when switched on, Create and Modify refuse callback URLs to loopback, private and link-local
// hosts the way the real API may.
import assert from "node:assert/strict";
import { unsafeHostKind } from "../../src/emulator/account/templates/urlSafety";
import { parseCommandLine } from "../../src/emulator/cli";
import { adminCall, expectApiError, startTestEmulator, useTestEmulator } from "./helpers";

const UNSAFE: [string, string][] = [
  ["http://127.0.0.1:8080/hook", "loopback"],
  ["http://localhost:3000/hook", "loopback"],
  ["https://api.localhost/hook", "loopback"],
  ["http://[::1]/hook", "loopback"],
  ["http://0.0.0.0/hook", "loopback"],
  ["http://10.1.2.3/hook", "private"],
  ["http://172.16.0.1/hook", "private"],
  ["http://172.31.255.254/hook", "private"],
  ["https://192.168.1.10/hook", "private"],
  ["http://[fd12:3456::1]/hook", "private"],
  ["http://[::ffff:10.0.0.1]/hook", "private"],
  ["http://169.254.169.254/latest", "link-local"],
  ["http://[fe80::1]/hook", "link-local"],
];

const SAFE = [
  "https://hooks.example.com/live",
  "http://8.8.8.8/hook",
  "http://172.32.0.1/hook",
  "http://[2001:db8::1]/hook",
  // Names are not resolved: what one resolves to is the real API's business, not the emulator's.
  "https://internal.corp.example/hook",
];

describe("emulator: unsafe callback URLs", () => {
  const t = useTestEmulator();

  afterEach(() => {
    t.emulator.configure({ unsafeUrls: "allow" });
  });

  it("classifies hosts: loopback, private and link-local, literals only", () => {
    for (const [url, kind] of UNSAFE) assert.equal(unsafeHostKind(url), kind, url);
    for (const url of SAFE) assert.equal(unsafeHostKind(url), undefined, url);
  });

  it("stores such URLs by default", async () => {
    for (const [i, [url]] of UNSAFE.entries()) {
      await t.client.CreateLiveCallbackTemplate({ TemplateName: `u${i}`, StreamEndNotifyUrl: url });
    }
    assert.equal(t.emulator.state().templates.length, UNSAFE.length);
    const config = (await adminCall(t.emulator, "GET", "/_emulator/config")).json;
    assert.equal((config as { unsafeUrls: string }).unsafeUrls, "allow");
  });

  it("when switched on, refuses them on Create and Modify with InvalidParameter.UrlNotSafe", async () => {
    const { TemplateId } = await t.client.CreateLiveCallbackTemplate({
      TemplateName: "before",
      StreamBeginNotifyUrl: "http://127.0.0.1:9/begin",
    });
    const switched = await adminCall(t.emulator, "POST", "/_emulator/config", {
      unsafeUrls: "reject",
    });
    assert.equal(switched.status, 200);
    assert.equal((switched.json as { unsafeUrls: string }).unsafeUrls, "reject");

    for (const [url, kind] of UNSAFE) {
      const err = await expectApiError(
        t.client.CreateLiveCallbackTemplate({ TemplateName: "u", PornCensorshipNotifyUrl: url }),
        "InvalidParameter.UrlNotSafe",
      );
      assert.match(err.message, /PornCensorshipNotifyUrl/);
      assert.match(err.message, new RegExp(`${kind} address`));
    }
    assert.equal(t.emulator.state().templates.length, 1);

    const id = TemplateId as number;
    await expectApiError(
      t.client.ModifyLiveCallbackTemplate({
        TemplateId: id,
        RecordExceptionNotifyUrl: "http://192.168.0.2/x",
      }),
      "InvalidParameter.UrlNotSafe",
    );
    assert.equal(t.emulator.state().templates[0].RecordExceptionNotifyUrl, "");
    // Only the URLs a call sets are checked: an older stored one does not block other changes.
    await t.client.ModifyLiveCallbackTemplate({ TemplateId: id, Description: "kept" });

    for (const [i, url] of SAFE.entries()) {
      await t.client.CreateLiveCallbackTemplate({ TemplateName: `s${i}`, RecordNotifyUrl: url });
    }
    assert.equal(t.emulator.state().templates.length, 1 + SAFE.length);
  });

  it("takes the switch as an option and a CLI flag, and refuses other values", async () => {
    const own = await startTestEmulator({ unsafeUrls: "reject" });
    try {
      await expectApiError(
        own.client.CreateLiveCallbackTemplate({
          TemplateName: "x",
          StreamBeginNotifyUrl: "http://10.0.0.1/b",
        }),
        "InvalidParameter.UrlNotSafe",
      );
    } finally {
      await own.emulator.stop();
    }
    assert.equal(parseCommandLine(["--unsafe-urls", "reject"])?.unsafeUrls, "reject");
    assert.equal("unsafeUrls" in (parseCommandLine([]) ?? {}), false);
    assert.throws(() => parseCommandLine(["--unsafe-urls", "maybe"]), /--unsafe-urls/);
    const bad = await adminCall(t.emulator, "POST", "/_emulator/config", { unsafeUrls: "maybe" });
    assert.equal(bad.status, 400);
    assert.throws(() => t.emulator.configure({ unsafeUrls: "maybe" as never }), /unsafeUrls/);
  });
});
