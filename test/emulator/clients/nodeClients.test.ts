// The Node SDKs against the emulator, each through the whole round: tencentcloud-sdk-nodejs
// (TC3 over a JSON POST, its default, and over GET) and tencentcloud-sdk-nodejs-intl-en with
// its default signing (signature v1, HmacSHA256, form-encoded POST) and with HmacSHA1 over GET.
import http from "node:http";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import type { EmulatorHandle } from "../../../src/emulator";
import { useTestEmulator } from "../helpers";
import { runRound, type ClientCall, type ClientResult } from "./round";

const IntlLiveClient = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/live/v20180801/live_client");
const IntlCredential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential");
const IntlClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile");
const IntlHttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile");

interface SdkFailure {
  code?: string;
  message: string;
  requestId?: string;
}

function failure(err: unknown): ClientResult {
  const e = err as SdkFailure;
  if (!e.code) throw err as Error;
  return { error: { code: e.code, message: e.message, requestId: e.requestId } };
}

/** tencentcloud-sdk-nodejs (v3 signing), POST or GET. */
function nodeV3(emulator: EmulatorHandle, reqMethod: "POST" | "GET"): ClientCall {
  const client = new Client({
    credential: emulator.credentials,
    profile: {
      httpProfile: {
        endpoint: emulator.endpoint,
        protocol: "http://",
        reqMethod,
        reqTimeout: 10,
        agent: new http.Agent({ keepAlive: false }),
      },
    },
  });
  return async (action, params) => {
    try {
      return { response: (await client.request(action, params)) as Record<string, unknown> };
    } catch (err) {
      return failure(err);
    }
  };
}

/** tencentcloud-sdk-nodejs-intl-en with the given signing (undefined: its default). */
function nodeIntl(
  emulator: EmulatorHandle,
  signMethod: string | undefined,
  reqMethod: "POST" | "GET",
): ClientCall {
  const { secretId, secretKey, token } = emulator.credentials;
  const httpProfile = new IntlHttpProfile("http://", emulator.endpoint, reqMethod, 10);
  // Its own agent: the SDK would otherwise go through process.env.http_proxy when that is set.
  httpProfile.agent = new http.Agent({ keepAlive: false });
  const client = new IntlLiveClient(
    new IntlCredential(secretId, secretKey, token),
    "",
    new IntlClientProfile(signMethod, httpProfile),
  );
  // doRequest is the signing and sending path of every typed method. The typed methods are not
  // used because this SDK's models (3.0.1335) lack RecordExceptionLevels, RecordExceptionNotifyUrl
  // and RecordStatusNotifyUrl: a typed call silently drops them, and so does its typed answer.
  return async (action, params) => {
    try {
      return { response: (await client.doRequest(action, params, {})) as Record<string, unknown> };
    } catch (err) {
      return failure(err);
    }
  };
}

describe("emulator clients: Node SDKs run the whole round", function () {
  this.timeout(30_000);
  const t = useTestEmulator();

  it("tencentcloud-sdk-nodejs, TC3 over a JSON POST (its default)", async () => {
    await runRound(t.emulator, nodeV3(t.emulator, "POST"));
  });

  it("tencentcloud-sdk-nodejs, TC3 over GET", async () => {
    await runRound(t.emulator, nodeV3(t.emulator, "GET"));
  });

  it("tencentcloud-sdk-nodejs-intl-en, its default: signature v1 HmacSHA256, form POST", async () => {
    await runRound(t.emulator, nodeIntl(t.emulator, undefined, "POST"));
  });

  it("tencentcloud-sdk-nodejs-intl-en, signature v1 HmacSHA1 over GET", async () => {
    await runRound(t.emulator, nodeIntl(t.emulator, "HmacSHA1", "GET"));
  });
});
