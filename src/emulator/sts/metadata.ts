/**
 * The CVM metadata routes of the instance's CAM role, served on the emulator's port:
 * `GET /latest/meta-data/cam/security-credentials/` answers the role name (404 without one),
 * `.../security-credentials/<role>` a temporary credential for it, as the real service does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http";
import type { EmulatorRuntime } from "../runtime";
import { issueCredential } from "./state";

/** Path prefix of the metadata routes. */
export const METADATA_PREFIX = "/latest/meta-data/";
const CREDENTIALS = "/latest/meta-data/cam/security-credentials/";

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "Content-Type": "text/plain" }).end(body);
}

/** Answers one metadata request. */
export function handleMetadataRequest(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const path = new URL(req.url ?? "/", "http://emulator").pathname;
  const role = runtime.sts.cvmRoleName;
  if (req.method !== "GET") return text(res, 405, "method not allowed");
  if (path === CREDENTIALS) return role ? text(res, 200, role) : text(res, 404, "not found");
  if (
    !path.startsWith(CREDENTIALS) ||
    !role ||
    decodeURIComponent(path.slice(CREDENTIALS.length)) !== role
  ) {
    return text(res, 404, "not found");
  }
  const lifetime = runtime.config.stsLifetimeSeconds > 0 ? runtime.config.stsLifetimeSeconds : 7200;
  const nowMs = Date.now();
  const c = issueCredential(runtime.sts, {
    roleArn: `qcs::cam::uin/${runtime.sts.accountId}:roleName/${role}`,
    issuedBy: "CvmMetadata",
    lifetimeSeconds: lifetime,
    nowMs,
  });
  sendJson(res, 200, {
    TmpSecretId: c.secretId,
    TmpSecretKey: c.secretKey,
    ExpiredTime: Math.floor(c.expiresAtMs / 1000),
    Expiration: new Date(c.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    Token: c.token,
    Code: "Success",
  });
}
