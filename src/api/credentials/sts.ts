/**
 * Calls of the STS API (2018-08-13) through the SDK's common client: signed with a credential
 * provider (AssumeRole, GetCallerIdentity) or unsigned with `Authorization: SKIP`
 * (AssumeRoleWithWebIdentity). The endpoint is injectable so that the emulator can serve STS;
 * each call has a timeout; a failure keeps the API's code and RequestId.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { CommonClient as SdkCommonClient } from "tencentcloud-sdk-nodejs/tencentcloud/common/common_client";
import type { Credential, CredentialProvider } from "./types";

/** The STS API version. */
export const STS_VERSION = "2018-08-13";
/** The production STS endpoint. */
export const DEFAULT_STS_ENDPOINT = "https://sts.tencentcloudapi.com";

/** Where and how STS is called. */
export interface StsTransport {
  endpoint: URL;
  /** Sent as `X-TC-Region`; AssumeRoleWithWebIdentity requires one. */
  region: string;
  timeoutSeconds: number;
}

/** An STS failure: the API's code and RequestId, or a network error (empty code). */
export interface StsFailure {
  code: string;
  message: string;
  requestId: string;
}

/** The credentials part of an STS answer. */
export interface StsCredentialsAnswer {
  Credentials?: { Token?: string; TmpSecretId?: string; TmpSecretKey?: string };
  ExpiredTime?: number;
  Expiration?: string;
}

/** True when `err` is an {@link StsFailure}. */
export function isStsFailure(err: unknown): err is StsFailure {
  return typeof err === "object" && err !== null && "code" in err && "requestId" in err;
}

/**
 * Calls `action` with `params`. `signer` signs the request; without one it goes unsigned.
 * Rejects with an {@link StsFailure}.
 */
export async function callSts<T>(
  transport: StsTransport,
  action: string,
  params: Record<string, unknown>,
  signer?: CredentialProvider,
): Promise<T> {
  const { CommonClient } =
    // Required on use so that a stack with static keys never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("tencentcloud-sdk-nodejs/tencentcloud/common/common_client") as {
      CommonClient: typeof SdkCommonClient;
    };
  const secure = transport.endpoint.protocol === "https:";
  const credential = signer
    ? { getCredential: () => signer.getCredential() }
    : { secretId: "", secretKey: "" };
  const client = new CommonClient(transport.endpoint.host, STS_VERSION, {
    credential,
    region: transport.region,
    profile: {
      httpProfile: {
        endpoint: transport.endpoint.host,
        protocol: secure ? "https://" : "http://",
        reqTimeout: transport.timeoutSeconds,
        // A fresh agent without keep-alive: STS is called rarely, and an http_proxy variable
        // must not reroute the call.
        agent: secure ? new https.Agent() : new http.Agent(),
      },
    },
  });
  try {
    return (await client.request(action, params, signer ? {} : { skipSign: true })) as T;
  } catch (err) {
    const e = (err ?? {}) as { code?: string; message?: string; requestId?: string };
    const failure: StsFailure = {
      code: e.code ?? "",
      message: e.message || "no message",
      requestId: e.requestId ?? "",
    };
    throw failure;
  }
}

/** The credential in an STS answer; throws when it lacks a part. */
export function credentialOf(answer: StsCredentialsAnswer): Credential {
  const c = answer.Credentials;
  if (!c?.TmpSecretId || !c.TmpSecretKey || !c.Token || typeof answer.ExpiredTime !== "number") {
    throw { code: "", message: "the answer carried no complete Credentials", requestId: "" };
  }
  return {
    secretId: c.TmpSecretId,
    secretKey: c.TmpSecretKey,
    token: c.Token,
    expiresAtMs: answer.ExpiredTime * 1000,
  };
}
