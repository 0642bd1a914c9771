/**
 * The character rules of names, keys and domains, shared by the library's input checks and the
 * emulator's parameter checks so that the two cannot drift apart.
 */
import { isIP } from "node:net";

/** Chinese (Han) characters, ASCII letters, digits, `_` and `-`: names and descriptions. */
export const NAME_CHARSET = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;

/** The API's limit on TemplateName, in UTF-8 bytes (CreateLiveCallbackTemplate reference). */
export const TEMPLATE_NAME_MAX_BYTES = 255;

/** The API's limit on Description, in UTF-8 bytes. */
export const DESCRIPTION_MAX_BYTES = 1024;

/**
 * The console's tighter limits, in characters. A template made through the API may exceed them;
 * that is allowed, but the console may then refuse to edit it.
 */
export const CONSOLE_LIMITS = { templateName: 30, description: 100 } as const;

/** Length of `s` in UTF-8 bytes, as the API counts. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Length of `s` in characters (code points), as the console counts. */
export function characters(s: string): number {
  return [...s].length;
}

/** ASCII letters and digits: callback keys. */
export const KEY_CHARSET = /^[A-Za-z0-9]*$/;

const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A DNS host name usable as a push domain: at least two labels of letters, digits and inner
 * hyphens, 253 characters at most, never an IP address, and a top-level label with a letter.
 */
export function isHostName(s: string): boolean {
  const labels = s.split(".");
  return (
    s.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    isIP(s) === 0 &&
    /^[A-Za-z]/.test(labels[labels.length - 1])
  );
}
