/**
 * tccli's profile files, as the Terraform provider reads them:
 * `<dir>/<profile>.credential`, JSON with `secretId`, `secretKey`, `token` and optionally
 * `role-arn` / `role-session-name` (a role the profile's keys assume).
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { CredentialError, type CredentialSource } from "./types";

/** What a profile holds, after checking. */
export interface ProfileContents {
  secretId: string;
  secretKey: string;
  token?: string;
  roleArn?: string;
  roleSessionName?: string;
}

const profileSchema = z.looseObject({
  secretId: z.string().trim().min(1),
  secretKey: z.string().trim().min(1),
  token: z.string().optional(),
  "role-arn": z.string().optional(),
  "role-session-name": z.string().optional(),
});

/** Path of the credential file of `profile` in `dir`. */
export function profileFile(dir: string, profile: string): string {
  return path.join(dir, `${profile}.credential`);
}

/** True when the profile's credential file exists. */
export function profileExists(dir: string, profile: string): boolean {
  return existsSync(profileFile(dir, profile));
}

/**
 * Reads and checks a profile (synchronously: the chain is built from it). Throws a {@link CredentialError} naming `label` and the file,
 * and which field is wrong (never its value).
 */
export function readProfile(dir: string, profile: string, label: string): ProfileContents {
  const file = profileFile(dir, profile);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CredentialError(label, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialError(label, `${file} is not JSON.`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new CredentialError(label, `${file} is not a JSON object with secretId and secretKey.`);
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new CredentialError(label, `${file} lacks a usable ${fields}.`);
  }
  const p = parsed.data;
  return {
    secretId: p.secretId,
    secretKey: p.secretKey,
    token: p.token || undefined,
    roleArn: p["role-arn"] || undefined,
    roleSessionName: p["role-session-name"] || undefined,
  };
}

/** A source reading the profile's keys anew on each fetch (tccli may rewrite the file). */
export function profileSource(dir: string, profile: string, label: string): CredentialSource {
  return {
    label,
    fetch() {
      try {
        const p = readProfile(dir, profile, label);
        return Promise.resolve({ secretId: p.secretId, secretKey: p.secretKey, token: p.token });
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
  };
}
