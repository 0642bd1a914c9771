/**
 * The API's rules for names, keys and URLs (CreateLiveCallbackTemplate reference; the console's
 * from the seed document), as zod building blocks. Each message states the rule; the provider
 * adds the property name and the offending value.
 */
import { z } from "zod";
import {
  characters as chars,
  isHostName,
  KEY_CHARSET,
  NAME_CHARSET,
  utf8Bytes,
} from "../api/names";

/**
 * A name or description: the API's character set, at most `maxBytes` UTF-8 bytes. The console's
 * tighter character limits are not enforced here (templates made through the API may exceed
 * them); `check` notes when a declaration does.
 */
export function apiText(maxBytes: number, required: boolean) {
  return z
    .string({ error: "must be a string" })
    .refine((s) => !required || s.length > 0, { message: "must not be empty" })
    .refine((s) => NAME_CHARSET.test(s), {
      message: 'may contain only Chinese characters, letters, digits, "_" and "-"',
    })
    .refine((s) => utf8Bytes(s) <= maxBytes, {
      message: `must be at most ${maxBytes} bytes in UTF-8 (a Chinese character takes 3)`,
    });
}

/** A callback URL: absolute, http or https, with a host. */
export const callbackUrl = z.string({ error: "must be a string" }).refine(isCallbackUrl, {
  message:
    "must be an absolute http:// or https:// URL with a host (omit the property to leave it unset)",
});

function isCallbackUrl(s: string): boolean {
  // The URL parser forgives "http:///x" and "https:host"; the platform needs scheme://host.
  if (/\s/.test(s) || !/^https?:\/\/[^/?#@\s]+/i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The callback key: letters and digits only, 1 to 32 characters. */
export const callbackKeyRule = z
  .string({ error: "must be a string" })
  .refine((s) => s.length > 0, { message: "must not be empty (omit it for no key)" })
  .refine((s) => KEY_CHARSET.test(s), { message: "may contain only letters and digits" })
  .refine((s) => s.length <= 32, { message: "must be at most 32 characters" });

/**
 * A push domain: a valid DNS host name with at least two labels, each 1-63 of letters, digits
 * and inner hyphens, 253 characters at most. Stored in lower case, as DNS compares names.
 */
export const domainName = z
  .string({ error: "must be a string" })
  .refine((s) => s.length > 0, { message: "must not be empty" })
  .refine(isHostName, {
    message:
      "must be a valid host name such as push.example.com (labels of letters, digits and inner hyphens, separated by dots)",
  })
  .transform((s) => s.toLowerCase());

/** The push path (AppName): non-empty, no `/`, no whitespace, at most 128 characters. */
export const appName = z
  .string({ error: "must be a string" })
  .refine((s) => s.length > 0, { message: "must not be empty" })
  .refine((s) => !s.includes("/"), { message: 'must not contain "/"' })
  .refine((s) => !/\s/.test(s), { message: "must not contain spaces or other whitespace" })
  .refine((s) => chars(s) <= 128, { message: "must be at most 128 characters" });

/** A template id: a positive integer. */
export const templateId = z
  .number({ error: "must be a number" })
  .refine((n) => Number.isInteger(n) && n > 0, { message: "must be a positive integer" });
