/**
 * STS AssumeRoleWithWebIdentity (unsigned): an OIDC token given inline or read from a file at
 * each renewal (CI systems and TKE rotate it), for a role given inline or read from a file.
 * Terraform's files are JSON (`{"web_identity_token": "..."}`, `{"role_arn": "..."}`); TKE's
 * token file is the raw JWT, which is accepted too.
 */
import { readFile } from "node:fs/promises";
import { ROLE_ARN } from "./inputs";
import { callSts, credentialOf, type StsCredentialsAnswer, type StsTransport } from "./sts";
import { stsCredentialError } from "./stsError";
import { CredentialError, type CredentialSource } from "./types";

/** What a web-identity source needs; exactly one of each pair is set. */
export interface WebIdentityParams {
  providerId: string;
  sessionName: string;
  sessionDuration: number;
  token?: string;
  tokenFile?: string;
  roleArn?: string;
  roleArnFile?: string;
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

async function readText(file: string, label: string, what: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (err) {
    throw new CredentialError(
      label,
      `cannot read the ${what} file ${file}: ${(err as NodeJS.ErrnoException).code}`,
    );
  }
}

/** The token in a token file: Terraform's JSON form or a raw JWT. */
export async function readTokenFile(file: string, label: string): Promise<string> {
  const text = await readText(file, label, "web identity token");
  if (JWT.test(text)) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialError(
      label,
      `${file} is neither JSON {"web_identity_token": "..."} nor a raw JWT.`,
    );
  }
  const token = (json as { web_identity_token?: unknown } | null)?.web_identity_token;
  if (typeof token !== "string" || !token.trim()) {
    throw new CredentialError(label, `${file} has no "web_identity_token" string.`);
  }
  return token.trim();
}

/** The role in a role-ARN file: JSON `{"role_arn": "..."}`. */
export async function readRoleArnFile(file: string, label: string): Promise<string> {
  const text = await readText(file, label, "role ARN");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialError(label, `${file} is not JSON {"role_arn": "..."}.`);
  }
  const arn = (json as { role_arn?: unknown } | null)?.role_arn;
  if (typeof arn !== "string" || !ROLE_ARN.test(arn.trim())) {
    throw new CredentialError(
      label,
      `${file} has no "role_arn" like qcs::cam::uin/100000000001:roleName/deployer.`,
    );
  }
  return arn.trim();
}

/** A source exchanging the web identity token for temporary credentials. */
export function webIdentitySource(
  params: WebIdentityParams,
  transport: StsTransport,
  label: string,
): CredentialSource {
  return {
    label,
    async fetch() {
      const token = params.tokenFile
        ? await readTokenFile(params.tokenFile, label)
        : (params.token ?? "");
      const roleArn = params.roleArnFile
        ? await readRoleArnFile(params.roleArnFile, label)
        : (params.roleArn ?? "");
      try {
        const answer = await callSts<StsCredentialsAnswer>(transport, "AssumeRoleWithWebIdentity", {
          ProviderId: params.providerId,
          WebIdentityToken: token,
          RoleArn: roleArn,
          RoleSessionName: params.sessionName,
          DurationSeconds: params.sessionDuration,
        });
        return credentialOf(answer);
      } catch (err) {
        throw stsCredentialError(label, "AssumeRoleWithWebIdentity", err);
      }
    },
  };
}
