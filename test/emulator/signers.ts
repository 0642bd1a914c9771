/**
 * Signers for the request forms API 3.0 accepts besides TC3 over a JSON POST, written from the
 * protocol description with Node's crypto (independent of the emulator's verifiers): signature
 * v1 over a GET query or a form-encoded POST, and TC3 over a GET query or multipart/form-data.
 */
import { createHash, createHmac } from "node:crypto";
import type { EmulatorHandle } from "../../src/emulator";
import { httpRequest, type JsonAnswer } from "./helpers";

/** Inputs of {@link v1Call}; everything but `action` has a working default. */
export interface V1CallOptions {
  action: string;
  /** The action's parameters, already flattened (`Foo.0`), as text. */
  params?: Record<string, string>;
  method?: "GET" | "POST";
  signatureMethod?: "HmacSHA1" | "HmacSHA256" | string;
  secretId?: string;
  secretKey?: string;
  token?: string;
  timestamp?: number;
  nonce?: string;
  /** Host value that goes into the string to sign; default the emulator's `host:port`. */
  signedHost?: string;
  /** Drops these parameters before signing (`Signature` itself: after), to test missing ones. */
  omit?: string[];
  /** Replaces the computed signature. */
  signature?: string;
}

/** `base64(HMAC(key, string))` of signature v1. */
export function v1Signature(key: string, stringToSign: string, method = "HmacSHA1"): string {
  const hash = method === "HmacSHA256" ? "sha256" : "sha1";
  return createHmac(hash, key).update(stringToSign, "utf8").digest("base64");
}

/** Sends one v1-signed request; returns the HTTP status and JSON body. */
export function v1Call(emulator: EmulatorHandle, options: V1CallOptions): Promise<JsonAnswer> {
  const method = options.method ?? "POST";
  const params: Record<string, string> = {
    Action: options.action,
    Version: "2018-08-01",
    Timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    Nonce: options.nonce ?? String(1 + Math.floor(Math.random() * 1e6)),
    SecretId: options.secretId ?? emulator.credentials.secretId,
    ...options.params,
  };
  if (options.signatureMethod) params.SignatureMethod = options.signatureMethod;
  if (options.token !== undefined) params.Token = options.token;
  for (const name of options.omit ?? []) delete params[name];
  const sorted = Object.keys(params).sort();
  const toSign =
    `${method}${options.signedHost ?? emulator.endpoint}/?` +
    sorted.map((name) => `${name}=${params[name]}`).join("&");
  params.Signature =
    options.signature ??
    v1Signature(
      options.secretKey ?? emulator.credentials.secretKey,
      toSign,
      params.SignatureMethod,
    );
  if (options.omit?.includes("Signature")) delete params.Signature;
  const encoded = new URLSearchParams(params).toString();
  return method === "GET"
    ? httpRequest(emulator, "GET", `/?${encoded}`, undefined)
    : httpRequest(emulator, "POST", "/", encoded, {
        "Content-Type": "application/x-www-form-urlencoded",
      });
}

/** Inputs of {@link tc3TextCall}. */
export interface Tc3TextCallOptions {
  action: string;
  /** The action's parameters, flattened, as text. */
  params?: Record<string, string>;
  form: "get" | "multipart";
  secretKey?: string;
  timestamp?: number;
}

/**
 * Sends one TC3-signed request whose parameters travel as text: in the query of a GET (content
 * type `application/x-www-form-urlencoded`, empty body) or as a multipart/form-data body.
 */
export function tc3TextCall(
  emulator: EmulatorHandle,
  options: Tc3TextCallOptions,
): Promise<JsonAnswer> {
  const sha256 = (s: string | Buffer): string => createHash("sha256").update(s).digest("hex");
  const mac = (key: string | Buffer, s: string): Buffer =>
    createHmac("sha256", key).update(s, "utf8").digest();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const params = options.params ?? {};
  let query = "";
  let body = Buffer.alloc(0);
  let contentType = "application/x-www-form-urlencoded";
  if (options.form === "get") {
    query = new URLSearchParams(params).toString();
  } else {
    const boundary = "emulator-test-boundary-7f3a";
    contentType = `multipart/form-data; boundary=${boundary}`;
    const parts = Object.entries(params).map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    body = Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8");
  }
  const method = options.form === "get" ? "GET" : "POST";
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical =
    `${method}\n/\n${query}\ncontent-type:${contentType}\nhost:${emulator.endpoint}\n\n` +
    `content-type;host\n${sha256(body)}`;
  const scope = `${date}/live/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = mac(
    mac(mac(`TC3${options.secretKey ?? emulator.credentials.secretKey}`, date), "live"),
    "tc3_request",
  );
  const signature = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return httpRequest(emulator, method, query ? `/?${query}` : "/", body, {
    "Content-Type": contentType,
    Authorization: `TC3-HMAC-SHA256 Credential=${emulator.credentials.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    "X-TC-Action": options.action,
    "X-TC-Version": "2018-08-01",
    "X-TC-Timestamp": String(timestamp),
  });
}
